import { Composer, InlineKeyboard } from 'grammy'
import { type ComplaintStatus, isInMediation } from '../../../domain/lifecycle/index.ts'
import type { Services } from '../../../services/services.ts'
import type { ComplaintDetail } from '../../../services/tickets/consumer-complaints.ts'
import type { PendingInput } from '../../../services/tickets/pending-input.ts'
import { myData, parseMyData } from '../../../telegram/callback-data/my-complaints.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import { isMessageNotModified } from '../../../telegram/sending/message-not-modified.ts'
import type { BotContext } from '../../context.ts'
import { beginFollowUpComplaint } from '../intake/menu.ts'
import { alertText, problemText, statusLabel } from './answers.ts'
import { detailText } from './complaint-detail-text.ts'
import { fileOf } from './message-content.ts'

const HTML = { parse_mode: 'HTML' as const }

/** `/my` and the `my:` buttons: the consumer's own complaints, a detail view with the timeline, withdraw, add information. */
export function myComplaints(services: Services): Composer<BotContext> {
  const composer = new Composer<BotContext>()
  const consumer = services.tickets.consumer

  composer.chatType('private').command('my', async (ctx) => {
    if (!ctx.person) return
    const view = await listView(ctx, services, ctx.person.id, 0)
    await ctx.reply(view.text, { ...HTML, reply_markup: view.keyboard })
  })

  composer.callbackQuery(/^my:/, async (ctx) => {
    const button = parseMyData(ctx.callbackQuery.data)
    if (!button || !ctx.person || ctx.chat?.type !== 'private') {
      await ctx.answerCallbackQuery({ text: ctx.t('tickets:answers.staleButton'), show_alert: true })
      return
    }
    const personId = ctx.person.id
    switch (button.type) {
      case 'list': {
        const view = await listView(ctx, services, personId, button.page)
        await ctx.answerCallbackQuery()
        await show(ctx, view.text, view.keyboard)
        return
      }
      case 'detail':
        return showDetail(ctx, services, personId, button.complaintId)
      case 'withdraw': {
        const detail = await consumer.complaintDetail(personId, button.complaintId)
        if (!detail) return notFound(ctx)
        await ctx.answerCallbackQuery()
        const keyboard = new InlineKeyboard()
          .text(ctx.t('tickets:my.withdrawYes'), myData.withdrawConfirmed(detail.id))
          .text(ctx.t('tickets:my.withdrawNo'), myData.detail(detail.id))
        await show(
          ctx,
          ctx.t(withdrawConfirmKey(detail), { trackingNumber: escapeHtml(detail.trackingNumber) }),
          keyboard,
        )
        return
      }
      case 'withdrawConfirmed': {
        const result = await services.tickets.actOnTicket({
          complaintId: button.complaintId,
          personId,
          action: 'WITHDRAW',
        })
        if (result.status === 'done') {
          await ctx.answerCallbackQuery({
            text: ctx.t(withdrawnKey(result.from, result.to), { trackingNumber: result.trackingNumber }),
            show_alert: result.from === result.to,
          })
          return showDetail(ctx, services, personId, button.complaintId, true)
        }
        if (result.status === 'needs-input') return notFound(ctx)
        await ctx.answerCallbackQuery({ text: alertText(problemText(ctx, result)), show_alert: true })
        return showDetail(ctx, services, personId, button.complaintId, true)
      }
      case 'addInformation': {
        const detail = await consumer.complaintDetail(personId, button.complaintId)
        if (!detail) return notFound(ctx)
        if (!detail.open) {
          await ctx.answerCallbackQuery({
            text: ctx.t('tickets:my.notOpen', { trackingNumber: detail.trackingNumber }),
            show_alert: true,
          })
          return
        }
        await services.tickets.pendingInputs.start(
          ctx.chat.id,
          ctx.from.id,
          { type: 'add-information', complaintId: detail.id },
          ctx.reads?.cache,
        )
        await ctx.answerCallbackQuery()
        await ctx.reply(
          ctx.t('tickets:my.addInformationPrompt', { trackingNumber: escapeHtml(detail.trackingNumber) }),
          HTML,
        )
        return
      }
      case 'addInformationDone': {
        const pending = await services.tickets.pendingInputs.get(ctx.chat.id, ctx.from.id, ctx.reads?.cache)
        if (pending?.type === 'add-information' && pending.complaintId === button.complaintId)
          await services.tickets.pendingInputs.clear(ctx.chat.id, ctx.from.id, ctx.reads?.cache)
        await ctx.answerCallbackQuery({ text: ctx.t('tickets:my.addInformationDone') })
        await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined)
        return
      }
      case 'relayTo':
        return relayPicked(ctx, services, { personId, chatId: ctx.chat.id, userId: ctx.from.id }, button.complaintId)
      case 'fileAgain': {
        const source = await consumer.followUpSource(personId, button.complaintId)
        if (!source) return notFound(ctx)
        await ctx.answerCallbackQuery()
        await beginFollowUpComplaint(ctx, { services }, source)
        return
      }
    }
  })
  return composer
}

/** What withdrawing means here: ending formal mediation, only recording a wish (a report under verification), or stopping. */
function withdrawConfirmKey(detail: ComplaintDetail): string {
  if (isInMediation(detail.status)) return 'tickets:my.withdrawConfirmMediation'
  if (detail.kind === 'REPORT' && detail.status === 'VERIFYING') return 'tickets:my.withdrawConfirmVerifying'
  return 'tickets:my.withdrawConfirm'
}

