// Asking the current question of a form: its text, its buttons, and the reply keyboard some steps need.
import { InlineKeyboard, Keyboard } from 'grammy'
import { MAX_EVIDENCE_ATTACHMENTS } from '../../../domain/intake/evidence.ts'
import { ID_DOCUMENT_TYPES } from '../../../domain/intake/identity-document.ts'
import { TEXT_LIMITS } from '../../../domain/intake/text-answer.ts'
import type { FormState } from '../../../domain/intake-form/form-state.ts'
import { isSkippable, STEPS, type StepId } from '../../../domain/intake-form/steps.ts'
import { formButtonData } from '../../../telegram/callback-data/form-button.ts'
import type { BotContext } from '../../context.ts'
import { HTML, type IntakeDeps, placeTextKey } from './form-context.ts'
import { reviewCard } from './review-card.ts'
import { addNavigation, categoryScreen, demandsKeyboard, locationScreen, type StepScreen } from './step-keyboards.ts'

/** Steps that show a reply keyboard (share location / share contact) besides their inline buttons. */
function hasReplyKeyboard(step: StepId): boolean {
  return step === 'location' || STEPS[step].takesContact === true
}

/** The reply keyboard of such a step. */
function replyKeyboardOf(ctx: BotContext, form: FormState): Keyboard | undefined {
  const step = form.step
  if (step === 'location') {
    return new Keyboard()
      .requestLocation(ctx.t(placeTextKey(form, 'intake:buttons.shareLocation')))
      .row()
      .text(ctx.t('intake:buttons.back'))
      .text(ctx.t('intake:buttons.cancel'))
      .resized()
  }
  if (STEPS[step].takesContact) {
    return new Keyboard()
      .requestContact(ctx.t('intake:buttons.shareContact'))
      .row()
      .text(ctx.t('intake:buttons.back'))
      .text(ctx.t('intake:buttons.cancel'))
      .resized()
  }
  return undefined
}

/** The parameters of each step's question; frozen, so that its text is translated once (see src/i18n/remembered-texts.ts). */
const QUESTION_PARAMS: Partial<Record<StepId, Readonly<Record<string, number>>>> = Object.fromEntries(
  Object.entries({
    businessName: TEXT_LIMITS.businessName,
    businessAddress: TEXT_LIMITS.address,
    platformName: TEXT_LIMITS.platformName,
    facts: TEXT_LIMITS.facts,
    demandOther: TEXT_LIMITS.otherDemand,
    violation: TEXT_LIMITS.violation,
    question: TEXT_LIMITS.question,
    contactName: TEXT_LIMITS.personName,
    mailingAddress: TEXT_LIMITS.address,
    evidence: { max: MAX_EVIDENCE_ATTACHMENTS },
  }).map(([step, params]) => [step, Object.freeze({ ...params })]),
)

/** The screen of a step answered by text or simple buttons (everything but location, category, review). */
/** Steps answered by one of two choices, one button a row: the locale key of each label and its choice code. */
const CHOICE_BUTTONS: Partial<Record<StepId, ReadonlyArray<readonly [label: string, choice: string]>>> = {
  timeBarred: [
    ['makeInquiry', 'inquiry'],
    ['changeDate', 'change-date'],
  ],
  anonymous: [
    ['reportNamed', 'named'],
    ['reportAnonymous', 'anonymous'],
  ],
  consumerUse: [
    ['forDailyLife', 'yes'],
    ['notForDailyLife', 'no'],
  ],
  notConsumer: [
    ['makeInquiry', 'inquiry'],
    ['changeConsumerUse', 'change'],
  ],
}

