import { AsyncLocalStorage } from 'node:async_hooks'
import type { Transformer } from 'grammy'
import { z } from 'zod'
import type { Logger } from '../../logging/logger.ts'
import type { Redis } from '../../redis.ts'

/**
 * What the handling of one update has already said to Telegram, so that handling it again after a crash does not
 * say it twice. Every call an update's handling makes (except reads, `get…`) is recorded in Redis
 * (`<prefix>:updates:replies:<update id>`, call number → method and result) as soon as Telegram has answered it;
 * when a successor takes the update over from the journal, the calls recorded already are answered from the record
 * instead of being made again, and the handling goes on from the first call that was not.
 *
 * What is left is the time between Telegram's answer and the record (one Redis write): a process killed exactly
 * then repeats that one call. The journal deletes the record when it marks the update handled.
 */
export interface ReplyLedger {
  /** Installed on the bot's API: records (and, in a replay, answers) the calls made inside {@link handling}. */
  transformer: Transformer
  /** Runs the handling of one update; `replay` for an update another process had taken and not finished. */
  handling<T>(updateId: number, replay: boolean, handle: () => Promise<T>): Promise<T>
}

/** The Redis key of an update's recorded calls; the journal's finish deletes it. */
export const repliesKeyPrefix = (prefix: string) => `${prefix}:updates:replies:`

/** A day: an orphan is normally taken over within seconds; this only bounds what a lost finish leaves behind. */
const RECORD_TTL_MS = 24 * 60 * 60 * 1000

const recordedCallSchema = z.object({ v: z.literal(1), method: z.string(), result: z.unknown() })
type RecordedCall = z.infer<typeof recordedCallSchema>

interface HandlingScope {
  key: string
  calls: number
  recorded: Promise<Map<number, RecordedCall>> | undefined
}

export function createReplyLedger(deps: { redis: Redis; prefix: string; log: Logger }): ReplyLedger {
  const { redis, log } = deps
  const keyPrefix = repliesKeyPrefix(deps.prefix)
  const scopes = new AsyncLocalStorage<HandlingScope>()

  const readRecord = async (key: string): Promise<Map<number, RecordedCall>> => {
    const fields = await redis.hgetall(key)
    const calls = new Map<number, RecordedCall>()
    for (const [field, text] of Object.entries(fields)) {
      const call = parseCall(text)
      if (call) calls.set(Number(field), call)
      else log.warn({ key, field }, 'a recorded Telegram call fails its schema; it will be made again')
    }
    return calls
  }

  const record = async (key: string, call: number, method: string, result: unknown) => {
    const entry: RecordedCall = { v: 1, method, result }
    await redis.multi().hset(key, String(call), JSON.stringify(entry)).pexpire(key, RECORD_TTL_MS).exec()
  }

  const transformer: Transformer = async (prev, method, payload, signal) => {
    const scope = scopes.getStore()
    if (!scope || method.startsWith('get')) return prev(method, payload, signal)
    const call = scope.calls++
    const earlier = scope.recorded ? (await scope.recorded).get(call) : undefined
    if (earlier?.method === method) return { ok: true, result: earlier.result as never }
    const response = await prev(method, payload, signal)
    if (response.ok)
      await record(scope.key, call, method, response.result).catch((error: unknown) =>
        log.warn({ err: error, method }, 'could not record a Telegram call; a crash now would repeat it'),
      )
    return response
  }

  return {
    transformer,
    handling(updateId, replay, handle) {
      const key = keyPrefix + updateId
      const recorded = replay ? readRecord(key) : undefined
      const scope: HandlingScope = {
        key,
        calls: 0,
        // A failed read means nothing is skipped: at-least-once, as without the ledger.
        recorded: recorded?.catch((error: unknown) => {
          log.warn({ err: error, updateId }, 'could not read what an unfinished update had sent; it may repeat it')
          return new Map()
        }),
      }
      return scopes.run(scope, handle)
    },
  }
}

function parseCall(text: string): RecordedCall | undefined {
  try {
    const call = recordedCallSchema.safeParse(JSON.parse(text))
    return call.success ? call.data : undefined
  } catch {
    return undefined
  }
}
