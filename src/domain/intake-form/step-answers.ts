// How each step turns an answer into draft fields, using the validators of src/domain/intake.
import { isLeafCategory } from '../intake/categories.ts'
import { isDemand, toggleDemand, validateDemands, type Demand } from '../intake/demands.ts'
import { checkEvidence } from '../intake/evidence.ts'
import { parseIncidentDate } from '../intake/incident-date.ts'
import { parseAmountYuan } from '../intake/amount.ts'
import { parseContactPhone } from '../intake/phone.ts'
import {
  joinNameParts, validateAddress, validateBusinessName, validateFacts, validatePersonName, validatePlatformName,
  validateQuestion, validateViolation, type TextAnswerResult,
} from '../intake/text-answer.ts'
import type { FormAnswer, SharedContact } from './answers.ts'
import type { FormKind, IntakeDraft } from './draft.ts'
import { formError, numericParams, type FormError } from './form-errors.ts'
import type { StepId } from './steps.ts'

/** What a step made of an answer. */
export type StepOutcome =
  | {
      status: 'accepted'
      draft: IntakeDraft
      /** Stay on the step (a demand toggled, a file added): more answers are expected. */
      stay?: boolean
      /** Go here instead of the next main step (a follow-up, or skipping one already answered). */
      next?: StepId
    }
  /** The consumer chose to turn the form into an inquiry (a time-barred complaint). */
  | { status: 'switch-to-inquiry' }
  /** The consumer wants to answer the previous step again. */
  | { status: 'back' }
  | { status: 'refused'; error: FormError }

export interface AnswerContext {
  kind: FormKind
  /** Today in Asia/Shanghai, `YYYY-MM-DD`. */
  today: string
}

type StepHandler = (draft: IntakeDraft, answer: FormAnswer, context: AnswerContext) => StepOutcome

const unexpected = (): StepOutcome => ({ status: 'refused', error: formError('UNEXPECTED_INPUT') })

function textError(result: Extract<TextAnswerResult, { ok: false }>): StepOutcome {
  return { status: 'refused', error: { source: 'text', code: result.error, params: numericParams(result) } }
}

/** A free-text step: validates the text and stores it with `store`. */
function textStep(validate: (text: string) => TextAnswerResult, store: (draft: IntakeDraft, value: string) => IntakeDraft): StepHandler {
  return (draft, answer) => {
    if (answer.type !== 'text') return unexpected()
    const result = validate(answer.text)
    return result.ok ? { status: 'accepted', draft: store(draft, result.value) } : textError(result)
  }
}

function contactAnswer(draft: IntakeDraft, contact: SharedContact, withName: boolean): StepOutcome {
  const phone = parseContactPhone(contact.phoneNumber, { source: 'telegram_contact' })
  if (!phone.ok) return { status: 'refused', error: { source: 'phone', code: phone.error, params: {} } }
  if (!withName) return { status: 'accepted', draft: { ...draft, contactPhone: phone.value.canonical } }
  const name = validatePersonName(joinNameParts(contact.firstName, contact.lastName))
  if (!name.ok) return textError(name)
  // Name and phone came together: the phone question is answered already.
  return { status: 'accepted', draft: { ...draft, contactName: name.value, contactPhone: phone.value.canonical }, next: 'review' }
}

function demandsStep(draft: IntakeDraft, answer: FormAnswer): StepOutcome {
  const selected = (draft.demands ?? []).filter(isDemand)
  if (answer.type === 'choice' && answer.value.startsWith('toggle:')) {
    const demand = answer.value.slice('toggle:'.length)
    if (!isDemand(demand)) return { status: 'refused', error: formError('UNKNOWN_CHOICE') }
    return { status: 'accepted', draft: { ...draft, demands: toggleDemand(selected, demand) }, stay: true }
  }
  if (answer.type !== 'done') return unexpected()
  if (selected.length === 0) return { status: 'refused', error: { source: 'demands', code: 'NONE_SELECTED', params: {} } }
  if (selected.includes('OTHER')) return { status: 'accepted', draft, next: 'demandOther' }
  return { status: 'accepted', draft: { ...draft, demandOther: null } }
}

function demandOtherStep(draft: IntakeDraft, answer: FormAnswer): StepOutcome {
  if (answer.type !== 'text') return unexpected()
  const demands = (draft.demands ?? []).filter(isDemand) as Demand[]
  const result = validateDemands({ demands, otherText: answer.text })
  if (!result.ok) return { status: 'refused', error: { source: 'demands', code: result.error, params: numericParams(result) } }
  return { status: 'accepted', draft: { ...draft, demands: result.value.demands, demandOther: result.value.otherText } }
}

