// The form engine: pure transitions of a FormState under the consumer's answers, Back, edits from the
// review card, and confirmation.
import type { FormAnswer } from './answers.ts'
import type { ConfirmedIntake, IntakeDraft } from './draft.ts'
import { type FormError, formError } from './form-errors.ts'
import type { FormState } from './form-state.ts'
import { answerOneStep } from './step-answers.ts'
import { isSkippable, reviewSteps, STEPS, type StepId, stepAfter, stepsOf } from './steps.ts'

/** Telegram does not deliver longer messages; anything longer is not a real answer. */
export const MAX_MESSAGE_LENGTH = 4096

export interface EngineClock {
  /** Today in Asia/Shanghai, `YYYY-MM-DD`. */
  today: string
  now: Date
}

export type AnswerResult = { status: 'ok'; state: FormState } | { status: 'refused'; error: FormError }

/**
 * Applies an answer to the current step: on success the form moves on (or stays, for steps that collect
 * several answers); on failure the step stays and the error says why.
 */
export function answerStep(state: FormState, answer: FormAnswer, clock: EngineClock): AnswerResult {
  if (state.step === 'review') return { status: 'refused', error: formError('UNEXPECTED_INPUT') }
  if (answer.type === 'text' && answer.text.length > MAX_MESSAGE_LENGTH)
    return { status: 'refused', error: formError('OVERSIZED_TEXT') }
  if (answer.type === 'skip' && !isSkippable(state.step, state.kind, state.draft))
    return { status: 'refused', error: formError('NOT_SKIPPABLE') }

  const outcome = answerOneStep(state.step, state.draft, answer, { kind: state.kind, today: clock.today })
  switch (outcome.status) {
    case 'refused':
      return { status: 'refused', error: outcome.error }
    case 'back': {
      // "Change the date" of a follow-up opened by an edit goes back to the edited step, not to the card.
      const edited = state.editing ? STEPS[state.step].followUpOf : undefined
      const previous = edited === undefined ? goBack(state, clock.now) : touch({ ...state, step: edited }, clock.now)
      return { status: 'ok', state: previous ?? state }
    }
    case 'switch-to-inquiry':
      return { status: 'ok', state: switchToInquiry(state, clock.now) }
    case 'accepted': {
      if (outcome.stay) return { status: 'ok', state: touch({ ...state, draft: outcome.draft }, clock.now) }
      return { status: 'ok', state: touch(advance(state, outcome.draft, outcome.next), clock.now) }
    }
  }
}

function advance(state: FormState, draft: IntakeDraft, override: StepId | undefined): FormState {
  const next = override ?? stepAfter(state.kind, state.step, draft)
  if (state.editing) {
    // An edit returns to the review card, unless the answer needs a follow-up (e.g. "other platform"), or it opened
    // questions not answered yet (an anonymous report made a named one): those are asked in turn.
    const followUp = STEPS[next].followUpOf !== undefined
    if (followUp) return { ...state, draft, step: next, editing: true }
    const unanswered = firstUnanswered({ ...state, draft })
    if (unanswered !== undefined) return { ...state, draft, step: unanswered, editing: true }
    return { ...state, draft, step: 'review', editing: false }
  }
  return { ...state, draft, step: next, trail: [...state.trail, state.step] }
}

/**
 * The previous question again (its answer kept until replaced). While editing from the review card, Back
 * returns to the card. Returns undefined at the first question.
 */
export function goBack(state: FormState, now: Date = new Date()): FormState | undefined {
  if (state.editing) return touch({ ...state, step: 'review', editing: false }, now)
  const previous = state.trail.at(-1)
  if (previous === undefined) return undefined
  return touch({ ...state, step: previous, trail: state.trail.slice(0, -1) }, now)
}

/** Opens a step from the review card; answering it returns to the card. Undefined if not possible. */
export function editFromReview(state: FormState, step: StepId, now: Date = new Date()): FormState | undefined {
  if (state.step !== 'review' || !reviewSteps(state.kind, state.draft).includes(step)) return undefined
  return touch({ ...state, step, editing: true }, now)
}

/**
 * Turns a complaint into an inquiry (time-barred, or not for daily-life use), keeping the place and the category
 * already chosen: the inquiry goes to the station of the business's place.
 */
export function switchToInquiry(state: FormState, now: Date = new Date()): FormState {
  const { location, categoryCode } = state.draft
  const draft: IntakeDraft = {
    ...(location === undefined ? {} : { location }),
    ...(categoryCode === undefined ? {} : { categoryCode }),
  }
  return touch({ ...state, kind: 'INQUIRY', step: 'question', draft, trail: [], editing: false }, now)
}

/** The fields each main step fills; a step is answered when all of them are set (null counts: skipped). */
const FILLS: Partial<Record<StepId, ReadonlyArray<keyof IntakeDraft>>> = {
  businessName: ['respondentName'],
  businessAddress: ['respondentAddress'],
  location: ['location'],
  category: ['categoryCode'],
  consumerUse: ['forDailyLife'],
  incidentDate: ['incidentDate'],
  amount: ['amountFen'],
  facts: ['facts'],
  demands: ['demands'],
  violation: ['violation'],
  evidence: ['evidence'],
  anonymous: ['anonymous'],
  question: ['facts'],
  contactName: ['contactName'],
  contactPhone: ['contactPhone'],
  mailingAddress: ['mailingAddress'],
  idType: ['idType', 'idNumber'],
}

/** The first main step of the form not answered yet, or undefined when every one is. */
export function firstUnanswered(state: FormState): StepId | undefined {
  return stepsOf(state.kind, state.draft).find((step) =>
    (FILLS[step] ?? []).some((field) => state.draft[field] === undefined),
  )
}

export type ConfirmResult =
  | { status: 'confirmed'; intake: ConfirmedIntake }
  /** Not on the review card, or a question is unanswered (the step to ask). */
  | { status: 'incomplete'; step: StepId }

/** What the filing service needs from a form confirmed on its review card. */
export function confirmForm(state: FormState, locale: string): ConfirmResult {
  const missing = firstUnanswered(state)
  if (missing !== undefined) return { status: 'incomplete', step: missing }
  if (state.step !== 'review') return { status: 'incomplete', step: state.step }
  // A report's facts are what the reporter says was broken; the complaint row requires facts.
  const draft =
    state.kind === 'REPORT' && state.draft.facts === undefined
      ? { ...state.draft, facts: state.draft.violation ?? '' }
      : state.draft
  return { status: 'confirmed', intake: { formId: state.formId, kind: state.kind, locale, draft } }
}

function touch(state: FormState, now: Date): FormState {
  return { ...state, updatedAt: now.toISOString() }
}
