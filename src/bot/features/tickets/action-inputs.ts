import { Composer, InlineKeyboard } from 'grammy'
import { parseAmountYuan } from '../../../domain/intake/amount.ts'
import type { TransitionInput } from '../../../domain/lifecycle/index.ts'
import type { Services } from '../../../services/services.ts'
import type { InputNeed } from '../../../services/tickets/action-inputs.ts'
import type { PendingInput } from '../../../services/tickets/pending-input.ts'
import type { TicketActionResult } from '../../../services/tickets/ticket-action-result.ts'
import { choiceData, parseChoiceData } from '../../../telegram/callback-data/ticket-choice.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import { groundText } from '../../../telegram/render/ground-text.ts'
import type { BotContext } from '../../context.ts'
import { alertText, personName, problemText, sameThread } from './answers.ts'
import { receiveInformation } from './my-complaints.ts'
import { receiveRatingComment } from './rating.ts'

type ActionInput = Extract<PendingInput, { type: 'action' }>
const HTML = { parse_mode: 'HTML' as const }
const MAX_NOTE = 1000

/**
 * Answers the outcome of a ticket action: a short confirmation, a prompt for what is still missing (a keyboard of
 * grounds, stations, liaisons or outcomes; or a reply with an amount or a note), or why nothing happened.
 * `via` tells whether the update was a button press (answered with a toast or an alert) or a message.
 */
export async function respondToAction(
  ctx: BotContext,
  services: Services,
  result: TicketActionResult,
  input: TransitionInput,
  via: 'press' | 'message',
): Promise<void> {
  const t = ctx.t
  const chatId = ctx.chat?.id
  const userId = ctx.from?.id
  if (result.status !== 'needs-input' && chatId !== undefined && userId !== undefined)
    await services.tickets.pendingInputs.clear(chatId, userId, ctx.reads?.cache)
  if (result.status === 'done') {
    const step = result.case ? t(`tickets:case.steps.${result.case.status}`) : t(`tickets:steps.${result.action}`)
    if (via === 'press')
      await ctx.answerCallbackQuery({
        text: t('tickets:answers.done', { step, trackingNumber: result.trackingNumber }),
      })
    else
      await ctx.reply(t('tickets:answers.doneInChat', { step, trackingNumber: escapeHtml(result.trackingNumber) }), {
        ...HTML,
        ...sameThread(ctx),
      })
    if (result.case) {
      const status = t(`tickets:case.statuses.${result.case.status}`)
      await ctx.reply(
        t('tickets:answers.caseStep', {
          caseNumber: escapeHtml(result.case.caseNumber),
          origin: escapeHtml(result.trackingNumber),
          status,
        }),
        { ...HTML, ...sameThread(ctx) },
      )
    }
    return
  }
  if (result.status === 'needs-input') {
    if (via === 'press') await ctx.answerCallbackQuery()
    await askFor(ctx, services, result, input)
    return
  }
  const text = problemText(ctx, result)
  if (via === 'press') await ctx.answerCallbackQuery({ text: alertText(text), show_alert: true })
  else await ctx.reply(escapeHtml(text), { ...HTML, ...sameThread(ctx) })
}

/** Starts the pending input for what the action still needs and asks the presser for it. */
async function askFor(
  ctx: BotContext,
  services: Services,
  result: Extract<TicketActionResult, { status: 'needs-input' }>,
  input: TransitionInput,
): Promise<void> {
  const chatId = ctx.chat?.id
  const userId = ctx.from?.id
  if (chatId === undefined || userId === undefined) return
  const { need } = result
  const choices = choicesOf(ctx, need)
  const pending: ActionInput = {
    type: 'action',
    complaintId: result.complaintId,
    action: result.action,
    awaiting: need.kind,
    input,
    options: choices.map((c) => c.value),
  }
  const nonce = await services.tickets.pendingInputs.start(chatId, userId, pending, ctx.reads?.cache)
  const keyboard = new InlineKeyboard()
  for (const [index, choice] of choices.entries()) keyboard.text(choice.label, choiceData(nonce, index)).row()
  keyboard.text(ctx.t('tickets:inputs.cancel'), choiceData(nonce, 'x'))
  const trackingNumber = escapeHtml(result.trackingNumber)
  await ctx.reply(promptText(ctx, need, result.action, trackingNumber, choices.length), {
    ...HTML,
    ...sameThread(ctx),
    reply_markup: keyboard,
  })
}

