// Confirming the review card: filing the form and telling the consumer what happens next.
import { confirmForm } from '../../../domain/intake-form/engine.ts'
import type { FormState } from '../../../domain/intake-form/form-state.ts'
import type { FiledComplaint } from '../../../services/intake/file-complaint.ts'
import type { BotContext } from '../../context.ts'
import { offerWarnings } from '../warnings/filing-offer.ts'
import { consumerId, HTML, type IntakeDeps, saveForm } from './form-context.ts'
import { askStep } from './prompts.ts'

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
