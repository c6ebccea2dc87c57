import { z } from 'zod'
import { defineCallbackData } from './define-callback-data.ts'

/** A choice in an action's input keyboard: `tc:<nonce of the pending input>:<option index | x to cancel>`. */
export const ticketChoiceCallback = defineCallbackData({
  prefix: 'tc:',
  schema: z.object({
    nonce: z.string().regex(/^[0-9a-f]{6}$/),
    choice: z.union([z.literal('x'), z.number().int().min(0).max(99)]),
  }),
  encode: ({ nonce, choice }) => [nonce, choice],
  decode: ([nonce, choice, ...rest]) => {
    if (rest.length > 0 || choice === undefined || !/^(?:\d{1,2}|x)$/.test(choice)) return undefined
    return { nonce, choice: choice === 'x' ? 'x' : Number(choice) }
  },
})

export const choiceData = (nonce: string, choice: number | 'x') => ticketChoiceCallback.encode({ nonce, choice })

export function parseChoiceData(data: string): { nonce: string; choice: number | 'x' } | undefined {
  return ticketChoiceCallback.decode(data)
}
