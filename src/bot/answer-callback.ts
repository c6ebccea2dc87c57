// Answering a button press exactly once per update, whichever handler gets there first.
import type { BotContext } from './context.ts'

const answered = new WeakSet<BotContext>()

/**
 * Answers the update's callback query once, ignoring failures (a redelivered query is too old to answer): a later
 * call for the same update does nothing, so a handler's toast is never followed by a second, failing answer.
 */
export async function answerCallbackOnce(ctx: BotContext, text?: string, alert = false): Promise<void> {
  if (!ctx.callbackQuery || answered.has(ctx)) return
  answered.add(ctx)
  await ctx
    .answerCallbackQuery(text === undefined ? undefined : { text, show_alert: alert })
    .catch((error: unknown) => ctx.log.debug({ err: error }, 'callback query not answered'))
}
