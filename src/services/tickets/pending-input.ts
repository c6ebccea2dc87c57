import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import type { TransitionInput } from '../../domain/lifecycle/index.ts'
import type { Logger } from '../../logging/logger.ts'
import type { Redis } from '../../redis.ts'
import type { ReadThroughCache } from '../state/read-through-cache.ts'
import { parseStoredJson } from '../state/stored-json.ts'

/** Bumped when the shape changes, so that a deploy discards half-finished inputs instead of misreading them. */
const VERSION = 1

const AWAITED = ['GROUND', 'AMOUNT', 'NOTE', 'OUTCOME', 'TARGET_STATION', 'LIAISON'] as const

const transitionInput = z.object({
  ground: z.string().optional(),
  amountFen: z.number().optional(),
  note: z.string().optional(),
  outcome: z.string().optional(),
  targetStationId: z.string().optional(),
  liaisonId: z.number().optional(),
})

/** A pending input as kept in Redis: what is awaited, its version and the nonce its buttons repeat. */
const storedPendingInput = z.intersection(
  z.object({ v: z.literal(VERSION), nonce: z.string() }),
  z.discriminatedUnion('type', [
    z.object({
      type: z.literal('action'),
      complaintId: z.string(),
      action: z.string(),
      awaiting: z.enum(AWAITED),
      input: transitionInput,
      options: z.array(z.string()).optional(),
    }),
    z.object({ type: z.literal('add-information'), complaintId: z.string() }),
    z.object({ type: z.literal('rating-comment'), complaintId: z.string() }),
    z.object({ type: z.literal('warning-input'), warningId: z.number().int(), field: z.enum(['zh', 'en', 'file']) }),
    z.object({
      type: z.literal('unmapped-message'),
      messageId: z.number().int(),
      text: z.string().nullable(),
      file: z.object({ kind: z.enum(['PHOTO', 'DOCUMENT']), fileId: z.string(), fileUniqueId: z.string() }).nullable(),
    }),
  ]),
)

/** What a person is in the middle of giving the bot, one at a time per (chat, user). */
export type PendingInput =
  /** A ticket action waiting for a ground, an amount, a note…; `input` holds what was given so far. */
  | {
      type: 'action'
      complaintId: string
      action: string
      awaiting: (typeof AWAITED)[number]
      input: TransitionInput
      options?: string[]
    }
  /** The consumer is adding information or evidence to a complaint. */
  | { type: 'add-information'; complaintId: string }
  /** The consumer may add a comment to their rating. */
  | { type: 'rating-comment'; complaintId: string }
  /** The author of a warning draft is typing its text (zh-CN or English) or sending its photo or document. */
  | { type: 'warning-input'; warningId: number; field: 'zh' | 'en' | 'file' }
  /** A message that could not be mapped to a complaint, waiting for the consumer to say which. */
  | {
      type: 'unmapped-message'
      messageId: number
      text: string | null
      file: { kind: 'PHOTO' | 'DOCUMENT'; fileId: string; fileUniqueId: string } | null
    }

/** A pending input as read: none, one to continue, or one that failed its schema and was dropped. */
export type ReadPendingInput =
  | { status: 'none' }
  | { status: 'pending'; input: PendingInput & { nonce: string } }
  /** Stored by another release or damaged: deleted by the read; the person should be told to start again. */
  | { status: 'dropped' }

/**
 * Pending inputs in Redis under `<prefix>:tickets:input:<chat id>:<user id>`, with a short TTL: a person who walks
 * away finds the chat back to normal. Each carries a nonce that its choice buttons repeat, so an old keyboard cannot
 * complete a newer input. Every method takes the update's read-through cache, when there is one.
 */
export function createPendingInputs(deps: { redis: Redis; prefix: string; log: Logger; ttlSeconds?: number }) {
  const ttl = deps.ttlSeconds ?? 15 * 60
  const key = (chatId: number, userId: number) => `${deps.prefix}:tickets:input:${chatId}:${userId}`

  async function read(chatId: number, userId: number, cache?: ReadThroughCache): Promise<ReadPendingInput> {
    const inputKey = key(chatId, userId)
    const known = cache?.known(inputKey)
    const raw = known !== undefined ? known : await deps.redis.get(inputKey)
    if (!raw) return { status: 'none' }
    const stored = parseStoredJson(storedPendingInput, raw, deps.log, 'pending input')
    if (stored) return { status: 'pending', input: stored as PendingInput & { nonce: string } }
    cache?.wrote(inputKey, null)
    await deps.redis.del(inputKey)
    return { status: 'dropped' }
  }

  return {
    /** The Redis key of a pending input, for a caller that reads it together with other keys. */
    keyOf: key,

    /** True when the update's cache knows that the person has no pending input in the chat. */
    isAbsentIn(cache: ReadThroughCache, chatId: number, userId: number): boolean {
      return cache.known(key(chatId, userId)) === null
    },

    /** Starts (or replaces) the pending input; returns its nonce for the choice buttons. */
    async start(chatId: number, userId: number, input: PendingInput, cache?: ReadThroughCache): Promise<string> {
      const nonce = randomBytes(3).toString('hex')
      const raw = JSON.stringify({ ...input, v: VERSION, nonce })
      cache?.wrote(key(chatId, userId), raw)
      await deps.redis.set(key(chatId, userId), raw, 'EX', ttl)
      return nonce
    },

    /** The pending input, telling a dropped one (failed its schema, now deleted) from none. */
    read,

    /** The pending input and its nonce, or undefined (none, expired, or dropped as unreadable). */
    async get(
      chatId: number,
      userId: number,
      cache?: ReadThroughCache,
    ): Promise<(PendingInput & { nonce: string }) | undefined> {
      const found = await read(chatId, userId, cache)
      return found.status === 'pending' ? found.input : undefined
    },

    async clear(chatId: number, userId: number, cache?: ReadThroughCache): Promise<void> {
      cache?.wrote(key(chatId, userId), null)
      await deps.redis.del(key(chatId, userId))
    },
  }
}

export type PendingInputs = ReturnType<typeof createPendingInputs>
