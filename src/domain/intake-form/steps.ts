// The steps of each form kind, as data: the order of the questions, which may be skipped, and which are
// follow-ups asked only after a particular answer of another step.
import type { FormKind, IntakeDraft } from './draft.ts'

/** Every question any form kind may ask, plus the review card. */
export const STEP_IDS = [
  'businessName',
  'businessAddress',
  'location',
  'platformName',
  'shopArea',
  'category',
  'consumerUse',
  'notConsumer',
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
  'mailingAddress',
  'idType',
  'idNumber',
  'review',
] as const

export type StepId = (typeof STEP_IDS)[number]

/** What a step takes as its answer; the bot chooses its prompt and keyboard from this. */
export type StepInput = 'text' | 'choice' | 'location' | 'files' | 'contact' | 'review'

export interface StepDefinition {
  readonly id: StepId
  readonly input: StepInput
  /** The consumer may press "skip" (the field is then stored as null or empty); see also {@link isSkippable}. */
  readonly skippable: boolean
  /** Asked only after a particular answer to this other step; not a line of its own on the review card. */
  readonly followUpOf?: StepId
  /** Also takes a shared Telegram contact (the sender's own; only its phone number is used). */
  readonly takesContact?: boolean
}

/** Step definitions by id. */
export const STEPS: Readonly<Record<StepId, StepDefinition>> = {
  businessName: { id: 'businessName', input: 'text', skippable: false },
  businessAddress: { id: 'businessAddress', input: 'text', skippable: true },
  location: { id: 'location', input: 'location', skippable: false },
  platformName: { id: 'platformName', input: 'text', skippable: false, followUpOf: 'location' },
  shopArea: { id: 'shopArea', input: 'location', skippable: false, followUpOf: 'businessAddress' },
  category: { id: 'category', input: 'choice', skippable: false },
  consumerUse: { id: 'consumerUse', input: 'choice', skippable: false },
  notConsumer: { id: 'notConsumer', input: 'choice', skippable: false, followUpOf: 'consumerUse' },
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
  contactName: { id: 'contactName', input: 'text', skippable: false },
  contactPhone: { id: 'contactPhone', input: 'text', skippable: false, takesContact: true },
  mailingAddress: { id: 'mailingAddress', input: 'text', skippable: false },
  idType: { id: 'idType', input: 'choice', skippable: false },
  idNumber: { id: 'idNumber', input: 'text', skippable: false, followUpOf: 'idType' },
  review: { id: 'review', input: 'review', skippable: false },
}

/** The main questions of each kind, in the order they are asked; follow-ups are inserted by the answers. */
export const FORM_STEPS: Readonly<Record<FormKind, readonly StepId[]>> = {
  // What a complaint must contain (old Art. 9 / new Art. 10): the respondent's name and address, the claim and the
  // facts, the complainant's real name, phone, mailing address and identity document (Order 121).
  COMPLAINT: [
    'businessName',
    'location',
    'businessAddress',
    'category',
    'consumerUse',
    'incidentDate',
    'amount',
    'facts',
    'demands',
    'evidence',
    'contactName',
    'contactPhone',
    'mailingAddress',
    'idType',
    'review',
  ],
  // A named report (实名) asks name, phone and identity document; an anonymous one (匿名) none of them.
  REPORT: [
    'businessName',
    'location',
    'businessAddress',
    'category',
    'violation',
    'evidence',
    'anonymous',
    'contactName',
    'contactPhone',
    'idType',
    'review',
  ],
  // An inquiry is answered where the consumer is (§8: a liaison station answers it; inquiries end there): the place
  // routes it to the local station, as a complaint's does.
  INQUIRY: ['question', 'location', 'category', 'review'],
}

/** The reporter's identity: asked of a named report, never of an anonymous one. */
export const IDENTITY_STEPS: readonly StepId[] = ['contactName', 'contactPhone', 'mailingAddress', 'idType', 'idNumber']

/** The main steps a form of `kind` asks, given what is answered: an anonymous report skips the identity steps. */
export function stepsOf(kind: FormKind, draft: Pick<IntakeDraft, 'anonymous'> = {}): readonly StepId[] {
  const steps = FORM_STEPS[kind]
  return kind === 'REPORT' && draft.anonymous === true ? steps.filter((step) => !IDENTITY_STEPS.includes(step)) : steps
}

/**
 * Whether "skip" is allowed on `step` now: the business's address may be skipped only for an online shop (which
 * may show none on the platform), or in a report; everything else as its definition says.
 */
export function isSkippable(step: StepId, kind: FormKind, draft: Pick<IntakeDraft, 'location'>): boolean {
  if (step === 'businessAddress') return kind !== 'COMPLAINT' || draft.location?.type === 'online'
  return STEPS[step].skippable
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
export function stepAfter(kind: FormKind, step: StepId, draft: Pick<IntakeDraft, 'anonymous'> = {}): StepId {
  const main = STEPS[step].followUpOf ?? step
  const steps = stepsOf(kind, draft)
  const index = steps.indexOf(main)
  if (index < 0) throw new Error(`step ${step} is not part of a ${kind} form`)
  return steps[index + 1] ?? 'review'
}

/** The steps with a line (and an edit button) on the review card of `kind`. */
export function reviewSteps(kind: FormKind, draft: Pick<IntakeDraft, 'anonymous'> = {}): readonly StepId[] {
  return stepsOf(kind, draft).filter((step) => step !== 'review')
}
