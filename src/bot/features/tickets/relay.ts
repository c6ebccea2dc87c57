import { Composer, type Filter, InlineKeyboard } from 'grammy'
import type { Services } from '../../../services/services.ts'
import { myData } from '../../../telegram/callback-data/my-complaints.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import type { BotContext } from '../../context.ts'
import { statusLabel } from './answers.ts'
import { relayContentOf } from './message-content.ts'

/**
 * The two-way relay. In a station group: a handler's reply to a ticket's card or to a message of its consumer goes
 * to the consumer as from the station; anything else written in the ticket's forum topic is an internal note. In
 * a private chat: the consumer's reply to a status or relayed message goes into the ticket's thread; a liaison's
 * reply to their card goes to the consumer. A consumer's reply to a bot message that maps to no ticket asks which
 * complaint it is about (or says there is none open). Anything else passes on to the next feature.
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
        replyToBot: replyTo?.from?.id === ctx.me.id,
        replyToBotText: replyTo?.from?.id === ctx.me.id ? (replyTo.text ?? replyTo.caption) : undefined,
      },
      content,
    )
    if (result.status === 'relayed') {
      if (result.direction === 'to-station')
        await ctx.reply(ctx.t('tickets:relay.sentToStation', { trackingNumber: result.trackingNumber }))
      return
    }
    // Staff talk in a ticket's topic: kept on the ticket as an internal note; the card says so, no answer needed.
    if (result.status === 'noted') return
    // A reply to a card in a group whose station no longer handles the ticket (or by someone who never did).
    if (!isPrivate && result.status === 'forbidden' && replyTo?.from?.id === ctx.me.id) {
      await ctx.reply(ctx.t('tickets:relay.notRelayedHere'), {
        reply_parameters: { message_id: msg.message_id },
        ...(threadId !== undefined ? { message_thread_id: threadId } : {}),
      })
      return
    }
    if (!isPrivate) return next()
    if (result.status === 'forbidden') {
      await ctx.reply(ctx.t('tickets:relay.notYours'))
      return
    }
    if (replyTo?.from?.id !== ctx.me.id) return next()
    // A reply to a question of an open form is an answer to it.
    if ((await services.intake.forms.load(ctx.from.id, new Date(), ctx.reads?.cache)).status === 'active') return next()
    if (await askWhichComplaint(ctx, services, ctx.person.id, content, 'tickets:relay.whichComplaint')) return
    await ctx.reply(ctx.t('tickets:relay.noOpenComplaint'), {
      reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true },
    })
  })
  return composer
}

/**
 * A consumer's message no feature understood (not a reply, no form open, no input awaited): with complaints being
 * handled, it may well be meant for a station, so they are asked which one to pass it to. False when none is open.
 */
export async function offerToPassOn(ctx: Filter<BotContext, 'message'>, services: Services): Promise<boolean> {
  const content = relayContentOf(ctx.msg)
  if (!ctx.person || !content) return false
  return askWhichComplaint(ctx, services, ctx.person.id, content, 'tickets:relay.passOnWhich')
}

/** Asks which open complaint the message is about (kept as the pending input); false when none is open. */
async function askWhichComplaint(
  ctx: Filter<BotContext, 'message'>,
  services: Services,
  personId: number,
  content: NonNullable<ReturnType<typeof relayContentOf>>,
  question: string,
): Promise<boolean> {
  const open = await services.tickets.consumer.openComplaints(personId)
  if (open.length === 0) return false
  await services.tickets.pendingInputs.start(
    ctx.chat.id,
    ctx.from.id,
    {
      type: 'unmapped-message',
      messageId: ctx.msg.message_id,
      text: content.text ?? null,
      file: content.file ?? null,
    },
    ctx.reads?.cache,
  )
  const keyboard = new InlineKeyboard()
  for (const complaint of open) {
    keyboard
      .text(
        // An inquiry names no business: its kind instead.
        `${complaint.trackingNumber} · ${complaint.respondentName || ctx.t(`delivery:kind.${complaint.kind}`)}`.slice(
          0,
          60,
        ) + ` · ${statusLabel(ctx, complaint.status)}`.slice(0, 30),
        myData.relayTo(complaint.id),
      )
      .row()
  }
  await ctx.reply(escapeHtml(ctx.t(question)), {
    parse_mode: 'HTML',
    reply_markup: keyboard,
    reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true },
  })
  return true
}
