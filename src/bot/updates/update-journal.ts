import { randomUUID } from 'node:crypto'
import type { Update } from 'grammy/types'
import { z } from 'zod'
import type { Logger } from '../../logging/logger.ts'
import type { Redis } from '../../redis.ts'
import { repliesKeyPrefix } from './reply-ledger.ts'

/**
 * Every update this deployment has taken but not finished handling, kept in Redis (`<prefix>:updates:journal`,
 * update id → owner and `{"v":1,"update":…}`), and the ids of the updates it has finished (`<prefix>:updates:handled`).
 *
 * An update is journaled before Telegram is told it was received (the next getUpdates offset, or the webhook's
 * answer), and leaves the journal once handled. A process that dies in between leaves it behind; whichever bot
 * process sees that the owner's liveness key has expired claims it and handles it. An update whose id was handled
 * already, or is being handled, is never admitted again: a redelivery is dropped before anything runs.
 */
export interface UpdateJournal {
  /** Starts announcing that this process is alive (its entries are not orphans while it does). */
  start(): Promise<void>
  /** Journals the updates not handled or being handled already, in one round trip; returns those (in order). */
  admit(updates: readonly Update[]): Promise<Update[]>
  /** Marks an update handled: out of the journal, into the handled ids (with the others finished in the same turn). */
  finish(updateId: number): Promise<void>
  /** Takes over the entries of processes that are no longer alive and returns their updates. */
  claimOrphans(): Promise<Update[]>
  /** Stops the liveness announcement and withdraws it, so that anything left behind is claimable at once. */
  stop(): Promise<void>
}

export interface UpdateJournalOptions {
  /** How long an owner counts as alive after its last announcement. @defaultValue 8000 */
  livenessMs?: number
  /** How many handled ids are remembered (Telegram only redelivers what it has not been told of). @defaultValue 10000 */
  rememberHandled?: number
}

/** Journals only the updates that are neither handled (ZSCORE) nor journaled (HEXISTS); returns their ids. */
const ADMIT = `
local admitted = {}
for index = 2, #ARGV, 2 do
  local id = ARGV[index]
  if not redis.call('ZSCORE', KEYS[2], id) and redis.call('HEXISTS', KEYS[1], id) == 0 then
    redis.call('HSET', KEYS[1], id, ARGV[1] .. ' ' .. ARGV[index + 1])
    admitted[#admitted + 1] = id
  end
end
return admitted`

/**
 * Moves ids from the journal to the handled ids (scored by time), drops what their handling recorded of its calls
 * to Telegram (ARGV[3] .. id, see reply-ledger.ts), and keeps only the most recent handled ids.
 */
const FINISH = `
for index = 4, #ARGV do
  redis.call('HDEL', KEYS[1], ARGV[index])
  redis.call('ZADD', KEYS[2], ARGV[1], ARGV[index])
  redis.call('DEL', ARGV[3] .. ARGV[index])
end
local keep = tonumber(ARGV[2])
if redis.call('ZCARD', KEYS[2]) > keep then redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -keep - 1) end
return 1`

/**
 * Rewrites the entries whose owner's liveness key is gone to the new owner and returns their ids and updates. The
 * liveness keys are read by name (ARGV[2] .. owner): a single-instance Redis, like the rest of the bot's state.
 */
const CLAIM_ORPHANS = `
local entries = redis.call('HGETALL', KEYS[1])
local claimed = {}
for index = 1, #entries, 2 do
  local owner, update = string.match(entries[index + 1], '^(%S+) (.*)$')
  if owner ~= ARGV[1] and (not owner or redis.call('EXISTS', ARGV[2] .. owner) == 0) then
    redis.call('HSET', KEYS[1], entries[index], ARGV[1] .. ' ' .. (update or ''))
    claimed[#claimed + 1] = entries[index]
    claimed[#claimed + 1] = update or ''
  end
end
return claimed`

const COMMANDS = { admit: 'gridAdmitUpdates', finish: 'gridFinishUpdate', claim: 'gridClaimOrphanUpdates' } as const
type JournalCommand = (...args: Array<string | number>) => Promise<unknown>