function promptText(
  ctx: BotContext,
  need: InputNeed,
  action: string,
  trackingNumber: string,
  choiceCount: number,
): string {
  const t = ctx.t
  const step = t(`tickets:steps.${action}`)
  switch (need.kind) {
    case 'GROUND':
      return t('tickets:inputs.ground', { step, trackingNumber, rule: t(`tickets:inputs.rule.${need.rule}`) })
    case 'AMOUNT':
      if (action === 'CASE_DECIDE') return t('tickets:inputs.penaltyAmount', { name: personName(ctx), trackingNumber })
      return t('tickets:inputs.amount', { name: personName(ctx), trackingNumber })
    case 'NOTE':
      return t(`tickets:inputs.note.${action}`, {
        name: personName(ctx),
        trackingNumber,
        defaultValue: t('tickets:inputs.note.other', { name: personName(ctx), trackingNumber }),
      })
    case 'OUTCOME':
      return t('tickets:inputs.outcome', { trackingNumber })
    case 'TARGET_STATION':
      return choiceCount > 0
        ? t('tickets:inputs.station', { trackingNumber })
        : t('tickets:inputs.noCandidates', { trackingNumber })
    case 'LIAISON':
      return choiceCount > 0
        ? t('tickets:inputs.liaison', { trackingNumber })
        : t('tickets:inputs.noCandidates', { trackingNumber })
  }
}

function choicesOf(ctx: BotContext, need: InputNeed): Array<{ value: string; label: string }> {
  const t = ctx.t
  switch (need.kind) {
    case 'GROUND':
      return need.grounds.map((g) => {
        const ground = groundText(t, ctx.locale, need.rule, need.list, g.code)
        return {
          value: g.code,
          label: t('tickets:inputs.groundOption', { article: ground.article, label: ground.label }).slice(0, 60),
        }
      })
    case 'OUTCOME':
      return need.outcomes.map((outcome) => ({ value: outcome, label: t(`tickets:inputs.outcomes.${outcome}`) }))
    case 'TARGET_STATION':
      return need.stations.map((s) => ({ value: s.id, label: ctx.locale === 'en' && s.nameEn ? s.nameEn : s.name }))
    case 'LIAISON':
      return need.liaisons.map((l) => ({ value: String(l.personId), label: l.name }))
    case 'AMOUNT':
    case 'NOTE':
      return []
  }
}

/** The input with one more answer in it. */
function withAnswer(pending: ActionInput, value: string): TransitionInput {
  switch (pending.awaiting) {
    case 'GROUND':
      return { ...pending.input, ground: value }
    case 'OUTCOME':
      return { ...pending.input, outcome: value }
    case 'TARGET_STATION':
      return { ...pending.input, targetStationId: value }
    case 'LIAISON':
      return { ...pending.input, liaisonId: Number(value) }
    case 'NOTE':
      return { ...pending.input, note: value }
    case 'AMOUNT':
      return { ...pending.input, amountFen: Number(value) }
  }
}

/** Acts with the input given so far; the service answers with what is still missing (a transfer's reason…). */
async function complete(
  ctx: BotContext,
  services: Services,
  pending: ActionInput,
  input: TransitionInput,
  via: 'press' | 'message',
): Promise<void> {
  if (!ctx.person) return
  const result = await services.tickets.actOnTicket({
    complaintId: pending.complaintId,
    personId: ctx.person.id,
    action: pending.action,
    input,
  })
  await respondToAction(ctx, services, result, input, via)
}

