import { randomBytes } from 'node:crypto'
import type { TransitionInput } from '../../domain/lifecycle/index.ts'
import type { Redis } from '../../redis.ts'

/** Bumped when the shape changes, so that a deploy discards half-finished inputs instead of misreading them. */
const VERSION = 1

/** What a person is in the middle of giving the bot, one at a time per (chat, user). */
export type PendingInput =
  /** A ticket action waiting for a ground, an amount, a note…; `input` holds what was given so far. */
  | { type: 'action'; complaintId: string; action: string; awaiting: 'GROUND' | 'AMOUNT' | 'NOTE' | 'OUTCOME' | 'TARGET_STATION' | 'LIAISON'; input: TransitionInput; options?: string[] }
  /** The consumer is adding information or evidence to a complaint. */
  | { type: 'add-information'; complaintId: string }
  /** The consumer may add a comment to their rating. */
  | { type: 'rating-comment'; complaintId: string }
  /** A message that could not be mapped to a complaint, waiting for the consumer to say which. */
  | { type: 'unmapped-message'; messageId: number; text: string | null; file: { kind: 'PHOTO' | 'DOCUMENT'; fileId: string; fileUniqueId: string } | null }

type Stored = PendingInput & { v: number; nonce: string }

/**
 * Pending inputs in Redis under the deployment's prefix, with a short TTL: a person who walks away finds the
 * chat back to normal. Each carries a nonce that its choice buttons repeat, so an old keyboard cannot complete a
 * newer input.
 */
export function createPendingInputs(deps: { redis: Redis; prefix: string; ttlSeconds?: number }) {
  const ttl = deps.ttlSeconds ?? 15 * 60
  const key = (chatId: number, userId: number) => `${deps.prefix}:tickets:input:${chatId}:${userId}`

  return {
    /** The Redis key of a pending input, for a caller that reads it together with other keys. */
    keyOf: key,

    /** Starts (or replaces) the pending input; returns its nonce for the choice buttons. */
    async start(chatId: number, userId: number, input: PendingInput): Promise<string> {
      const nonce = randomBytes(3).toString('hex')
      await deps.redis.set(key(chatId, userId), JSON.stringify({ ...input, v: VERSION, nonce }), 'EX', ttl)
      return nonce
    },

    /**
     * The pending input and its nonce, or undefined (none, expired, or from an older version). `stored` is the
     * value under {@link keyOf} when the caller has just read it (null: none).
     */
    async get(chatId: number, userId: number, stored?: string | null): Promise<(PendingInput & { nonce: string }) | undefined> {
      const raw = stored !== undefined ? stored : await deps.redis.get(key(chatId, userId))
      if (!raw) return undefined
      try {
        const stored = JSON.parse(raw) as Stored
        return stored.v === VERSION ? stored : undefined
      } catch {
        return undefined
      }
    },

    async clear(chatId: number, userId: number): Promise<void> {
      await deps.redis.del(key(chatId, userId))
    },
  }
}

export type PendingInputs = ReturnType<typeof createPendingInputs>
