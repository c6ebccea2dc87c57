// Why the engine refused an answer: the error codes of src/domain/intake plus a few of the form itself.
import type { AmountErrorCode } from '../intake/amount.ts'
import type { DemandErrorCode } from '../intake/demands.ts'
import type { EvidenceErrorCode } from '../intake/evidence.ts'
import type { IdNumberErrorCode } from '../intake/identity-document.ts'
import type { IncidentDateErrorCode } from '../intake/incident-date.ts'
import type { PhoneErrorCode } from '../intake/phone.ts'
import type { TextAnswerErrorCode } from '../intake/text-answer.ts'

/** Error codes of the form itself (not of one answer's content). */
export const FORM_FLOW_ERROR_CODES = [
  /** The kind of answer does not fit the step (a photo when text is asked, text when a button is expected…). */
  'UNEXPECTED_INPUT',
  /** Text longer than a Telegram message can be (4096 characters). */
  'OVERSIZED_TEXT',
  /** "Skip" on a question that must be answered. */
  'NOT_SKIPPABLE',
  /** A button value the step does not know (a forged or outdated callback). */
  'UNKNOWN_CHOICE',
  /** A category code that is not a leaf of the category tree. */
  'UNKNOWN_CATEGORY',
  /** A shared Telegram contact card of someone else: only the sender's own phone number is taken. */
  'NOT_OWN_CONTACT',
] as const

export type FormFlowErrorCode = (typeof FORM_FLOW_ERROR_CODES)[number]

/**
 * A refused answer. `source` names the validator (and the locale section of its message), `params` the
 * numbers the message may mention (limits, lengths, sizes).
 */
export type FormError =
  | { source: 'text'; code: TextAnswerErrorCode; params: Record<string, number> }
  | { source: 'phone'; code: PhoneErrorCode; params: Record<string, number> }
  | { source: 'amount'; code: AmountErrorCode; params: Record<string, number> }
  | { source: 'date'; code: IncidentDateErrorCode; params: Record<string, number> }
  | { source: 'demands'; code: DemandErrorCode; params: Record<string, number> }
  | { source: 'evidence'; code: EvidenceErrorCode; params: Record<string, number> }
  | { source: 'idNumber'; code: IdNumberErrorCode; params: Record<string, number> }
  | { source: 'form'; code: FormFlowErrorCode; params: Record<string, number> }

/** Builds a form-flow error. */
export function formError(code: FormFlowErrorCode): FormError {
  return { source: 'form', code, params: {} }
}

/** Keeps only the numeric details of a validator's failure, for interpolation into the message. */
export function numericParams(failure: object): Record<string, number> {
  return Object.fromEntries(
    Object.entries(failure).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
  )
}
