// The fast lane of an open form, ahead of every feature.
import type { MiddlewareFn } from 'grammy'
import type { BotContext } from '../../context.ts'
import { answerQuietly } from './form-actions.ts'
import { pressFormButton } from './form-buttons.ts'
import type { IntakeDeps } from './form-context.ts'
import { answerForm } from './form-messages.ts'

/**
 * Form button presses, and answers typed while a form is open, go straight to the form instead of past every
 * feature's filters: they are most of a consumer's updates, and grammY builds a composer per filter and update.
 * No other feature acts on them: form buttons have a prefix of their own, and a private message that is no
 * command, no reply (the relay's) and meets no pending input (the ticket inputs') only ever reached the form.
 */
export function formLane(deps: IntakeDeps): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (ctx.chat?.type !== 'private') return next()
    if (ctx.callbackQuery?.data?.startsWith('f:')) {
      try {
        await pressFormButton(ctx, deps, next)
      } finally {
        await answerQuietly(ctx)
      }
      return
    }
    if (isFormAnswer(ctx)) return answerForm(ctx, deps, next)
    return next()
  }
}

/** A plain private message while a form is open, as the update's snapshot read it. */
function isFormAnswer(ctx: BotContext): boolean {
  const message = ctx.message
  const snapshot = ctx.snapshot
  return message !== undefined && message.reply_to_message === undefined && !message.text?.startsWith('/')
    && snapshot?.storedPendingInput === null && typeof snapshot.storedForm === 'string'
}
