import type { User } from 'grammy/types'
import type { Services } from '../../services/services.ts'
import type { BotContext } from '../context.ts'

/**
 * What the first Redis round trip of an update read, for the steps after it: the rate-limit count, the
 * cached sender and, in a private chat, the sender's form. Read once per update, in one command, instead of one
 * round trip each.
 */
export interface UpdateSnapshot {
  /** 0 within the sender's rate limit; else how many updates in a row were over it (see countRequest). */
  overLimit: number
  /** The sender's cached Person as stored (null: not cached). */
  cachedSender: string | null
  /** The sender's form as stored (null: none); undefined outside private chats and once taken by a form load. */
  storedForm: string | null | undefined
  /** For messages: the sender's pending input in this chat as stored (null: none); undefined once taken. */
  storedPendingInput: string | null | undefined
}

/** The person whose request this update is: messages, edits and button presses count; service updates do not. */
export function requestingPerson(ctx: BotContext): User | undefined {
  const user = ctx.from
  return (ctx.message ?? ctx.editedMessage ?? ctx.callbackQuery) && user && !user.is_bot ? user : undefined
}

/** Counts the update against the sender's rate limit and reads what the next steps need, in one round trip. */
export async function readUpdateSnapshot(ctx: BotContext, services: Services): Promise<void> {
  const user = requestingPerson(ctx)
  if (!user) return
  const chat = ctx.chat
  const readsForm = chat?.type === 'private'
  const readsPendingInput = ctx.message !== undefined && chat !== undefined
  const keys = [services.people.cacheKeyOf(user.id)]
  if (readsForm) keys.push(services.intake.forms.formKeyOf(user.id))
  if (readsPendingInput) keys.push(services.tickets.pendingInputs.keyOf(chat.id, user.id))
  const { overLimit, values } = await services.access.rateLimit.countRequest(user.id, keys)
  // Every field set, absent ones to undefined, and never deleted: one object shape for every update.
  ctx.snapshot = {
    overLimit,
    cachedSender: values[0] ?? null,
    storedForm: readsForm ? values[1] ?? null : undefined,
    storedPendingInput: readsPendingInput ? values[readsForm ? 2 : 1] ?? null : undefined,
  }
}

/**
 * The sender's form as the snapshot read it, for the first form load of the update only (null: none); undefined
 * when it was not read or is taken already, since the update may have changed the form since.
 */
export function takeStoredForm(ctx: BotContext): string | null | undefined {
  return take(ctx, 'storedForm')
}

/** The sender's pending input as the snapshot read it, for the first read of the update only (see {@link takeStoredForm}). */
export function takeStoredPendingInput(ctx: BotContext): string | null | undefined {
  return take(ctx, 'storedPendingInput')
}

function take(ctx: BotContext, field: 'storedForm' | 'storedPendingInput'): string | null | undefined {
  const snapshot = ctx.snapshot
  if (!snapshot) return undefined
  const value = snapshot[field]
  snapshot[field] = undefined
  return value
}

/** Drops the snapshot's copy of the form: called by whatever writes the form, so no later load sees the old one. */
export function formWritten(ctx: BotContext): void {
  if (ctx.snapshot) ctx.snapshot.storedForm = undefined
}
