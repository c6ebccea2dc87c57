// How each step turns an answer into draft fields, using the validators of src/domain/intake.

import { parseAmountYuan } from '../intake/amount.ts'
import { isLeafCategory } from '../intake/categories.ts'
import { type Demand, isDemand, toggleDemand, validateDemands } from '../intake/demands.ts'
import { checkEvidence } from '../intake/evidence.ts'
import { isIdDocumentType, validateIdNumber } from '../intake/identity-document.ts'
import { parseIncidentDate } from '../intake/incident-date.ts'
import { parseContactPhone } from '../intake/phone.ts'
import {
  type TextAnswerResult,
  validateAddress,
  validateBusinessName,
  validateFacts,
  validatePersonName,
  validatePlatformName,
  validateQuestion,
  validateViolation,
} from '../intake/text-answer.ts'
import type { FormAnswer, SharedContact } from './answers.ts'
import type { FormKind, IntakeDraft } from './draft.ts'
import { type FormError, formError, numericParams } from './form-errors.ts'
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
function textStep(
  validate: (text: string) => TextAnswerResult,
  store: (draft: IntakeDraft, value: string) => IntakeDraft,
): StepHandler {
  return (draft, answer) => {
    if (answer.type !== 'text') return unexpected()
    const result = validate(answer.text)
    return result.ok ? { status: 'accepted', draft: store(draft, result.value) } : textError(result)
  }
}

/**
 * A shared contact at the phone question: only the sender's own, and only its phone number (the name of a Telegram
 * account is not the name on an identity document).
 */
function contactAnswer(draft: IntakeDraft, contact: SharedContact): StepOutcome {
  if (!contact.isOwn) return { status: 'refused', error: formError('NOT_OWN_CONTACT') }
  const phone = parseContactPhone(contact.phoneNumber, { source: 'telegram_contact' })
  if (!phone.ok) return { status: 'refused', error: { source: 'phone', code: phone.error, params: {} } }
  return { status: 'accepted', draft: { ...draft, contactPhone: phone.value.canonical } }
}

/** Reports: 实名 (name, phone and ID asked) or 匿名 (none asked, and any given before are dropped). */
function reporterIdentityStep(draft: IntakeDraft, answer: FormAnswer): StepOutcome {
  if (answer.type !== 'choice') return unexpected()
  if (answer.value === 'named') return { status: 'accepted', draft: { ...draft, anonymous: false } }
  if (answer.value !== 'anonymous') return { status: 'refused', error: formError('UNKNOWN_CHOICE') }
  const {
    contactName: _name,
    contactPhone: _phone,
    mailingAddress: _address,
    idType: _type,
    idNumber: _number,
    ...rest
  } = draft
  return { status: 'accepted', draft: { ...rest, anonymous: true } }
}

function idTypeStep(draft: IntakeDraft, answer: FormAnswer): StepOutcome {
  if (answer.type !== 'choice') return unexpected()
  if (!isIdDocumentType(answer.value)) return { status: 'refused', error: formError('UNKNOWN_CHOICE') }
  // Another document type needs its own number: the one given for the previous type is asked again.
  const { idNumber, ...rest } = draft
  const kept = answer.value === draft.idType && idNumber !== undefined ? { idNumber } : {}
  return { status: 'accepted', draft: { ...rest, ...kept, idType: answer.value }, next: 'idNumber' }
}

function idNumberStep(draft: IntakeDraft, answer: FormAnswer, context: AnswerContext): StepOutcome {
  if (answer.type !== 'text') return unexpected()
  if (!draft.idType) return { status: 'back' }
  const result = validateIdNumber(draft.idType, answer.text, context.today)
  if (!result.ok) return { status: 'refused', error: { source: 'idNumber', code: result.error, params: {} } }
  return { status: 'accepted', draft: { ...draft, idNumber: result.value } }
}

/** The business's address; for an online shop, the address it shows on the platform, then where that lies. */
function businessAddressStep(draft: IntakeDraft, answer: FormAnswer, context: AnswerContext): StepOutcome {
  const online = draft.location?.type === 'online' ? draft.location : undefined
  if (answer.type === 'skip') {
    const location = online ? { location: { ...online, shopAreaCode: null } } : {}
    return { status: 'accepted', draft: { ...draft, ...location, respondentAddress: null } }
  }
  const outcome = addressText(draft, answer, context)
  return outcome.status === 'accepted' && online ? { ...outcome, next: 'shopArea' } : outcome
}

/** Where the address an online shop shows lies: an area of the city, or outside it (or unknown). */
function shopAreaStep(draft: IntakeDraft, answer: FormAnswer): StepOutcome {
  const online = draft.location?.type === 'online' ? draft.location : undefined
  if (!online) return unexpected()
  if (answer.type === 'location' && answer.location.type === 'area') {
    return { status: 'accepted', draft: { ...draft, location: { ...online, shopAreaCode: answer.location.areaCode } } }
  }
  if (answer.type === 'choice' && answer.value === 'outside')
    return { status: 'accepted', draft: { ...draft, location: { ...online, shopAreaCode: null } } }
  return unexpected()
}

