// The state of one consumer's form between two messages, as stored (JSON) by the form store.
import type { BusinessLocation, FormKind, IntakeDraft } from './draft.ts'
import { FORM_STEPS, firstStep, type StepId } from './steps.ts'

/**
 * Version of the step graph. Bump it whenever a step of FORM_STEPS is removed, renamed or moved, or the meaning of
 * a draft field changes: forms saved under another version are discarded (with an apology) instead of being
 * resumed at a step that no longer exists or means something else. A step only added needs no bump: a saved form
 * is asked it when it gets there, or at confirmation (firstUnanswered), so nobody loses a half-filled form.
 */
export const FORM_VERSION = 2

export interface FormState {
  version: number
  /** Generated when the form starts; the filing service files a form id once. */
  formId: string
  kind: FormKind
  step: StepId
  draft: IntakeDraft
  /** The steps answered on the way here, latest last: what "Back" returns to. */
  trail: StepId[]
  /** The step was opened from the review card: answering it returns there. */
  editing: boolean
  /** ISO instants. */
  startedAt: string
  updatedAt: string
  /** The last Telegram update applied to this form, so that a redelivered update is not applied twice. */
  lastUpdateId: number
}

/** A new form of `kind`, at its first question. */
export function startForm(kind: FormKind, formId: string, now: Date = new Date()): FormState {
  const at = now.toISOString()
  return {
    version: FORM_VERSION,
    formId,
    kind,
    step: firstStep(kind),
    draft: {},
    trail: [],
    editing: false,
    startedAt: at,
    updatedAt: at,
    lastUpdateId: 0,
  }
}

/** The business of a closed complaint, as a new complaint about it starts with. */
export interface FollowedUpBusiness {
  complaintId: string
  respondentName: string
  respondentAddress: string | null
  location: BusinessLocation | null
}

/**
 * A new complaint about the same business as a closed one, linked to it: the business questions are answered
 * from the closed complaint (Back still reaches them) and the form asks the first question after them.
 */
export function startFollowUpComplaint(
  formId: string,
  previous: FollowedUpBusiness,
  now: Date = new Date(),
): FormState {
  const form = startForm('COMPLAINT', formId, now)
  const draft: IntakeDraft = {
    respondentName: previous.respondentName,
    respondentAddress: previous.respondentAddress,
    ...(previous.location && { location: previous.location }),
    previousComplaintId: previous.complaintId,
  }
  const steps = FORM_STEPS.COMPLAINT
  const prefilled = new Set<StepId>([
    'businessName',
    'businessAddress',
    ...(previous.location ? (['location'] as const) : []),
  ])
  const first = steps.findIndex((step) => !prefilled.has(step))
  const step = steps[first] ?? firstStep('COMPLAINT')
  return { ...form, draft, step, trail: steps.slice(0, Math.max(0, first)) }
}

/** The short fragment of a form id that buttons carry, so a button of an older form is recognised. */
export function formFragment(formId: string): string {
  // Every button of every screen carries it: a UUID's first eight characters hold no dash, so skip the regex.
  const firstDash = formId.indexOf('-')
  return firstDash === -1 || firstDash >= 8 ? formId.slice(0, 8) : formId.replace(/-/g, '').slice(0, 8)
}
