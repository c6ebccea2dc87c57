import type { MiddlewareFn } from 'grammy'
import type { User } from 'grammy/types'
import type { Services } from '../../services/services.ts'
import type { BotContext } from '../context.ts'

/**
 * What the first Redis round trip of an update read, for the middleware after it: the rate-limit count, the
 * cached sender and, in a private chat, the sender's form. Read once per update, in one command, instead of one
 * round trip each.
 */
export interface UpdateSnapshot {
  /** The update's number in the sender's rate-limit window. */
  requestsInWindow: number
  /** The sender's cached Person as stored (null: not cached). */
  cachedSender: string | null
  /** The sender's form as stored (null: none); absent outside private chats and once taken by a form load. */
  storedForm?: string | null
}

/** The person whose request this update is: messages, edits and button presses count; service updates do not. */
export function requestingPerson(ctx: BotContext): User | undefined {
  const user = ctx.from
  return (ctx.message ?? ctx.editedMessage ?? ctx.callbackQuery) && user && !user.is_bot ? user : undefined
}

/** Counts the update against the sender's rate limit and reads what the next middleware need, in one round trip. */
export function updateSnapshot(services: Services): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const user = requestingPerson(ctx)
    if (user) {
      const withForm = ctx.chat?.type === 'private'
      const keys = [services.people.cacheKeyOf(user.id), ...(withForm ? [services.intake.forms.formKeyOf(user.id)] : [])]
      const { requestsInWindow, values: [cachedSender = null, storedForm = null] } = await services.access.rateLimit.countRequest(user.id, keys)
      ctx.snapshot = { requestsInWindow, cachedSender, ...(withForm ? { storedForm } : {}) }
    }
    await next()
  }
}

/**
 * The sender's form as the snapshot read it, for the first form load of the update only (null: none); undefined
 * when it was not read or is taken already, since the update may have changed the form since.
 */
export function takeStoredForm(ctx: BotContext): string | null | undefined {
  const snapshot = ctx.snapshot
  if (!snapshot || snapshot.storedForm === undefined) return undefined
  const { storedForm } = snapshot
  delete snapshot.storedForm
  return storedForm
}

/** Drops the snapshot's copy of the form: called by whatever writes the form, so no later load sees the old one. */
export function formWritten(ctx: BotContext): void {
  if (ctx.snapshot) delete ctx.snapshot.storedForm
}
