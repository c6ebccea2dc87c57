// After a filing: one opt-in question whether to receive the warnings of the business's area (`wo:`).
import { Composer, InlineKeyboard } from 'grammy'
import type { Services } from '../../../services/services.ts'
import { warningOfferCallback } from '../../../telegram/callback-data/warnings.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import type { BotContext } from '../../context.ts'
import { areaLabel } from './subscribe.ts'

const HTML = { parse_mode: 'HTML' } as const

/**
 * Asks, once, whether the consumer wants the warnings of the area of the business they just complained about:
 * not when a subscription already covers it, nor after they once said no. Nobody is subscribed without a yes.
 */
export async function offerWarnings(ctx: BotContext, services: Services, complaintId: string, areaCode: string) {
  if (!ctx.person || !(await services.warnings.subscriptions.offerWanted(ctx.person.id, areaCode))) return
  const keyboard = new InlineKeyboard()
    .text(ctx.t('warnings:offer.yes'), warningOfferCallback.encode({ accept: true, complaintId }))
    .text(ctx.t('warnings:offer.no'), warningOfferCallback.encode({ accept: false, complaintId }))
  const area = await areaLabel(ctx, services, areaCode)
  await ctx.reply(ctx.t('warnings:offer.question', { area: escapeHtml(area) }), { ...HTML, reply_markup: keyboard })
}

export function filingOffer(services: Services): Composer<BotContext> {
  const composer = new Composer<BotContext>()
  composer.callbackQuery(warningOfferCallback.filter, async (ctx) => {
    const button = warningOfferCallback.decode(ctx.callbackQuery.data)
    const person = ctx.person
    // The area comes from the consumer's own complaint, never from the button.
    const areaCode =
      button && person ? await services.warnings.subscriptions.complaintArea(person.id, button.complaintId) : undefined
    if (!button || !person || !areaCode) {
      await ctx.answerCallbackQuery({ text: ctx.t('warnings:stale'), show_alert: true })
      return
    }
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined)
    if (!button.accept) {
      await services.warnings.subscriptions.declineOffer(person.id)
      await ctx.answerCallbackQuery({ text: ctx.t('warnings:offer.declined') })
      return
    }
    await services.warnings.subscriptions.subscribe(person.id, areaCode, ctx.locale)
    const area = await areaLabel(ctx, services, areaCode)
    await ctx.answerCallbackQuery()
    await ctx.reply(ctx.t('warnings:offer.accepted', { area: escapeHtml(area) }), HTML)
  })
  return composer
}
