import { Composer, InlineKeyboard } from 'grammy'
import type { Services } from '../../../services/services.ts'
import { escapeHtml } from '../../format.ts'
import type { BotContext } from '../../context.ts'
import { statusLabel } from './answers.ts'
import { myData } from './callback-data.ts'
import { relayContentOf } from './message-content.ts'

/**
 * The two-way relay. In a station group: a handler's message in a ticket's forum topic, or a reply to its card or
 * to a relayed message, goes to the consumer as from the station. In a private chat: the consumer's reply to a
 * status or relayed message goes into the ticket's thread; a liaison's reply to their card goes to the consumer.
 * A consumer's reply to a bot message that maps to no ticket asks which complaint it is about. Anything else
 * passes on to the next feature.
 */
export function relay(services: Services): Composer<BotContext> {
  const composer = new Composer<BotContext>()
  composer.on('message', async (ctx, next) => {
    const msg = ctx.msg
    if (!ctx.person || ctx.from.is_bot || (msg.text ?? '').startsWith('/')) return next()
    const content = relayContentOf(msg)
    if (!content) return next()
    const isPrivate = ctx.chat.type === 'private'
    // In a forum every topic message "replies" to the topic's creation; only a reply to a real message counts.
    const replyTo = msg.reply_to_message && !msg.reply_to_message.forum_topic_created ? msg.reply_to_message : undefined
    const threadId = msg.is_topic_message ? msg.message_thread_id : undefined
    if (!replyTo && (isPrivate || threadId === undefined)) return next()
    const result = await services.tickets.relay.relayMessage(
      ctx.person.id,
      {
        chatId: ctx.chat.id,
        chatType: isPrivate ? 'private' : 'group',
        threadId,
        replyToMessageId: replyTo?.message_id,
        replyToBotText: replyTo?.from?.id === ctx.me.id ? (replyTo.text ?? replyTo.caption) : undefined,
      },
      content,
    )
    if (result.status === 'relayed') {
      if (result.direction === 'to-station') await ctx.reply(ctx.t('tickets:relay.sentToStation', { trackingNumber: result.trackingNumber }))
      return
    }
    if (!isPrivate) return next()
    if (result.status === 'forbidden') {
      await ctx.reply(ctx.t('tickets:relay.notYours'))
      return
    }
    if (replyTo?.from?.id !== ctx.me.id) return next()
    return askWhichComplaint(ctx, services, content, next)
  })
  return composer
}

async function askWhichComplaint(ctx: BotContext, services: Services, content: NonNullable<ReturnType<typeof relayContentOf>>, next: () => Promise<void>): Promise<void> {
  const person = ctx.person!
  // A reply to a question of the open form is an answer to the form (intake takes it).
  if ((await services.intake.forms.load(ctx.from!.id)).status === 'active') return next()
  const open = await services.tickets.consumer.openComplaints(person.id)
  if (open.length === 0) return
  await services.tickets.pendingInputs.start(ctx.chat!.id, ctx.from!.id, { type: 'unmapped-message', messageId: ctx.msg!.message_id, text: content.text ?? null, file: content.file ?? null })
  const keyboard = new InlineKeyboard()
  for (const complaint of open) {
    keyboard.text(`${complaint.trackingNumber} · ${complaint.respondentName}`.slice(0, 60) + ` · ${statusLabel(ctx, complaint.status)}`.slice(0, 30), myData.relayTo(complaint.id)).row()
  }
  await ctx.reply(escapeHtml(ctx.t('tickets:relay.whichComplaint')), { parse_mode: 'HTML', reply_markup: keyboard, reply_parameters: { message_id: ctx.msg!.message_id, allow_sending_without_reply: true } })
}
