// Callback data of the intake feature. Telegram allows 1–64 bytes; buttons carry short codes and ids only.
import { formFragment, type FormState } from '../../../domain/intake-form/form-state.ts'
import type { FormKind } from '../../../domain/intake-form/draft.ts'
import type { StepId } from '../../../domain/intake-form/steps.ts'

/** Telegram's limit on callback_data, in bytes of UTF-8. */
export const MAX_CALLBACK_DATA_BYTES = 64

const STEP_CODES: Readonly<Record<StepId, string>> = {
  businessName: 'bn', businessAddress: 'ba', location: 'lo', platformName: 'pn', category: 'ca',
  incidentDate: 'dt', timeBarred: 'tb', amount: 'am', facts: 'fa', demands: 'de', demandOther: 'do',
  violation: 'vi', evidence: 'ev', anonymous: 'an', question: 'qu', contactName: 'cn', contactPhone: 'cp',
  review: 'rv', shopArea: 'sa', consumerUse: 'cu', notConsumer: 'nc', mailingAddress: 'ma', idType: 'it', idNumber: 'in',
}
const STEP_BY_CODE = new Map(Object.entries(STEP_CODES).map(([step, code]) => [code, step as StepId]))

/** The short code of a step in callback data. */
export function stepCode(step: StepId): string {
  return STEP_CODES[step]
}

/** The step of a short code, if there is one. */
export function stepOfCode(code: string): StepId | undefined {
  return STEP_BY_CODE.get(code)
}

function checked(data: string): string {
  if (Buffer.byteLength(data, 'utf8') > MAX_CALLBACK_DATA_BYTES) throw new RangeError(`callback data over ${MAX_CALLBACK_DATA_BYTES} bytes: ${data}`)
  return data
}

/** A button of a form step: `f:<form fragment>:<step code>:<action>[:<arg>…]`. */
export interface FormButton {
  fragment: string
  step: StepId
  action: string
  args: string[]
}

/** Callback data of a button of `step` in `form`. */
export function formButtonData(form: Pick<FormState, 'formId'>, step: StepId, action: string, ...args: string[]): string {
  return checked(['f', formFragment(form.formId), STEP_CODES[step], action, ...args].join(':'))
}

/** Reads form button data back; undefined when it is not one. */
export function parseFormButton(data: string): FormButton | undefined {
  const [prefix, fragment, code, action, ...args] = data.split(':')
  const step = code === undefined ? undefined : stepOfCode(code)
  if (prefix !== 'f' || !fragment || !step || !action) return undefined
  return { fragment, step, action, args }
}

const KIND_CODES: Readonly<Record<FormKind, string>> = { COMPLAINT: 'c', REPORT: 'r', INQUIRY: 'i' }

/** Main menu buttons. */
export const menuData = {
  start: (kind: FormKind) => `m:${KIND_CODES[kind]}`,
  startAnew: (kind: FormKind) => `m:new:${KIND_CODES[kind]}`,
  resume: 'm:resume',
  help: 'm:help',
  language: 'm:lang',
  menu: 'm:menu',
  /** Handled by the tickets feature. */
  myComplaints: 'my:list:0',
} as const

/** The form kind of a menu code. */
export function kindOfCode(code: string | undefined): FormKind | undefined {
  return (Object.entries(KIND_CODES) as Array<[FormKind, string]>).find(([, value]) => value === code)?.[0]
}

/** Language buttons: `lang:<locale>`. */
export function languageData(locale: string): string {
  return checked(`lang:${locale}`)
}