function withdrawnKey(from: ComplaintStatus, to: ComplaintStatus): string {
  if (from === to) return 'tickets:my.withdrawWishRecorded'
  if (to === 'MEDIATION_ENDED') return 'tickets:my.withdrawnMediationEnded'
  return 'tickets:my.withdrawn'
}

async function show(ctx: BotContext, text: string, keyboard: InlineKeyboard): Promise<void> {
  await ctx.editMessageText(text, { ...HTML, reply_markup: keyboard }).catch(async (error: unknown) => {
    // The same view again (a double tap): no copy of it.
    if (isMessageNotModified(error)) return
    await ctx.reply(text, { ...HTML, reply_markup: keyboard })
  })
}

async function notFound(ctx: BotContext): Promise<void> {
  await ctx.answerCallbackQuery({ text: ctx.t('tickets:my.notFound'), show_alert: true })
}

async function listView(
  ctx: BotContext,
  services: Services,
  personId: number,
  page: number,
): Promise<{ text: string; keyboard: InlineKeyboard }> {
  const list = await services.tickets.consumer.listComplaints(personId, page)
  const keyboard = new InlineKeyboard()
  if (list.total === 0) return { text: ctx.t('tickets:my.empty'), keyboard }
  for (const item of list.items)
    keyboard
      .text(
        ctx.t('tickets:my.item', { trackingNumber: item.trackingNumber, status: statusLabel(ctx, item.status) }),
        myData.detail(item.id),
      )
      .row()
  if (list.page > 0) keyboard.text(ctx.t('tickets:my.previous'), myData.list(list.page - 1))
  if (list.page < list.pages - 1) keyboard.text(ctx.t('tickets:my.next'), myData.list(list.page + 1))
  return { text: ctx.t('tickets:my.title', { total: list.total, page: list.page + 1, pages: list.pages }), keyboard }
}

async function showDetail(
  ctx: BotContext,
  services: Services,
  personId: number,
  complaintId: string,
  answered = false,
): Promise<void> {
  const detail = await services.tickets.consumer.complaintDetail(personId, complaintId)
  if (!detail) return answered ? undefined : notFound(ctx)
  if (!answered) await ctx.answerCallbackQuery()
  const keyboard = new InlineKeyboard()
  if (detail.open)
    keyboard
      .text(ctx.t('tickets:my.addInformation'), myData.addInformation(detail.id))
      .text(ctx.t('tickets:my.withdraw'), myData.withdraw(detail.id))
      .row()
  else if (detail.kind === 'COMPLAINT') keyboard.text(ctx.t('tickets:my.fileAgain'), myData.fileAgain(detail.id)).row()
  keyboard.text(ctx.t('tickets:my.back'), myData.list(0))
  await show(ctx, detailText(ctx, detail), keyboard)
}

/**
 * The consumer's message while adding information: a text, a photo or a document, appended and relayed. More may
 * follow (several photos, a text and its receipt) until the consumer presses “done” or sends /cancel.
 */
export async function receiveInformation(
  ctx: BotContext,
  services: Services,
  pending: Extract<PendingInput, { type: 'add-information' }>,
): Promise<void> {
  const msg = ctx.msg
  if (!ctx.person || !msg || !ctx.chat || !ctx.from) return
  const file = fileOf(msg)
  const text = msg.text ?? msg.caption
  if (!file && !text) {
    await ctx.reply(ctx.t('tickets:my.addInformationUnreadable'))
    return
  }
  const result = await services.tickets.consumer.addInformation(ctx.person.id, pending.complaintId, { text, file })
  if (result.status !== 'added') {
    await services.tickets.pendingInputs.clear(ctx.chat.id, ctx.from.id, ctx.reads?.cache)
    const key = result.status === 'not-open' ? 'tickets:my.notOpen' : 'tickets:my.notFound'
    await ctx.reply(ctx.t(key, { trackingNumber: result.status === 'not-open' ? result.trackingNumber : '' }))
    return
  }
  // Kept open for the next item, for as long again as a new prompt would be.
  await services.tickets.pendingInputs.start(ctx.chat.id, ctx.from.id, pending, ctx.reads?.cache)
  await ctx.reply(ctx.t('tickets:my.added', { trackingNumber: result.trackingNumber }), {
    reply_markup: new InlineKeyboard().text(
      ctx.t('tickets:my.addInformationDoneButton'),
      myData.addInformationDone(pending.complaintId),
    ),
  })
}

/** The consumer picked the complaint an unmapped message is about: it is relayed there now. */
async function relayPicked(
  ctx: BotContext,
  services: Services,
  { personId, chatId, userId }: { personId: number; chatId: number; userId: number },
  complaintId: string,
): Promise<void> {
  const pending = await services.tickets.pendingInputs.get(chatId, userId, ctx.reads?.cache)
  if (pending?.type !== 'unmapped-message') {
    await ctx.answerCallbackQuery({ text: ctx.t('tickets:answers.staleButton'), show_alert: true })
    return
  }
  await services.tickets.pendingInputs.clear(chatId, userId, ctx.reads?.cache)
  const result = await services.tickets.relay.relayFromConsumer(personId, complaintId, {
    text: pending.text ?? undefined,
    file: pending.file ?? undefined,
  })
  if (result.status !== 'relayed') {
    await ctx.answerCallbackQuery({ text: ctx.t('tickets:relay.notYours'), show_alert: true })
    return
  }
  await ctx.answerCallbackQuery()
  await ctx
    .editMessageText(ctx.t('tickets:relay.sentToStation', { trackingNumber: escapeHtml(result.trackingNumber) }), HTML)
    .catch(() => undefined)
}
