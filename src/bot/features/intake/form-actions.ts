// The moves every intake handler makes on a form: load it, apply an answer, go back, cancel, confirm and file.
import type { FormAnswer } from '../../../domain/intake-form/answers.ts'
import { answerStep, confirmForm, goBack } from '../../../domain/intake-form/engine.ts'
import type { FormError } from '../../../domain/intake-form/form-errors.ts'
import type { FormState } from '../../../domain/intake-form/form-state.ts'
import type { FiledComplaint } from '../../../services/intake/file-complaint.ts'
import { answerCallbackOnce } from '../../answer-callback.ts'
import type { BotContext } from '../../context.ts'
import { offerWarnings } from '../warnings/filing-offer.ts'
import { describeFormError } from './error-messages.ts'
import { consumerId, engineClock, HTML, type IntakeDeps, saveForm } from './form-context.ts'
import { menuKeyboard } from './menu-keyboard.ts'
import { askStep } from './prompts.ts'
import { demandsKeyboard } from './step-keyboards.ts'

export type ActiveForm =
  | { status: 'active'; form: FormState }
  | { status: 'none' }
  /** An expired or outdated form was reported to the consumer; nothing else to do for this update. */
  | { status: 'reported' }

/**
 * The consumer's form; an expired or outdated one is reported (with the menu) and deleted, and so is one that this
 * process saw open but Redis no longer has (lost: the draft is gone, the consumer must start again).
 */
export async function activeForm(ctx: BotContext, deps: IntakeDeps): Promise<ActiveForm> {
  const forms = deps.services.intake.forms
  const loaded = await forms.load(consumerId(ctx), new Date(), ctx.reads?.cache)
  if (loaded.status === 'active') return loaded
  if (loaded.status === 'none') {
    if (!(await forms.lostSinceSeen(consumerId(ctx)))) return loaded
    await reportLostForm(ctx)
    return { status: 'reported' }
  }
  const key = loaded.status === 'expired' ? `intake:expired.${loaded.form.kind}` : 'intake:outdated'
  await ctx.reply(ctx.t(key), { ...HTML, reply_markup: { remove_keyboard: true } })
  await ctx.reply(ctx.t('intake:menu.choose'), { ...HTML, reply_markup: menuKeyboard(ctx, undefined) })
  return { status: 'reported' }
}

/** Apologises for a draft the system lost (Redis lost the form) and offers the menu to start again. */
export async function reportLostForm(ctx: BotContext): Promise<void> {
  ctx.log.warn('an open form is missing from Redis; the consumer is asked to start again')
  await answerQuietly(ctx, ctx.t('intake:lost.toast'), true)
  await ctx.reply(ctx.t('intake:lost.message'), { ...HTML, reply_markup: { remove_keyboard: true } })
  await ctx.reply(ctx.t('intake:menu.choose'), { ...HTML, reply_markup: menuKeyboard(ctx, undefined) })
}

/**
 * Answers the update's callback query once (see answerCallbackOnce). Buttons without a toast are answered after
 * their work, so the spinner lasts until the reply is sent.
 */
export async function answerQuietly(ctx: BotContext, text?: string, alert = false): Promise<void> {
  await answerCallbackOnce(ctx, text, alert)
}

/** A button whose data this form does not know (forged, or of another release): says so, and asks again. */
export async function refuseButton(ctx: BotContext, deps: IntakeDeps, form: FormState, reason: string): Promise<void> {
  await answerQuietly(ctx, reason, true)
  await askStep(ctx, deps, form, { notice: `⚠️ ${reason}`, from: form.step })
}

/** Says why an answer was refused and asks the same question again. */
export async function refuse(ctx: BotContext, deps: IntakeDeps, form: FormState, error: FormError): Promise<void> {
  await askStep(ctx, deps, form, { notice: `⚠️ ${describeFormError(ctx, error, form.step)}`, from: form.step })
}

