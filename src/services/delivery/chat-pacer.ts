import { randomUUID } from 'node:crypto'
import type { Redis } from '../../queue/redis.ts'
import { isGroupChat, type DeliveryLimits, type WindowLimit } from './delivery-limits.ts'

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

const TAKE_SLOT_COMMAND = 'gridPacerTakeSlot'

/** A slot was not free: the chat (or the bot as a whole) may send again in `waitMs`. */
export type SlotResult = { ok: true } | { ok: false; waitMs: number; scope: 'chat' | 'global' }

/**
 * Per-chat and global pacing of outgoing messages, shared by every worker process through Redis. Taking a
 * slot reserves it; a caller that is refused must wait, not spin (the notifier delays its job).
 */
export function createChatPacer(redis: Redis, prefix: string, limits: DeliveryLimits) {
  const widen = (rules: readonly WindowLimit[]) => rules.map((rule) => ({ limit: rule.limit, windowMs: rule.windowMs + limits.marginMs }))
  const encode = (rules: readonly WindowLimit[]) => [String(rules.length), ...rules.flatMap((rule) => [String(rule.windowMs), String(rule.limit)])]
  const globalRules = widen([limits.global])
  const globalKey = `${prefix}:pace:global`

  // Sent by its SHA (EVALSHA, falling back to EVAL after a SCRIPT FLUSH): the script text is not sent and
  // hashed again for every message.
  if (!(TAKE_SLOT_COMMAND in redis)) redis.defineCommand(TAKE_SLOT_COMMAND, { lua: TAKE_SLOT })
  const takeSlotScript = (redis as unknown as Record<typeof TAKE_SLOT_COMMAND, (...args: Array<string | number>) => Promise<[number, number]>>)[TAKE_SLOT_COMMAND]!.bind(redis)

  /** Checks every key's rules and, only if all allow it, records the send under every key. */
  async function take(keys: string[], rules: WindowLimit[][]): Promise<{ waitMs: number; keyIndex: number }> {
    const args = [...rules.flatMap(encode), randomUUID()]
    const [waitMs, which] = await takeSlotScript(keys.length, ...keys, ...args)
    return { waitMs: Number(waitMs), keyIndex: Number(which) - 1 }
  }

  return {
    /** Takes a slot for one message to `chatId`, or says how long to wait. */
    async takeSlot(chatId: number | bigint): Promise<SlotResult> {
      const chatRules = widen(isGroupChat(chatId) ? limits.groupChat : limits.privateChat)
      const { waitMs, keyIndex } = await take([`${prefix}:pace:chat:${chatId}`, globalKey, `${prefix}:pace:hold:${chatId}`], [chatRules, globalRules])
      if (waitMs <= 0) return { ok: true }
      return { ok: false, waitMs, scope: keyIndex === 0 ? 'chat' : 'global' }
    },

    /** Telegram said 429 for this chat: nobody sends to it until `retryAfterMs` has passed. */
    async blockChat(chatId: number | bigint, retryAfterMs: number): Promise<void> {
      await redis.set(`${prefix}:pace:hold:${chatId}`, '1', 'PX', Math.max(1, Math.ceil(retryAfterMs)))
    },
  }
}

export type ChatPacer = ReturnType<typeof createChatPacer>
