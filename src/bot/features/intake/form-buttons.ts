// Buttons of a form (`f:` callback data): checked against the consumer's current form and step first, so a
// button of an older form or of a step already left is answered with a hint instead of acting.

import { CATEGORY_KINDS, type CategoryKind, categoryGroup } from '../../../domain/intake/categories.ts'
import { editFromReview } from '../../../domain/intake-form/engine.ts'
import { type FormState, formFragment } from '../../../domain/intake-form/form-state.ts'
import { STEP_IDS, type StepId } from '../../../domain/intake-form/steps.ts'
import { FORM_IDLE_LIMIT_MS } from '../../../services/intake/form-store.ts'
import { type FormButton, parseFormButton } from '../../../telegram/callback-data/form-button.ts'
import type { BotContext } from '../../context.ts'
import {
  activeForm,
  answerQuietly,
  applyAnswer,
  cancelForm,
  confirmAndFile,
  refuseButton,
  reportLostForm,
  stepBack,
} from './form-actions.ts'
import { alreadyApplied, consumerId, type IntakeDeps, saveForm } from './form-context.ts'
import { locationButton, showScreen } from './location.ts'
import { askStep } from './prompts.ts'
import { categoryScreen } from './step-keyboards.ts'

function categoryKind(value: string | undefined): CategoryKind | undefined {
  return CATEGORY_KINDS.find((kind) => kind === value)
}

async function categoryButton(ctx: BotContext, deps: IntakeDeps, form: FormState, button: FormButton): Promise<void> {
  const [arg, page] = button.args
  const pageNumber = Number(page ?? 0) || 0
  const unknown = () => refuseButton(ctx, deps, form, ctx.t('intake:errors.form.UNKNOWN_CATEGORY'))
  switch (button.action) {
    case 'r':
      return showScreen(ctx, categoryScreen(ctx, form))
    case 'k': {
      const kind = categoryKind(arg)
      return kind ? showScreen(ctx, categoryScreen(ctx, form, { kind, page: pageNumber })) : unknown()
    }
    case 'g':
      return arg && categoryGroup(arg)
        ? showScreen(ctx, categoryScreen(ctx, form, { group: arg, page: pageNumber }))
        : unknown()
    case 'c':
      return applyAnswer(ctx, deps, form, { type: 'choice', value: arg ?? '' })
    default:
      return unknown()
  }
}

async function reviewButton(ctx: BotContext, deps: IntakeDeps, form: FormState, button: FormButton): Promise<void> {
  if (button.action === 'ok') return confirmAndFile(ctx, deps, form)
  const step = STEP_IDS.find((id): id is StepId => id === button.args[0])
  const editing = button.action === 'e' && step ? editFromReview(form, step) : undefined
  if (!editing) return refuseButton(ctx, deps, form, ctx.t('intake:errors.form.UNKNOWN_CHOICE'))
  await saveForm(ctx, deps, editing)
  await askStep(ctx, deps, editing)
}

/** Acts on a button of the current step of the current form. */
async function currentStepButton(
  ctx: BotContext,
  deps: IntakeDeps,
  form: FormState,
  button: FormButton,
): Promise<void> {
  const [arg] = button.args
  switch (button.action) {
    case 'back':
      return stepBack(ctx, deps, form)
    case 'skip':
      return applyAnswer(ctx, deps, form, { type: 'skip' })
    case 'done':
      return applyAnswer(ctx, deps, form, { type: 'done' })
    case 'c':
      if (form.step === 'category') return categoryButton(ctx, deps, form, button)
      return applyAnswer(ctx, deps, form, { type: 'choice', value: arg ?? '' })
    case 'v':
      return applyAnswer(ctx, deps, form, { type: 'choice', value: arg ?? '' })
    case 't':
      return applyAnswer(ctx, deps, form, { type: 'choice', value: `toggle:${arg ?? ''}` })
  }
  if (form.step === 'location' || form.step === 'shopArea') return locationButton(ctx, deps, form, button)
  if (form.step === 'category') return categoryButton(ctx, deps, form, button)
  if (form.step === 'review') return reviewButton(ctx, deps, form, button)
  return refuseButton(ctx, deps, form, ctx.t('intake:errors.form.UNKNOWN_CHOICE'))
}

/**
 * A button of a form that is neither stored nor recorded as started, on a message recent enough for its form to
 * be open still: Redis lost the form (a form that ended normally stays recorded for as long as it is kept).
 */
async function isLostFormButton(ctx: BotContext, deps: IntakeDeps, button: FormButton): Promise<boolean> {
  const sentAt = ctx.callbackQuery?.message?.date
  if (sentAt === undefined || Date.now() - sentAt * 1000 > FORM_IDLE_LIMIT_MS) return false
  if (!shownOnItsMessage(ctx)) return false
  return !(await deps.services.intake.forms.wasStarted(consumerId(ctx), button.fragment))
}

/**
 * Whether the pressed data is a button of the message it came from. Forged data is not, and must not be taken for
 * a form Redis lost (that apology would be false); Telegram sends the message's keyboard with each press.
 */
function shownOnItsMessage(ctx: BotContext): boolean {
  const query = ctx.callbackQuery
  const message = query?.message
  const keyboard = message && 'reply_markup' in message ? message.reply_markup?.inline_keyboard : undefined
  return keyboard?.some((row) => row.some((b) => 'callback_data' in b && b.callback_data === query?.data)) ?? false
}

/** A press of a form button (`f:` data) in a private chat; data that is no form button passes on. */
export async function pressFormButton(ctx: BotContext, deps: IntakeDeps, next: () => Promise<void>): Promise<void> {
  const button = parseFormButton(ctx.callbackQuery?.data ?? '')
  if (!button) return next()
  const loaded = await activeForm(ctx, deps)
  if (loaded.status === 'reported') return
  const form = loaded.status === 'active' ? loaded.form : undefined
  if (!form || formFragment(form.formId) !== button.fragment) {
    const filed = await deps.services.intake.forms.lastFiled(consumerId(ctx))
    if (filed && formFragment(filed.formId) === button.fragment) {
      return answerQuietly(ctx, ctx.t('intake:stale.filed', { tracking: filed.trackingNumber }), true)
    }
    if (!form && (await isLostFormButton(ctx, deps, button))) return reportLostForm(ctx)
    await answerQuietly(ctx, ctx.t('intake:stale.oldForm'), true)
    if (form) await askStep(ctx, deps, form)
    return
  }
  if (alreadyApplied(ctx, form)) return
  if (button.action === 'cancel') return cancelForm(ctx, deps, form)
  if (button.step !== form.step) {
    await answerQuietly(ctx, ctx.t('intake:stale.oldStep'), false)
    return askStep(ctx, deps, form)
  }
  await currentStepButton(ctx, deps, form, button)
}
