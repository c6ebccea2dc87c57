// What the intake handlers share: the services they need, the consumer's form, and the clock.
import { localDateOf } from '../../../domain/calendar/local-date.ts'
import type { EngineClock } from '../../../domain/intake-form/engine.ts'
import type { FormState } from '../../../domain/intake-form/form-state.ts'
import type { Services } from '../../../services/services.ts'
import type { BotContext } from '../../context.ts'

export interface IntakeDeps {
  services: Services
}

/** Now, and today in Asia/Shanghai, for the engine. */
export function engineClock(now: Date = new Date()): EngineClock {
  return { now, today: localDateOf(now) }
}

/** The Telegram user the form belongs to (every intake update has one). */
export function consumerId(ctx: BotContext): number {
  const id = ctx.from?.id
  if (id === undefined) throw new Error('intake update without a sender')
  return id
}

/**
 * Saves the form as changed by this update, so that a redelivery of the update is recognised; `started` for a new
 * form (recorded, so that its buttons are known later even once it is over).
 */
export async function saveForm(
  ctx: BotContext,
  deps: IntakeDeps,
  form: FormState,
  options: { started?: boolean } = {},
): Promise<void> {
  await deps.services.intake.forms.save(
    consumerId(ctx),
    { ...form, lastUpdateId: ctx.update.update_id },
    options,
    ctx.reads?.cache,
  )
}

/** True when this update was applied to the form already (Telegram delivered it again). */
export function alreadyApplied(ctx: BotContext, form: FormState): boolean {
  return ctx.update.update_id <= form.lastUpdateId
}

/** Options of every HTML message of the feature. */
export const HTML = { parse_mode: 'HTML' } as const

/**
 * The text key of the place question for this form: an inquiry asks where the consumer is (`…Inquiry` keys), the
 * other forms where the business is.
 */
export function placeTextKey(form: Pick<FormState, 'kind'>, key: string): string {
  return form.kind === 'INQUIRY' ? `${key}Inquiry` : key
}
