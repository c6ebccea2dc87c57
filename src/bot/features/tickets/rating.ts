import { Composer, InlineKeyboard } from 'grammy'
import type { Services } from '../../../services/services.ts'
import type { PendingInput } from '../../../services/tickets/pending-input.ts'
import { parseRatingData, skipCommentData } from '../../../telegram/callback-data/rating.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import type { BotContext } from '../../context.ts'

const HTML = { parse_mode: 'HTML' as const }

/** The one-tap rating after closing (`rate:<1-5>:<id>`), then an optional comment (`rate:skip:<id>` skips it). */
export function rating(services: Services): Composer<BotContext> {
  const composer = new Composer<BotContext>()
  composer.callbackQuery(/^rate:/, async (ctx) => {
    const data = parseRatingData(ctx.callbackQuery.data)
    if (!data || !ctx.person || !ctx.chat) {
      await ctx.answerCallbackQuery({ text: ctx.t('tickets:answers.staleButton'), show_alert: true })
      return
    }
    if (data.type === 'skip-comment') {
      await services.tickets.pendingInputs.clear(ctx.chat.id, ctx.from.id, ctx.reads?.cache)
      await ctx.answerCallbackQuery({ text: ctx.t('tickets:rating.skipped') })
      await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined)
      return
    }
    const result = await services.tickets.satisfaction.rate(ctx.person.id, data.complaintId, data.stars)
    switch (result.status) {
      case 'rated': {
        await services.tickets.pendingInputs.start(
          ctx.chat.id,
          ctx.from.id,
          { type: 'rating-comment', complaintId: data.complaintId },
          ctx.reads?.cache,
        )
        await ctx.answerCallbackQuery()
        const text = ctx.t('tickets:rating.thanks', {
          trackingNumber: escapeHtml(result.trackingNumber),
          stars: '⭐'.repeat(result.stars),
        })
        await ctx.editMessageText(text, {
          ...HTML,
          reply_markup: new InlineKeyboard().text(ctx.t('tickets:rating.skip'), skipCommentData(data.complaintId)),
        })
        return
      }
      case 'already-rated':
        await ctx.answerCallbackQuery({
          text: ctx.t('tickets:rating.alreadyRated', { stars: '⭐'.repeat(result.stars) }),
          show_alert: true,
        })
        return
      case 'not-closed':
        await ctx.answerCallbackQuery({ text: ctx.t('tickets:rating.notClosed'), show_alert: true })
        return
      case 'forbidden':
        await ctx.answerCallbackQuery({ text: ctx.t('tickets:rating.forbidden'), show_alert: true })
        return
    }
  })
  return composer
}

/** The consumer's comment after rating (their next text message in the chat). */
export async function receiveRatingComment(
  ctx: BotContext,
  services: Services,
  pending: Extract<PendingInput, { type: 'rating-comment' }>,
  text: string,
): Promise<void> {
  if (!ctx.person || !ctx.chat || !ctx.from) return
  await services.tickets.pendingInputs.clear(ctx.chat.id, ctx.from.id, ctx.reads?.cache)
  const result = await services.tickets.satisfaction.comment(ctx.person.id, pending.complaintId, text)
  if (result.status === 'saved')
    await ctx.reply(ctx.t('tickets:rating.commentSaved', { trackingNumber: result.trackingNumber }))
}
