/**
 * Callback data of the tickets feature besides the card buttons (`t:`, services/delivery/ticket-action-data.ts)
 * and the rating (`rate:`, services/tickets/notifications/rating-data.ts). Ids only; everything is re-checked.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A choice in an action's input keyboard: `tc:<nonce of the pending input>:<option index | x to cancel>`. */
export const choiceData = (nonce: string, choice: number | 'x') => `tc:${nonce}:${choice}`

export function parseChoiceData(data: string): { nonce: string; choice: number | 'x' } | undefined {
  const match = /^tc:([0-9a-f]{6}):(\d{1,2}|x)$/.exec(data)
  if (!match) return undefined
  return { nonce: match[1]!, choice: match[2] === 'x' ? 'x' : Number(match[2]) }
}

/** The consumer's own complaints: list pages, detail, withdraw (ask, confirm), add information, relay choice. */
export const myData = {
  list: (page: number) => `my:list:${page}`,
  detail: (id: string) => `my:d:${id}`,
  withdraw: (id: string) => `my:w:${id}`,
  withdrawConfirmed: (id: string) => `my:wy:${id}`,
  addInformation: (id: string) => `my:i:${id}`,
  relayTo: (id: string) => `my:r:${id}`,
  fileAgain: (id: string) => `my:n:${id}`,
}

export type MyButton =
  | { type: 'list'; page: number }
  | { type: 'detail' | 'withdraw' | 'withdrawConfirmed' | 'addInformation' | 'relayTo' | 'fileAgain'; complaintId: string }

const MY_TYPES = { d: 'detail', w: 'withdraw', wy: 'withdrawConfirmed', i: 'addInformation', r: 'relayTo', n: 'fileAgain' } as const

export function parseMyData(data: string): MyButton | undefined {
  const list = /^my:list:(\d{1,4})$/.exec(data)
  if (list) return { type: 'list', page: Number(list[1]) }
  const match = /^my:(d|w|wy|i|r|n):(.+)$/.exec(data)
  if (!match || !UUID.test(match[2] ?? '')) return undefined
  return { type: MY_TYPES[match[1] as keyof typeof MY_TYPES], complaintId: (match[2] ?? '').toLowerCase() }
}
