import { z } from 'zod'
import { complaintIdField, defineCallbackData } from './define-callback-data.ts'

const MY_CODES = {
  detail: 'd',
  withdraw: 'w',
  withdrawConfirmed: 'wy',
  addInformation: 'i',
  addInformationDone: 'id',
  relayTo: 'r',
  fileAgain: 'n',
} as const
type MyComplaintButton = keyof typeof MY_CODES
const MY_BY_CODE = new Map(Object.entries(MY_CODES).map(([type, code]) => [code as string, type as MyComplaintButton]))

export type MyButton = { type: 'list'; page: number } | { type: MyComplaintButton; complaintId: string }

/** The consumer's own complaints: `my:list:<page>`, and `my:<d|w|wy|i|id|r|n>:<complaint id>`. Ids only. */
export const myComplaintsCallback = defineCallbackData({
  prefix: 'my:',
  schema: z.union([
    z.object({ type: z.literal('list'), page: z.number().int().min(0).max(9999) }),
    z.object({
      type: z.enum(Object.keys(MY_CODES) as [MyComplaintButton, ...MyComplaintButton[]]),
      complaintId: complaintIdField,
    }),
  ]),
  encode: (value) => ('page' in value ? ['list', value.page] : [MY_CODES[value.type], value.complaintId]),
  decode: ([code, arg, ...rest]) => {
    if (rest.length > 0 || code === undefined || arg === undefined) return undefined
    if (code === 'list') return /^\d{1,4}$/.test(arg) ? { type: 'list', page: Number(arg) } : undefined
    const type = MY_BY_CODE.get(code)
    return type ? { type, complaintId: arg } : undefined
  },
})

/** The consumer's own complaints: list pages, detail, withdraw (ask, confirm), add information (and done), relay choice. */
export const myData = {
  list: (page: number) => myComplaintsCallback.encode({ type: 'list', page }),
  detail: (id: string) => myComplaintsCallback.encode({ type: 'detail', complaintId: id }),
  withdraw: (id: string) => myComplaintsCallback.encode({ type: 'withdraw', complaintId: id }),
  withdrawConfirmed: (id: string) => myComplaintsCallback.encode({ type: 'withdrawConfirmed', complaintId: id }),
  addInformation: (id: string) => myComplaintsCallback.encode({ type: 'addInformation', complaintId: id }),
  addInformationDone: (id: string) => myComplaintsCallback.encode({ type: 'addInformationDone', complaintId: id }),
  relayTo: (id: string) => myComplaintsCallback.encode({ type: 'relayTo', complaintId: id }),
  fileAgain: (id: string) => myComplaintsCallback.encode({ type: 'fileAgain', complaintId: id }),
}

export function parseMyData(data: string): MyButton | undefined {
  return myComplaintsCallback.decode(data)
}
