// The progress message's pause, resume and cancel (`wb:`), checked against the database for every press.
import { Composer } from 'grammy'
import type { Services } from '../../../services/services.ts'
import { broadcastControlCallback } from '../../../telegram/callback-data/warnings.ts'
import { broadcastControls } from '../../../telegram/render/broadcast-progress.ts'
import type { BotContext } from '../../context.ts'

export function broadcastButtons(services: Services): Composer<BotContext> {
  const composer = new Composer<BotContext>()
  composer.callbackQuery(broadcastControlCallback.filter, async (ctx) => {
    const button = broadcastControlCallback.decode(ctx.callbackQuery.data)
    if (!button || !ctx.person) {
      await ctx.answerCallbackQuery({ text: ctx.t('warnings:stale'), show_alert: true })
      return
    }
    const result = await services.warnings.broadcasts.control(ctx.person.id, button.warningId, button.control)
    if (result.status !== 'done') {
      const key = result.status === 'not-allowed' ? 'warnings:progress.notAllowed' : 'warnings:progress.notApplicable'
      await ctx.answerCallbackQuery({ text: ctx.t(key), show_alert: true })
      return
    }
    await ctx.answerCallbackQuery({ text: ctx.t(`warnings:progress.controlled.${button.control}`) })
    await ctx
      .editMessageReplyMarkup({ reply_markup: broadcastControls(ctx.t, button.warningId, result.state) })
      .catch(() => undefined)
  })
  return composer
}
