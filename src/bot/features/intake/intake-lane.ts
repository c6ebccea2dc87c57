// The intake lane: a consumer's most frequent updates, ahead of every feature.
import type { MiddlewareFn } from 'grammy'
import type { BotContext } from '../../context.ts'
import { answerQuietly } from './form-actions.ts'
import { pressFormButton } from './form-buttons.ts'
import { consumerId, type IntakeDeps } from './form-context.ts'
import { answerForm } from './form-messages.ts'
import { pressMenuButton, showMenu } from './menu.ts'

/**
 * A bare /start, main-menu buttons, form buttons, and answers typed while a form is open go straight to intake
 * instead of past every feature's filters: they are most of a consumer's updates, and grammY builds a composer per
 * filter and update. No other feature acts on them: menu (`m:`) and form (`f:`) buttons have prefixes of their
 * own, /start means an invite only with a code, and a private message that is no command, no reply (the relay's)
 * and meets no pending input (the ticket inputs') only ever reached the form.
 */
export function intakeLane(deps: IntakeDeps): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (ctx.chat?.type !== 'private') return next()
    const data = ctx.callbackQuery?.data
    if (data !== undefined) {
      const press = data.startsWith('f:') ? pressFormButton : data.startsWith('m:') ? pressMenuButton : undefined
      if (!press) return next()
      try {
        await press(ctx, deps, next)
      } finally {
        await answerQuietly(ctx)
      }
      return
    }
    if (isFormAnswer(ctx, deps)) return answerForm(ctx, deps, next)
    if (isBareStart(ctx)) return showMenu(ctx, deps)
    return next()
  }
}

/** A plain private message while a form is open and no ticket input is pending, as the update's first read found. */
function isFormAnswer(ctx: BotContext, deps: IntakeDeps): boolean {
  const message = ctx.message
  const cache = ctx.reads?.cache
  if (!message || !cache || message.reply_to_message !== undefined || message.text?.startsWith('/')) return false
  const userId = consumerId(ctx)
  return (
    deps.services.tickets.pendingInputs.isAbsentIn(cache, message.chat.id, userId) &&
    deps.services.intake.forms.isStoredIn(cache, userId)
  )
}

/** `/start` without an invite code (also as `/start@this_bot`, and typed in capitals: `/START`). */
function isBareStart(ctx: BotContext): boolean {
  const text = ctx.message?.text
  if (!text || text.length > 64 || text[0] !== '/') return false
  const command = text.trimEnd().toLowerCase()
  return command === '/start' || command === `/start@${ctx.me.username.toLowerCase()}`
}