/** Applies an answer: saves the form and asks the next question, or explains the refusal. */
export async function applyAnswer(
  ctx: BotContext,
  deps: IntakeDeps,
  form: FormState,
  answer: FormAnswer,
  notice?: string,
): Promise<void> {
  const result = answerStep(form, answer, engineClock())
  if (result.status === 'refused') return refuse(ctx, deps, form, result.error)
  const next = result.state
  await saveForm(ctx, deps, next)
  if (answer.type === 'choice' && answer.value.startsWith('toggle:') && ctx.callbackQuery) {
    // A demand toggled: the same keyboard with the new ticks, edited in place.
    await ctx.editMessageReplyMarkup({ reply_markup: demandsKeyboard(ctx, next) }).catch(() => askStep(ctx, deps, next))
    return
  }
  await askStep(ctx, deps, next, { ...(notice ? { notice } : {}), from: form.step })
}

/** The previous question again; at the first one, says so. */
export async function stepBack(ctx: BotContext, deps: IntakeDeps, form: FormState): Promise<void> {
  const previous = goBack(form)
  if (!previous) {
    await askStep(ctx, deps, form, { notice: ctx.t('intake:firstQuestion'), from: form.step })
    return
  }
  await saveForm(ctx, deps, previous)
  await askStep(ctx, deps, previous, { from: form.step })
}

/** Drops the consumer's form and shows the menu. */
export async function cancelForm(ctx: BotContext, deps: IntakeDeps, form: FormState | undefined): Promise<void> {
  if (form) await deps.services.intake.forms.clear(consumerId(ctx), ctx.reads?.cache)
  await ctx.reply(ctx.t(form ? `intake:cancelled.${form.kind}` : 'intake:nothingToCancel'), {
    ...HTML,
    reply_markup: { remove_keyboard: true },
  })
  await ctx.reply(ctx.t('intake:menu.choose'), { ...HTML, reply_markup: menuKeyboard(ctx, undefined) })
}

// Confirming the review card: filing the form and telling the consumer what happens next.

/**
 * What the consumer is told once the form is filed: tracking number, next steps, and when the legal time limits
 * start (on receipt by the market-regulation bureau, never at filing: there is no statutory date yet).
 */
export function filedMessage(ctx: BotContext, complaint: FiledComplaint, anonymous = false): string {
  const lines = [
    ctx.t(`intake:filed.title.${complaint.kind}`, { tracking: complaint.trackingNumber }),
    '',
    ctx.t(`intake:filed.next.${complaint.kind}`),
  ]
  // No outcome notice is owed to an anonymous reporter: said plainly, so nobody waits for one.
  if (anonymous) lines.push('', ctx.t('intake:filed.anonymous'))
  if (complaint.kind !== 'INQUIRY') lines.push('', ctx.t(`intake:filed.clock.${complaint.kind}`))
  lines.push('', ctx.t('intake:filed.track'))
  return lines.join('\n')
}

/** Files the form on its review card; a second confirm of the same form gets the same tracking number. */
export async function confirmAndFile(ctx: BotContext, deps: IntakeDeps, form: FormState): Promise<void> {
  const person = ctx.person
  if (!person) throw new Error('confirming a form without a sender')
  const confirmed = confirmForm(form, ctx.locale)
  if (confirmed.status === 'incomplete') {
    const back = { ...form, step: confirmed.step, editing: false }
    await saveForm(ctx, deps, back)
    return askStep(ctx, deps, back, { notice: ctx.t('intake:confirm.incomplete'), from: form.step })
  }
  const result = await deps.services.filing.fileComplaint(confirmed.intake, person.id)
  if (result.status === 'daily-limit') {
    await ctx.reply(ctx.t('intake:confirm.dailyLimit', { limit: result.limit }), HTML)
    return
  }
  const filed = { formId: form.formId, trackingNumber: result.complaint.trackingNumber }
  await deps.services.intake.forms.markFiled(consumerId(ctx), filed, ctx.reads?.cache)
  ctx.log.info({ complaintId: result.complaint.id, status: result.status }, 'intake form filed')
  await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined)
  await ctx.reply(
    filedMessage(
      ctx,
      result.complaint,
      confirmed.intake.kind === 'REPORT' && confirmed.intake.draft.anonymous === true,
    ),
    HTML,
  )
  const location = confirmed.intake.draft.location
  if (location?.type === 'area') await offerWarnings(ctx, deps.services, result.complaint.id, location.areaCode)
}