function demandsStep(draft: IntakeDraft, answer: FormAnswer): StepOutcome {
  const selected = (draft.demands ?? []).filter(isDemand)
  if (answer.type === 'choice' && answer.value.startsWith('toggle:')) {
    const demand = answer.value.slice('toggle:'.length)
    if (!isDemand(demand)) return { status: 'refused', error: formError('UNKNOWN_CHOICE') }
    return { status: 'accepted', draft: { ...draft, demands: toggleDemand(selected, demand) }, stay: true }
  }
  if (answer.type !== 'done') return unexpected()
  if (selected.length === 0)
    return { status: 'refused', error: { source: 'demands', code: 'NONE_SELECTED', params: {} } }
  if (selected.includes('OTHER')) return { status: 'accepted', draft, next: 'demandOther' }
  return { status: 'accepted', draft: { ...draft, demandOther: null } }
}

function demandOtherStep(draft: IntakeDraft, answer: FormAnswer): StepOutcome {
  if (answer.type !== 'text') return unexpected()
  const demands = (draft.demands ?? []).filter(isDemand) as Demand[]
  const result = validateDemands({ demands, otherText: answer.text })
  if (!result.ok)
    return { status: 'refused', error: { source: 'demands', code: result.error, params: numericParams(result) } }
  return { status: 'accepted', draft: { ...draft, demands: result.value.demands, demandOther: result.value.otherText } }
}

function evidenceStep(draft: IntakeDraft, answer: FormAnswer): StepOutcome {
  const files = draft.evidence ?? []
  if (answer.type === 'done' || answer.type === 'skip')
    return { status: 'accepted', draft: { ...draft, evidence: files } }
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
  if (!check.ok)
    return { status: 'refused', error: { source: 'evidence', code: check.error, params: numericParams(check) } }
  return { status: 'accepted', draft: { ...draft, evidence: [...files, file] }, stay: true }
}

const addressText = textStep(validateAddress, (draft, value) => ({ ...draft, respondentAddress: value }))
const questionText = textStep(validateQuestion, (draft, value) => ({ ...draft, facts: value }))
const personNameText = textStep(validatePersonName, (draft, value) => ({ ...draft, contactName: value }))

const HANDLERS: Readonly<Record<Exclude<StepId, 'review'>, StepHandler>> = {
  businessName: textStep(validateBusinessName, (draft, value) => ({ ...draft, respondentName: value })),
  businessAddress: businessAddressStep,
  location: (draft, answer) => {
    if (answer.type === 'location') {
      // From a shop in person to an online shop (or another platform) and back, the address means another thing:
      // it is asked again.
      const { respondentAddress: _address, ...rest } = draft
      const before = draft.location
      const after = answer.location
      const sameKind =
        before?.type === 'area'
          ? after.type === 'area'
          : before?.type === 'online' && after.type === 'online' && before.platformName === after.platformName
      return { status: 'accepted', draft: sameKind ? { ...draft, location: after } : { ...rest, location: after } }
    }
    if (answer.type === 'choice' && answer.value === 'online-other')
      return { status: 'accepted', draft, next: 'platformName' }
    return unexpected()
  },
  platformName: textStep(validatePlatformName, (draft, value) => {
    const { respondentAddress: _address, ...rest } = draft
    return { ...rest, location: { type: 'online', platformName: value } }
  }),
  shopArea: shopAreaStep,
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
  consumerUse: (draft, answer) => {
    if (answer.type !== 'choice') return unexpected()
    if (answer.value === 'yes') return { status: 'accepted', draft: { ...draft, forDailyLife: true } }
    if (answer.value === 'no') return { status: 'accepted', draft, next: 'notConsumer' }
    return { status: 'refused', error: formError('UNKNOWN_CHOICE') }
  },
  // A purchase not for daily-life use is outside the complaint rules: an inquiry, or the answer changed.
  notConsumer: (_draft, answer) => {
    if (answer.type !== 'choice') return unexpected()
    if (answer.value === 'inquiry') return { status: 'switch-to-inquiry' }
    if (answer.value === 'change') return { status: 'back' }
    return { status: 'refused', error: formError('UNKNOWN_CHOICE') }
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
    if (!result.ok)
      return { status: 'refused', error: { source: 'amount', code: result.error, params: numericParams(result) } }
    return { status: 'accepted', draft: { ...draft, amountFen: result.value } }
  },
  facts: textStep(validateFacts, (draft, value) => ({ ...draft, facts: value })),
  demands: demandsStep,
  demandOther: demandOtherStep,
  violation: textStep(validateViolation, (draft, value) => ({ ...draft, violation: value })),
  evidence: evidenceStep,
  anonymous: reporterIdentityStep,
  question: (draft, answer, context) => {
    const outcome = questionText(draft, answer, context)
    // An inquiry that started as a time-barred complaint already has its category.
    return outcome.status === 'accepted' && outcome.draft.categoryCode ? { ...outcome, next: 'review' } : outcome
  },
  contactName: personNameText,
  contactPhone: (draft, answer) => {
    if (answer.type === 'contact') return contactAnswer(draft, answer.contact)
    if (answer.type !== 'text') return unexpected()
    const phone = parseContactPhone(answer.text)
    if (!phone.ok) return { status: 'refused', error: { source: 'phone', code: phone.error, params: {} } }
    return { status: 'accepted', draft: { ...draft, contactPhone: phone.value.canonical } }
  },
  mailingAddress: textStep(validateAddress, (draft, value) => ({ ...draft, mailingAddress: value })),
  idType: idTypeStep,
  idNumber: idNumberStep,
}

/** Applies one answer to one (non-review) step. */
export function answerOneStep(
  step: Exclude<StepId, 'review'>,
  draft: IntakeDraft,
  answer: FormAnswer,
  context: AnswerContext,
): StepOutcome {
  return HANDLERS[step](draft, answer, context)
}
