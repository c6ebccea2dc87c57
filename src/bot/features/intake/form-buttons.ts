// Buttons of a form (`f:` callback data): checked against the consumer's current form and step first, so a
// button of an older form or of a step already left is answered with a hint instead of acting.
import { editFromReview } from '../../../domain/intake-form/engine.ts'
import { formFragment, type FormState } from '../../../domain/intake-form/form-state.ts'
import { STEP_IDS, type StepId } from '../../../domain/intake-form/steps.ts'
import type { BotContext } from '../../context.ts'
import { parseFormButton, type FormButton } from './callback-data.ts'
import { confirmAndFile } from './confirm.ts'
import { activeForm, answerQuietly, applyAnswer, cancelForm, stepBack } from './form-actions.ts'
import { alreadyApplied, consumerId, saveForm, type IntakeDeps } from './form-context.ts'
import { locationButton, showScreen } from './location.ts'
import { askStep } from './prompts.ts'
import { categoryScreen } from './step-keyboards.ts'
import { CATEGORY_KINDS, type CategoryKind } from '../../../domain/intake/categories.ts'

function categoryKind(value: string | undefined): CategoryKind | undefined {
  return CATEGORY_KINDS.find((kind) => kind === value)
}

async function categoryButton(ctx: BotContext, deps: IntakeDeps, form: FormState, button: FormButton): Promise<void> {
  const [arg, page] = button.args
  const pageNumber = Number(page ?? 0) || 0
  switch (button.action) {
    case 'r': return showScreen(ctx, categoryScreen(ctx, form))
    case 'k': return showScreen(ctx, categoryScreen(ctx, form, { ...(categoryKind(arg) ? { kind: categoryKind(arg) } : {}), page: pageNumber }))
    case 'g': return showScreen(ctx, categoryScreen(ctx, form, { ...(arg ? { group: arg } : {}), page: pageNumber }))
    case 'c': return applyAnswer(ctx, deps, form, { type: 'choice', value: arg ?? '' })
    default: return askStep(ctx, deps, form)
  }
}

async function reviewButton(ctx: BotContext, deps: IntakeDeps, form: FormState, button: FormButton): Promise<void> {
  if (button.action === 'ok') return confirmAndFile(ctx, deps, form)
  const step = STEP_IDS.find((id): id is StepId => id === button.args[0])
  const editing = button.action === 'e' && step ? editFromReview(form, step) : undefined
  if (!editing) return askStep(ctx, deps, form)
  await saveForm(ctx, deps, editing)
  await askStep(ctx, deps, editing)
}

/** Acts on a button of the current step of the current form. */
async function currentStepButton(ctx: BotContext, deps: IntakeDeps, form: FormState, button: FormButton): Promise<void> {
  const [arg] = button.args
  switch (button.action) {
    case 'back': return stepBack(ctx, deps, form)
    case 'skip': return applyAnswer(ctx, deps, form, { type: 'skip' })
    case 'done': return applyAnswer(ctx, deps, form, { type: 'done' })
    case 'c':
      if (form.step === 'category') return categoryButton(ctx, deps, form, button)
      return applyAnswer(ctx, deps, form, { type: 'choice', value: arg ?? '' })
    case 'v': return applyAnswer(ctx, deps, form, { type: 'choice', value: arg ?? '' })
    case 't': return applyAnswer(ctx, deps, form, { type: 'choice', value: `toggle:${arg ?? ''}` })
  }
  if (form.step === 'location') return locationButton(ctx, deps, form, button)
  if (form.step === 'category') return categoryButton(ctx, deps, form, button)
  if (form.step === 'review') return reviewButton(ctx, deps, form, button)
  return askStep(ctx, deps, form)
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