export function createUpdateJournal(
  deps: { redis: Redis; prefix: string; log: Logger },
  options: UpdateJournalOptions = {},
): UpdateJournal {
  const { redis, log } = deps
  const livenessMs = options.livenessMs ?? 8000
  const rememberHandled = options.rememberHandled ?? 10_000
  const journalKey = `${deps.prefix}:updates:journal`
  const handledKey = `${deps.prefix}:updates:handled`
  const livenessPrefix = `${deps.prefix}:updates:alive:`
  const repliesKey = repliesKeyPrefix(deps.prefix)
  const owner = randomUUID()
  const livenessKey = livenessPrefix + owner
  if (!(COMMANDS.admit in redis)) {
    redis.defineCommand(COMMANDS.admit, { lua: ADMIT, numberOfKeys: 2 })
    redis.defineCommand(COMMANDS.finish, { lua: FINISH, numberOfKeys: 2 })
    redis.defineCommand(COMMANDS.claim, { lua: CLAIM_ORPHANS, numberOfKeys: 1 })
  }
  const command = (name: keyof typeof COMMANDS): JournalCommand =>
    (redis as unknown as Record<(typeof COMMANDS)[typeof name], JournalCommand>)[COMMANDS[name]].bind(redis)
  const admit = command('admit')
  const finish = command('finish')
  const claim = command('claim')

  // The updates finished in one event-loop turn leave the journal in one call.
  let finishing: { ids: Array<number | string>; done: Promise<void> } | undefined
  const finishSoon = (updateId: number | string): Promise<void> => {
    if (!finishing) {
      const batch: { ids: Array<number | string>; done: Promise<void> } = { ids: [], done: Promise.resolve() }
      batch.done = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        finishing = undefined
        await finish(journalKey, handledKey, Date.now(), rememberHandled, repliesKey, ...batch.ids)
      })
      finishing = batch
    }
    finishing.ids.push(updateId)
    return finishing.done
  }

  let heartbeat: NodeJS.Timeout | undefined
  const announce = () => redis.set(livenessKey, '1', 'PX', livenessMs)

  return {
    async start() {
      await announce()
      heartbeat = setInterval(
        () => {
          announce().catch((error: unknown) =>
            log.warn(
              { err: error },
              'could not renew the update journal liveness; other bot processes may take over updates in progress',
            ),
          )
        },
        Math.max(100, Math.floor(livenessMs / 4)),
      )
      heartbeat.unref()
    },
    async admit(updates) {
      if (updates.length === 0) return []
      const args: string[] = []
      for (const update of updates) args.push(String(update.update_id), JSON.stringify({ v: JOURNAL_VERSION, update }))
      const admitted = new Set(((await admit(journalKey, handledKey, owner, ...args)) as unknown[]).map(Number))
      return updates.filter((update) => admitted.has(update.update_id))
    },
    finish: (updateId) => finishSoon(updateId),
    async claimOrphans() {
      const claimed = (await claim(journalKey, owner, livenessPrefix)) as unknown[]
      const updates: Update[] = []
      for (let index = 0; index < claimed.length; index += 2) {
        const update = parseEntry(claimed[index + 1])
        if (update) {
          updates.push(update)
          continue
        }
        log.error(
          { entryId: String(claimed[index]) },
          'update journal entry fails its schema (another release?); dropped',
        )
        await finishSoon(String(claimed[index]))
      }
      return updates
    },
    async stop() {
      clearInterval(heartbeat)
      heartbeat = undefined
      await redis.del(livenessKey)
    },
  }
}

/** Bumped when the entry's shape changes: an entry of another version is dropped, never misread. */
const JOURNAL_VERSION = 1

/** A journal entry after its owner: the update, as Telegram sent it, in a versioned envelope. */
const journalEntrySchema = z.object({
  v: z.literal(JOURNAL_VERSION),
  update: z.looseObject({ update_id: z.number().int() }),
})

function parseEntry(text: unknown): Update | undefined {
  if (typeof text !== 'string') return undefined
  try {
    const entry = journalEntrySchema.safeParse(JSON.parse(text))
    return entry.success ? (entry.data.update as Update) : undefined
  } catch {
    return undefined
  }
}
