import type { Services } from '../../../services/services.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import type { BotContext } from '../../context.ts'

/**
 * A ticket-action press on a second copy of a card (Telegram received the card twice although the bot recorded
 * it once): nothing acts, the presser is told to use the live card, and the copy loses its buttons and points
 * to the live one. Only a message that carries this ticket's buttons counts as a copy, so forged data pressed on
 * any other message of the bot can never make it rewrite that message. True when the press was answered here.
 */
export async function answeredAsCopy(ctx: BotContext, services: Services, complaintId: string): Promise<boolean> {
  const message = ctx.callbackQuery?.message
  if (!message) return false
  const buttons = message.reply_markup?.inline_keyboard.flat() ?? []
  if (
    !buttons.some(
      (button) =>
        'callback_data' in button &&
        button.callback_data.startsWith('t:') &&
        button.callback_data.endsWith(`:${complaintId}`),
    )
  )
    return false
  const press = await services.tickets.checkCardPress({
    complaintId,
    chatId: message.chat.id,
    messageId: message.message_id,
  })
  if (press.status === 'live') return false
  ctx.log.warn(
    { complaintId, chatId: message.chat.id, messageId: message.message_id },
    'a button was pressed on a duplicate copy of a ticket card; pointed to the live card',
  )
  await ctx.answerCallbackQuery({ text: ctx.t('tickets:cardCopy.alert'), show_alert: true })
  const trackingNumber = escapeHtml(press.trackingNumber)
  const text = press.link
    ? ctx.t('tickets:cardCopy.text', { trackingNumber, link: press.link })
    : ctx.t('tickets:cardCopy.textNoLink', { trackingNumber })
  await ctx
    .editMessageText(text, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      reply_markup: { inline_keyboard: [] },
    })
    .catch((error: unknown) => {
      ctx.log.warn({ err: error, complaintId }, 'the duplicate card could not be edited')
    })
  return true
}