function evidenceStep(draft: IntakeDraft, answer: FormAnswer): StepOutcome {
  const files = draft.evidence ?? []
  if (answer.type === 'done' || answer.type === 'skip') return { status: 'accepted', draft: { ...draft, evidence: files } }
  if (answer.type !== 'file') return unexpected()
  const { file } = answer
  // The same file sent twice (an album re-sent, a redelivered message) is kept once.
  if (files.some((known) => known.fileUniqueId === file.fileUniqueId)) return { status: 'accepted', draft, stay: true }
  const check = checkEvidence(files.length, {
    kind: file.kind === 'PHOTO' ? 'photo' : 'document',
    ...(file.sizeBytes === undefined ? {} : { size: file.sizeBytes }),
    ...(file.mimeType === undefined ? {} : { mimeType: file.mimeType }),
    ...(file.fileName === undefined ? {} : { fileName: file.fileName }),
  })
  if (!check.ok) return { status: 'refused', error: { source: 'evidence', code: check.error, params: numericParams(check) } }
  return { status: 'accepted', draft: { ...draft, evidence: [...files, file] }, stay: true }
}

const addressText = textStep(validateAddress, (draft, value) => ({ ...draft, respondentAddress: value }))
const questionText = textStep(validateQuestion, (draft, value) => ({ ...draft, facts: value }))
const personNameText = textStep(validatePersonName, (draft, value) => ({ ...draft, contactName: value }))

const HANDLERS: Readonly<Record<Exclude<StepId, 'review'>, StepHandler>> = {
  businessName: textStep(validateBusinessName, (draft, value) => ({ ...draft, respondentName: value })),
  businessAddress: (draft, answer, context) =>
    answer.type === 'skip' ? { status: 'accepted', draft: { ...draft, respondentAddress: null } } : addressText(draft, answer, context),
  location: (draft, answer) => {
    if (answer.type === 'location') return { status: 'accepted', draft: { ...draft, location: answer.location } }
    if (answer.type === 'choice' && answer.value === 'online-other') return { status: 'accepted', draft, next: 'platformName' }
    return unexpected()
  },
  platformName: textStep(validatePlatformName, (draft, value) => ({ ...draft, location: { type: 'online', platformName: value } })),
  category: (draft, answer) => {
    if (answer.type !== 'choice') return unexpected()
    if (!isLeafCategory(answer.value)) return { status: 'refused', error: formError('UNKNOWN_CATEGORY') }
    return { status: 'accepted', draft: { ...draft, categoryCode: answer.value } }
  },
  incidentDate: (draft, answer, context) => {
    const text = answer.type === 'text' ? answer.text : answer.type === 'choice' ? answer.value : undefined
    if (text === undefined) return unexpected()
    const result = parseIncidentDate(text, context.today)
    if (!result.ok) return { status: 'refused', error: { source: 'date', code: result.error, params: {} } }
    const next = result.value.timeBarred && context.kind === 'COMPLAINT' ? { next: 'timeBarred' as const } : {}
    return { status: 'accepted', draft: { ...draft, incidentDate: result.value.date }, ...next }
  },
  timeBarred: (_draft, answer) => {
    if (answer.type !== 'choice') return unexpected()
    if (answer.value === 'inquiry') return { status: 'switch-to-inquiry' }
    if (answer.value === 'change-date') return { status: 'back' }
    return { status: 'refused', error: formError('UNKNOWN_CHOICE') }
  },
  amount: (draft, answer) => {
    if (answer.type === 'skip') return { status: 'accepted', draft: { ...draft, amountFen: null } }
    if (answer.type !== 'text') return unexpected()
    const result = parseAmountYuan(answer.text)
    if (!result.ok) return { status: 'refused', error: { source: 'amount', code: result.error, params: numericParams(result) } }
    return { status: 'accepted', draft: { ...draft, amountFen: result.value } }
  },
  facts: textStep(validateFacts, (draft, value) => ({ ...draft, facts: value })),
  demands: demandsStep,
  demandOther: demandOtherStep,
  violation: textStep(validateViolation, (draft, value) => ({ ...draft, violation: value })),
  evidence: evidenceStep,
  anonymous: (draft, answer) => {
    if (answer.type !== 'choice') return unexpected()
    if (answer.value !== 'yes' && answer.value !== 'no') return { status: 'refused', error: formError('UNKNOWN_CHOICE') }
    return { status: 'accepted', draft: { ...draft, anonymous: answer.value === 'yes' } }
  },
  question: (draft, answer, context) => {
    const outcome = questionText(draft, answer, context)
    // An inquiry that started as a time-barred complaint already has its category.
    return outcome.status === 'accepted' && outcome.draft.categoryCode ? { ...outcome, next: 'review' } : outcome
  },
  contactName: (draft, answer, context) =>
    answer.type === 'contact' ? contactAnswer(draft, answer.contact, true) : personNameText(draft, answer, context),
  contactPhone: (draft, answer) => {
    if (answer.type === 'contact') return contactAnswer(draft, answer.contact, false)
    if (answer.type !== 'text') return unexpected()
    const phone = parseContactPhone(answer.text)
    if (!phone.ok) return { status: 'refused', error: { source: 'phone', code: phone.error, params: {} } }
    return { status: 'accepted', draft: { ...draft, contactPhone: phone.value.canonical } }
  },
}

/** Applies one answer to one (non-review) step. */
export function answerOneStep(step: Exclude<StepId, 'review'>, draft: IntakeDraft, answer: FormAnswer, context: AnswerContext): StepOutcome {
  return HANDLERS[step](draft, answer, context)
}
