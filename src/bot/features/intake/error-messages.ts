// Localized messages of the engine's refusals.
import { formatFen } from '../../../domain/intake/amount.ts'
import type { FormError } from '../../../domain/intake-form/form-errors.ts'
import { STEPS, type StepId } from '../../../domain/intake-form/steps.ts'
import type { BotContext } from '../../context.ts'

const MB = 1024 * 1024

/** Why the answer was refused, in the consumer's language; the question is asked again after it. */
export function describeFormError(ctx: BotContext, error: FormError, step: StepId): string {
  const key = `intake:errors.${error.source}.${error.code}`
  if (error.source === 'form' && error.code === 'UNEXPECTED_INPUT') {
    return ctx.t(key, { expected: ctx.t(`intake:expects.${STEPS[step].input}`) })
  }
  if (error.source === 'amount' && error.code === 'TOO_LARGE') {
    return ctx.t(key, { limit: formatFen(error.params.limitFen ?? 0, ctx.locale) })
  }
  if (error.source === 'evidence' && error.code === 'TOO_LARGE') {
    return ctx.t(key, {
      limit: Math.round((error.params.limit ?? 0) / MB),
      size: ((error.params.size ?? 0) / MB).toFixed(1),
    })
  }
  return ctx.t(key, error.params)
}
