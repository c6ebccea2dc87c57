import { randomUUID } from 'node:crypto'
import type { Redis } from '../../redis.ts'
import { type DeliveryLimits, isGroupChat, type WindowLimit } from './delivery-limits.ts'
import { DELIVERY_PRIORITY, type DeliveryPriority, RESERVE_USERS_UP_TO } from './delivery-priority.ts'

// One sorted set of send times per chat (and one for the whole bot), checked and written atomically, with
// Redis's clock, so that every worker process shares the same view of who may send when. The last key is the
// chat's 429 hold: while it lives, nothing is sent to the chat.
const TAKE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local wait = 0
local which = 0
local held = redis.call('PTTL', KEYS[#KEYS])
if held > 0 then return {held, 1} end
local rule = 1
for k = 1, #KEYS - 1 do
  local n = tonumber(ARGV[rule])
  for i = 1, n do
    local window = tonumber(ARGV[rule + i * 2 - 1])
    local limit = tonumber(ARGV[rule + i * 2])
    local count = redis.call('ZCOUNT', KEYS[k], now - window + 1, '+inf')
    if count >= limit then
      local oldest = redis.call('ZRANGEBYSCORE', KEYS[k], now - window + 1, '+inf', 'WITHSCORES', 'LIMIT', count - limit, 1)
      local free = tonumber(oldest[2]) + window - now
      if free > wait then
        wait = free
        which = k
      end
    end
  end
  rule = rule + 1 + n * 2
end
if wait > 0 then return {wait, which} end
rule = 1
for k = 1, #KEYS - 1 do
  local n = tonumber(ARGV[rule])
  local longest = 0
  for i = 1, n do
    local window = tonumber(ARGV[rule + i * 2 - 1])
    if window > longest then longest = window end
  end
  redis.call('ZREMRANGEBYSCORE', KEYS[k], '-inf', now - longest)
  redis.call('ZADD', KEYS[k], now, ARGV[#ARGV])
  redis.call('PEXPIRE', KEYS[k], longest)
  rule = rule + 1 + n * 2
end
return {0, 0}
`

// A message's slot, moved to the time its answer came: the server received it no later than that, so counting
// the windows from there can never let the next message arrive inside a window the server still counts it in,
// however the requests were delayed or overtook each other on the way. ARGV: the member, then each key's TTL.
const SETTLE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for k = 1, #KEYS do
  if redis.call('ZADD', KEYS[k], 'XX', 'CH', now, ARGV[1]) == 1 then redis.call('PEXPIRE', KEYS[k], ARGV[k + 1]) end
end
return now
`

const TAKE_SLOT_COMMAND = 'gridPacerTakeSlot'
const SETTLE_SLOT_COMMAND = 'gridPacerSettleSlot'

/** A slot taken: where it was recorded, to be settled when the answer comes. */
export interface Slot {
  keys: string[]
  member: string
  ttlMs: number[]
}

/** A slot was not free: the chat (or the bot as a whole) may send again in `waitMs`. */
export type SlotResult = { ok: true; slot: Slot } | { ok: false; waitMs: number; scope: 'chat' | 'global' }

/**
 * Per-chat and global pacing of outgoing messages, shared by every worker process through Redis. Taking a
 * slot reserves it; a caller that is refused must wait, not spin (the notifier delays its job). A slot counts
 * from when it is taken until its answer comes, and from then on for the window (see SETTLE_SLOT).
 */
export function createChatPacer(redis: Redis, prefix: string, limits: DeliveryLimits) {
  const widen = (rules: readonly WindowLimit[]) =>
    rules.map((rule) => ({ limit: rule.limit, windowMs: rule.windowMs + limits.marginMs }))
  const encode = (rules: readonly WindowLimit[]) => [
    String(rules.length),
    ...rules.flatMap((rule) => [String(rule.windowMs), String(rule.limit)]),
  ]
  const globalRules = widen([limits.global])
  const broadcastReserve = Math.min(limits.broadcastReserve ?? 0, limits.global.limit - 1)
  const globalRulesOfBroadcasts = widen([{ ...limits.global, limit: limits.global.limit - broadcastReserve }])
  const reserve = limits.groupReserve ?? 0
  const privateRules = widen(limits.privateChat)
  const groupRules = widen(limits.groupChat)
  const groupRulesOutsideReserve = widen(
    limits.groupChat.map((rule) => (rule.limit > reserve ? { ...rule, limit: rule.limit - reserve } : rule)),
  )
  const globalKey = `${prefix}:pace:global`

  // Sent by its SHA (EVALSHA, falling back to EVAL after a SCRIPT FLUSH): the script text is not sent and
  // hashed again for every message.
  if (!(TAKE_SLOT_COMMAND in redis)) redis.defineCommand(TAKE_SLOT_COMMAND, { lua: TAKE_SLOT })
  if (!(SETTLE_SLOT_COMMAND in redis)) redis.defineCommand(SETTLE_SLOT_COMMAND, { lua: SETTLE_SLOT })
  type Script<T> = (...args: Array<string | number>) => Promise<T>
  const commands = redis as unknown as Record<typeof TAKE_SLOT_COMMAND | typeof SETTLE_SLOT_COMMAND, Script<unknown>>
  const takeSlotScript = commands[TAKE_SLOT_COMMAND].bind(redis) as Script<[number, number]>
  const settleSlotScript = commands[SETTLE_SLOT_COMMAND].bind(redis) as Script<number>

  /** Checks every key's rules and, only if all allow it, records the send under every key. */
  async function take(
    keys: string[],
    rules: WindowLimit[][],
  ): Promise<{ waitMs: number; keyIndex: number; member: string }> {
    const member = randomUUID()
    const [waitMs, which] = await takeSlotScript(keys.length, ...keys, ...rules.flatMap(encode), member)
    return { waitMs: Number(waitMs), keyIndex: Number(which) - 1, member }
  }
  const longest = (rules: readonly WindowLimit[]) => Math.max(...rules.map((rule) => rule.windowMs))

  return {
    /**
     * Takes a slot for one message to `chatId`, or says how long to wait. In a group, a message of a priority
     * after card edits leaves the group's reserve alone.
     */
    async takeSlot(
      chatId: number | bigint,
      priority: DeliveryPriority = DELIVERY_PRIORITY.MESSAGE,
    ): Promise<SlotResult> {
      const chatRules = isGroupChat(chatId)
        ? priority > RESERVE_USERS_UP_TO
          ? groupRulesOutsideReserve
          : groupRules
        : privateRules
      const chatKey = `${prefix}:pace:chat:${chatId}`
      const { waitMs, keyIndex, member } = await take(
        [chatKey, globalKey, `${prefix}:pace:hold:${chatId}`],
        [chatRules, priority >= DELIVERY_PRIORITY.BROADCAST ? globalRulesOfBroadcasts : globalRules],
      )
      if (waitMs <= 0)
        return {
          ok: true,
          slot: { keys: [chatKey, globalKey], member, ttlMs: [longest(chatRules), longest(globalRules)] },
        }
      return { ok: false, waitMs, scope: keyIndex === 0 ? 'chat' : 'global' }
    },

    /**
     * The answer to the message of `slot` came (or its request failed): its windows count from now. Never
     * throws; a slot left unsettled still counts from when it was taken.
     */
    async settle(slot: Slot): Promise<void> {
      await settleSlotScript(slot.keys.length, ...slot.keys, slot.member, ...slot.ttlMs).catch(() => undefined)
    },

    /** Telegram said 429 for this chat: nobody sends to it until `retryAfterMs` has passed. */
    async blockChat(chatId: number | bigint, retryAfterMs: number): Promise<void> {
      await redis.set(`${prefix}:pace:hold:${chatId}`, '1', 'PX', Math.max(1, Math.ceil(retryAfterMs)))
    },
  }
}

export type ChatPacer = ReturnType<typeof createChatPacer>
