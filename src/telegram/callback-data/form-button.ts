import { z } from 'zod'
import { type FormState, formFragment } from '../../domain/intake-form/form-state.ts'
import type { StepId } from '../../domain/intake-form/steps.ts'
import { defineCallbackData } from './define-callback-data.ts'

export { MAX_CALLBACK_DATA_BYTES } from './define-callback-data.ts'

const STEP_CODES: Readonly<Record<StepId, string>> = {
  businessName: 'bn',
  businessAddress: 'ba',
  location: 'lo',
  platformName: 'pn',
  category: 'ca',
  incidentDate: 'dt',
  timeBarred: 'tb',
  amount: 'am',
  facts: 'fa',
  demands: 'de',
  demandOther: 'do',
  violation: 'vi',
  evidence: 'ev',
  anonymous: 'an',
  question: 'qu',
  contactName: 'cn',
  contactPhone: 'cp',
  review: 'rv',
  shopArea: 'sa',
  consumerUse: 'cu',
  notConsumer: 'nc',
  mailingAddress: 'ma',
  idType: 'it',
  idNumber: 'in',
}
const STEP_BY_CODE = new Map(Object.entries(STEP_CODES).map(([step, code]) => [code, step as StepId]))
const STEPS = Object.keys(STEP_CODES) as [StepId, ...StepId[]]

/** The step of a short code, if there is one. */
export function stepOfCode(code: string): StepId | undefined {
  return STEP_BY_CODE.get(code)
}

/** A button of a form step: `f:<form fragment>:<step code>:<action>[:<arg>…]`. */
export interface FormButton {
  fragment: string
  step: StepId
  action: string
  args: string[]
}

/** The buttons of the intake form's steps; the fragment ties a press to the form it was shown for. */
export const formButtonCallback = defineCallbackData({
  prefix: 'f:',
  schema: z.object({
    fragment: z.string().min(1),
    step: z.enum(STEPS),
    action: z.string().min(1),
    args: z.array(z.string()),
  }),
  encode: ({ fragment, step, action, args }) => [fragment, STEP_CODES[step], action, ...args],
  decode: ([fragment, code, action, ...args]) => ({
    fragment,
    step: code === undefined ? undefined : stepOfCode(code),
    action,
    args,
  }),
})

/** Callback data of a button of `step` in `form`. */
export function formButtonData(
  form: Pick<FormState, 'formId'>,
  step: StepId,
  action: string,
  ...args: string[]
): string {
  return formButtonCallback.encode({ fragment: formFragment(form.formId), step, action, args })
}

/** Reads form button data back; undefined when it is not one. */
export function parseFormButton(data: string): FormButton | undefined {
  return formButtonCallback.decode(data)
}
