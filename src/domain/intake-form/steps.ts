// The steps of each form kind, as data: the order of the questions, which may be skipped, and which are
// follow-ups asked only after a particular answer of another step.
import type { FormKind } from './draft.ts'

/** Every question any form kind may ask, plus the review card. */
export const STEP_IDS = [
  'businessName',
  'businessAddress',
  'location',
  'platformName',
  'category',
  'incidentDate',
  'timeBarred',
  'amount',
  'facts',
  'demands',
  'demandOther',
  'violation',
  'evidence',
  'anonymous',
  'question',
  'contactName',
  'contactPhone',
  'review',
] as const

export type StepId = (typeof STEP_IDS)[number]

/** What a step takes as its answer; the bot chooses its prompt and keyboard from this. */
export type StepInput = 'text' | 'choice' | 'location' | 'files' | 'contact' | 'review'

export interface StepDefinition {
  readonly id: StepId
  readonly input: StepInput
  /** The consumer may press "skip" (the field is then stored as null or empty). */
  readonly skippable: boolean
  /** Asked only after a particular answer to this other step; not a line of its own on the review card. */
  readonly followUpOf?: StepId
  /** Also takes a shared Telegram contact (name and phone in one go). */
  readonly takesContact?: boolean
}

/** Step definitions by id. */
export const STEPS: Readonly<Record<StepId, StepDefinition>> = {
  businessName: { id: 'businessName', input: 'text', skippable: false },
  businessAddress: { id: 'businessAddress', input: 'text', skippable: true },
  location: { id: 'location', input: 'location', skippable: false },
  platformName: { id: 'platformName', input: 'text', skippable: false, followUpOf: 'location' },
  category: { id: 'category', input: 'choice', skippable: false },
  incidentDate: { id: 'incidentDate', input: 'text', skippable: false },
  timeBarred: { id: 'timeBarred', input: 'choice', skippable: false, followUpOf: 'incidentDate' },
  amount: { id: 'amount', input: 'text', skippable: true },
  facts: { id: 'facts', input: 'text', skippable: false },
  demands: { id: 'demands', input: 'choice', skippable: false },
  demandOther: { id: 'demandOther', input: 'text', skippable: false, followUpOf: 'demands' },
  violation: { id: 'violation', input: 'text', skippable: false },
  evidence: { id: 'evidence', input: 'files', skippable: true },
  anonymous: { id: 'anonymous', input: 'choice', skippable: false },
  question: { id: 'question', input: 'text', skippable: false },
  contactName: { id: 'contactName', input: 'text', skippable: false, takesContact: true },
  contactPhone: { id: 'contactPhone', input: 'text', skippable: false, takesContact: true },
  review: { id: 'review', input: 'review', skippable: false },
}

/** The main questions of each kind, in the order they are asked; follow-ups are inserted by the answers. */
export const FORM_STEPS: Readonly<Record<FormKind, readonly StepId[]>> = {
  COMPLAINT: [
    'businessName', 'businessAddress', 'location', 'category', 'incidentDate', 'amount',
    'facts', 'demands', 'evidence', 'contactName', 'contactPhone', 'review',
  ],
  REPORT: [
    'businessName', 'businessAddress', 'location', 'category', 'violation', 'evidence',
    'anonymous', 'contactName', 'contactPhone', 'review',
  ],
  INQUIRY: ['question', 'category', 'review'],
}

/** The first question of a form kind. */
export function firstStep(kind: FormKind): StepId {
  const first = FORM_STEPS[kind][0]
  if (first === undefined) throw new Error(`form kind ${kind} has no steps`)
  return first
}

/**
 * The main step asked after `step` in a form of `kind`; for a follow-up, the step after the one it follows.
 * The review card is last, so it is its own successor.
 */
export function stepAfter(kind: FormKind, step: StepId): StepId {
  const main = STEPS[step].followUpOf ?? step
  const steps = FORM_STEPS[kind]
  const index = steps.indexOf(main)
  if (index < 0) throw new Error(`step ${step} is not part of a ${kind} form`)
  return steps[index + 1] ?? 'review'
}

/** The steps with a line (and an edit button) on the review card of `kind`. */
export function reviewSteps(kind: FormKind): readonly StepId[] {
  return FORM_STEPS[kind].filter((step) => step !== 'review')
}

/** True when `step` belongs to a form of `kind`, as a main step or as a follow-up of one. */
export function isStepOf(kind: FormKind, step: StepId): boolean {
  const main = STEPS[step].followUpOf ?? step
  return FORM_STEPS[kind].includes(main)
}
