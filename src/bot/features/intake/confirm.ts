// Confirming the review card: filing the form and telling the consumer what happens next.
import { localDateOf } from '../../../domain/calendar/local-date.ts'
import { confirmForm } from '../../../domain/intake-form/engine.ts'
import type { FormState } from '../../../domain/intake-form/form-state.ts'
import { reportFilingDecisionDeadline } from '../../../domain/rules/statutory-deadlines.ts'
import type { FiledComplaint } from '../../../services/intake/file-complaint.ts'
import type { BotContext } from '../../context.ts'
import { formWritten } from '../../middleware/update-snapshot.ts'
import { consumerId, HTML, saveForm, type IntakeDeps } from './form-context.ts'
import { formatDate } from './dates.ts'
import { askStep } from './prompts.ts'

/** What the consumer is told once the form is filed: tracking number, next steps, the legal time limit. */
export function filedMessage(ctx: BotContext, complaint: FiledComplaint, now: Date = new Date(), anonymous = false): string {
  const lines = [ctx.t(`intake:filed.title.${complaint.kind}`, { tracking: complaint.trackingNumber }), '', ctx.t(`intake:filed.next.${complaint.kind}`)]
  // No outcome notice is owed to an anonymous reporter: said plainly, so nobody waits for one.
  if (anonymous) lines.push('', ctx.t('intake:filed.anonymous'))
  const due = complaint.kind === 'COMPLAINT'
    ? { date: complaint.decisionDue, calendarPublished: complaint.decisionDueFinal }
    : complaint.kind === 'REPORT' ? reportFilingDecisionDeadline(localDateOf(now), complaint.rule) : undefined
  if (due) {
    lines.push('', ctx.t(`intake:filed.due.${complaint.kind}`, { date: formatDate(due.date, ctx.locale) }))
    if (!due.calendarPublished) lines.push(ctx.t('intake:filed.calendarPending', { year: due.date.slice(0, 4) }))
  }
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
  formWritten(ctx)
  await deps.services.intake.forms.markFiled(consumerId(ctx), { formId: form.formId, trackingNumber: result.complaint.trackingNumber })
  ctx.log.info({ complaintId: result.complaint.id, status: result.status }, 'intake form filed')
  await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined)
  await ctx.reply(filedMessage(ctx, result.complaint, new Date(), confirmed.intake.kind === 'REPORT' && confirmed.intake.draft.anonymous === true), HTML)
}
