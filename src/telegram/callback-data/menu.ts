import { z } from 'zod'
import type { FormKind } from '../../domain/intake-form/draft.ts'
import { defineCallbackData } from './define-callback-data.ts'

const KIND_CODES: Readonly<Record<FormKind, string>> = { COMPLAINT: 'c', REPORT: 'r', INQUIRY: 'i' }
const KINDS = Object.keys(KIND_CODES) as [FormKind, ...FormKind[]]
const SCREENS = { resume: 'resume', help: 'help', language: 'lang', menu: 'menu' } as const
type Screen = keyof typeof SCREENS

/** The main menu's buttons: `m:<c|r|i>` (choose a kind), `m:new:<c|r|i>` (start anew), `m:resume|help|lang|menu`. */
export const menuCallback = defineCallbackData({
  prefix: 'm:',
  schema: z.union([
    z.object({ type: z.literal('start'), kind: z.enum(KINDS), anew: z.boolean() }),
    z.object({ type: z.enum(Object.keys(SCREENS) as [Screen, ...Screen[]]) }),
  ]),
  encode: (button) =>
    button.type === 'start' ? [...(button.anew ? ['new'] : []), KIND_CODES[button.kind]] : [SCREENS[button.type]],
  decode: (fields) => {
    const [first, second, ...rest] = fields
    if (rest.length > 0 || first === undefined) return undefined
    if (first === 'new')
      return second === undefined ? undefined : { type: 'start', kind: kindOfCode(second), anew: true }
    if (second !== undefined) return undefined
    const screen = (Object.keys(SCREENS) as Screen[]).find((key) => SCREENS[key] === first)
    return screen ? { type: screen } : { type: 'start', kind: kindOfCode(first), anew: false }
  },
})

/** Main menu buttons. */
export const menuData = {
  start: (kind: FormKind) => menuCallback.encode({ type: 'start', kind, anew: false }),
  startAnew: (kind: FormKind) => menuCallback.encode({ type: 'start', kind, anew: true }),
  resume: menuCallback.encode({ type: 'resume' }),
  help: menuCallback.encode({ type: 'help' }),
  language: menuCallback.encode({ type: 'language' }),
  menu: menuCallback.encode({ type: 'menu' }),
  /** Handled by the tickets feature (my-complaints.ts): the first page of the list. */
  myComplaints: 'my:list:0',
} as const

/** The form kind of a menu code. */
export function kindOfCode(code: string | undefined): FormKind | undefined {
  return (Object.entries(KIND_CODES) as Array<[FormKind, string]>).find(([, value]) => value === code)?.[0]
}

/** Language buttons: `lang:<locale>`. */
export const languageCallback = defineCallbackData({
  prefix: 'lang:',
  schema: z.object({ locale: z.string().regex(/^[A-Za-z-]{2,10}$/) }),
  encode: ({ locale }) => [locale],
  decode: ([locale, ...rest]) => (rest.length === 0 ? { locale } : undefined),
})

export function languageData(locale: string): string {
  return languageCallback.encode({ locale })
}