function simpleScreen(ctx: BotContext, form: FormState): StepScreen {
  const { step } = form
  const keyboard = new InlineKeyboard()
  // An online shop's address is the one it shows on the platform, and may be missing there.
  const online = step === 'businessAddress' && form.draft.location?.type === 'online'
  const anonymityHelp = step === 'anonymous' ? `\n\n${ctx.t('intake:reporter.explain')}` : ''
  let text = ctx.t(online ? 'intake:ask.shopAddress' : `intake:ask.${step}`, QUESTION_PARAMS[step]) + anonymityHelp
  if (step === 'businessAddress' && !online && isSkippable(step, form.kind, form.draft))
    text = `${text}${ctx.t('intake:ask.businessAddressSkip')}`
  CHOICE_BUTTONS[step]?.forEach(([label, choice], i) => {
    if (i > 0) keyboard.row()
    keyboard.text(ctx.t(`intake:buttons.${label}`), formButtonData(form, step, 'c', choice))
  })
  switch (step) {
    case 'incidentDate':
      keyboard.text(ctx.t('intake:buttons.today'), formButtonData(form, step, 'v', 'today'))
      keyboard.text(ctx.t('intake:buttons.yesterday'), formButtonData(form, step, 'v', 'yesterday'))
      break
    case 'demands':
      return { text, keyboard: demandsKeyboard(ctx, form) }
    case 'evidence': {
      const count = form.draft.evidence?.length ?? 0
      if (count > 0) text = `${text}\n${ctx.t('intake:evidence.received', { count, max: MAX_EVIDENCE_ATTACHMENTS })}`
      keyboard.text(
        ctx.t(count > 0 ? 'intake:buttons.done' : 'intake:buttons.noEvidence'),
        formButtonData(form, step, 'done'),
      )
      break
    }
    case 'idType':
      ID_DOCUMENT_TYPES.forEach((type, index) => {
        keyboard.text(ctx.t(`intake:idTypes.${type}`), formButtonData(form, step, 'c', type))
        if (index % 2 === 1) keyboard.row()
      })
      break
    case 'idNumber':
      if (form.draft.idType) text = ctx.t('intake:ask.idNumber', { type: ctx.t(`intake:idTypes.${form.draft.idType}`) })
      break
    default:
      if (isSkippable(step, form.kind, form.draft))
        keyboard.text(ctx.t('intake:buttons.skip'), formButtonData(form, step, 'skip'))
  }
  return { text, keyboard: addNavigation(ctx, keyboard, form) }
}

/** The screen of the current step, whatever its kind. */
export async function stepScreen(ctx: BotContext, deps: IntakeDeps, form: FormState): Promise<StepScreen> {
  const areas = deps.services.intake.areas
  if (form.step === 'location' || form.step === 'shopArea') return locationScreen(ctx, areas, form)
  if (form.step === 'category') return categoryScreen(ctx, form)
  if (form.step === 'review') return reviewCard(ctx, areas, form)
  return simpleScreen(ctx, form)
}

export interface AskOptions {
  /** Said before the question: why it is asked again, or what was understood. */
  notice?: string
  /** The step shown before this update; its reply keyboard is removed if the new step has none. */
  from?: StepId | undefined
}

/** Asks the form's current question (again). */
export async function askStep(
  ctx: BotContext,
  deps: IntakeDeps,
  form: FormState,
  options: AskOptions = {},
): Promise<void> {
  const replyKeyboard = hasReplyKeyboard(form.step) ? replyKeyboardOf(ctx, form) : undefined
  const removeKeyboard = !replyKeyboard && options.from !== undefined && hasReplyKeyboard(options.from)
  let notice = options.notice
  if (removeKeyboard) {
    await ctx.reply(notice ?? ctx.t('intake:saved'), { ...HTML, reply_markup: { remove_keyboard: true } })
    notice = undefined
  }
  const screen = await stepScreen(ctx, deps, form)
  const text = notice ? `${notice}\n\n${screen.text}` : screen.text
  if (replyKeyboard && STEPS[form.step].takesContact) {
    // Share-contact steps are answered by typing or by the reply keyboard; inline buttons would need a second message.
    await ctx.reply(text, { ...HTML, reply_markup: replyKeyboard })
    return
  }
  await ctx.reply(text, { ...HTML, reply_markup: screen.keyboard })
  if (replyKeyboard && options.from !== 'location')
    await ctx.reply(ctx.t(placeTextKey(form, 'intake:location.orShare')), { reply_markup: replyKeyboard })
}