/** Choices pressed in an input keyboard, and replies with an amount or a note; other pending inputs by kind. */
export function actionInputs(services: Services): Composer<BotContext> {
  const composer = new Composer<BotContext>()
  const pendingInputs = services.tickets.pendingInputs

  composer.callbackQuery(/^tc:/, async (ctx) => {
    const data = parseChoiceData(ctx.callbackQuery.data)
    const chatId = ctx.chat?.id
    const found =
      data && chatId !== undefined ? await pendingInputs.read(chatId, ctx.from.id, ctx.reads?.cache) : undefined
    if (found?.status === 'dropped') {
      await ctx.answerCallbackQuery({ text: ctx.t('tickets:inputs.dropped'), show_alert: true })
      return
    }
    const pending = found?.status === 'pending' ? found.input : undefined
    // An index past the options (a forged press) is refused before the prompt is touched.
    const action = pending?.type === 'action' ? pending : undefined
    const value = data && data.choice !== 'x' ? action?.options?.[data.choice] : undefined
    const known = data?.choice === 'x' || value !== undefined
    if (!data || !action || action.nonce !== data.nonce || !known || chatId === undefined) {
      await ctx.answerCallbackQuery({ text: ctx.t('tickets:inputs.notYours'), show_alert: true })
      return
    }
    const message = ctx.callbackQuery.message
    const chosenLabel =
      message?.reply_markup?.inline_keyboard
        .flat()
        .find((b) => 'callback_data' in b && b.callback_data === ctx.callbackQuery.data)?.text ?? ''
    const promptHtml = message && 'text' in message && message.text ? escapeHtml(message.text) : ''
    await ctx
      .editMessageText(`${promptHtml}\n${escapeHtml(ctx.t('tickets:inputs.chosen', { choice: chosenLabel }))}`, HTML)
      .catch(() => undefined)
    if (data.choice === 'x') {
      await pendingInputs.clear(chatId, ctx.from.id, ctx.reads?.cache)
      await ctx.answerCallbackQuery({ text: ctx.t('tickets:inputs.cancelled') })
      return
    }
    if (value === undefined) return
    await complete(ctx, services, action, withAnswer(action, value), 'press')
  })

  composer.on('message', async (ctx, next) => {
    if (!ctx.person || !ctx.from || ctx.from.is_bot) return next()
    const found = await pendingInputs.read(ctx.chat.id, ctx.from.id, ctx.reads?.cache)
    if (found.status === 'dropped') {
      await ctx.reply(ctx.t('tickets:inputs.dropped'), sameThread(ctx))
      return
    }
    // A warning draft's answers, its /cancel included (back to the draft card), are the warnings feature's.
    if (found.status === 'none' || found.input.type === 'warning-input') return next()
    const pending = found.input
    const text = ctx.msg.text ?? ''
    if (/^\/cancel(@\w+)?$/.test(text.trim())) {
      await pendingInputs.clear(ctx.chat.id, ctx.from.id, ctx.reads?.cache)
      // Information already added stays added: /cancel ends the adding, as 完成 does; nothing is undone.
      const ended = pending.type === 'add-information' ? 'tickets:my.addInformationDone' : 'tickets:inputs.cancelled'
      await ctx.reply(ctx.t(ended), sameThread(ctx))
      return
    }
    if (text.startsWith('/')) return next()
    switch (pending.type) {
      case 'action':
        if (pending.awaiting === 'AMOUNT' && ctx.msg.text !== undefined)
          return receiveAmount(ctx, services, pending, text)
        if (pending.awaiting === 'NOTE' && ctx.msg.text !== undefined) return receiveNote(ctx, services, pending, text)
        return next()
      case 'add-information':
        return receiveInformation(ctx, services, pending)
      case 'rating-comment':
        if (ctx.msg.text === undefined) return next()
        return receiveRatingComment(ctx, services, pending, text)
      case 'unmapped-message':
        return next()
    }
  })
  return composer
}

async function receiveAmount(ctx: BotContext, services: Services, pending: ActionInput, text: string): Promise<void> {
  const zero = /^\s*[¥￥]?\s*0+(\.0+)?\s*(元|yuan)?\s*$/i.test(text)
  const parsed = zero ? { ok: true as const, value: 0 } : parseAmountYuan(text)
  if (!parsed.ok) {
    await ctx.reply(ctx.t('tickets:inputs.amountError'), sameThread(ctx))
    return
  }
  await complete(ctx, services, pending, withAnswer(pending, String(parsed.value)), 'message')
}

async function receiveNote(ctx: BotContext, services: Services, pending: ActionInput, text: string): Promise<void> {
  const note = text.trim().slice(0, MAX_NOTE)
  if (note === '') {
    await ctx.reply(ctx.t('tickets:inputs.noteEmpty'), sameThread(ctx))
    return
  }
  await complete(ctx, services, pending, withAnswer(pending, note), 'message')
}
