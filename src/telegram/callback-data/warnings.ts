// The buttons of consumer warnings: subscribing (`ws:`), the offer after a filing (`wo:`), a warning's unsubscribe
// button (`wu:`), composing (`w:`) and controlling a broadcast (`wb:`).
import { z } from 'zod'
import { complaintIdField, defineCallbackData } from './define-callback-data.ts'

const id = z.coerce.number().int().positive().max(2_147_483_647)
const action = z.string().regex(/^[A-Za-z]{1,3}$/)
// Area codes, category codes, page numbers: what a picker's buttons carry (checked again by the services).
const args = z.array(z.string().regex(/^[A-Za-z0-9_-]{0,24}$/)).max(4)

/** A subscription button: `ws:<action>[:<arg>…]`. */
export const subscriptionCallback = defineCallbackData({
  prefix: 'ws:',
  schema: z.object({ action, args }),
  encode: ({ action: a, args: rest }) => [a, ...rest],
  decode: ([a, ...rest]) => ({ action: a, args: rest }),
})

/** `ws:` data of an action with its arguments. */
export const subscriptionData = (a: string, ...rest: Array<string | number>) =>
  subscriptionCallback.encode({ action: a, args: rest.map(String) })

/** The answer to the offer of warnings after a filing: `wo:y|n:<complaint id>`. */
export const warningOfferCallback = defineCallbackData({
  prefix: 'wo:',
  schema: z.object({ accept: z.boolean(), complaintId: complaintIdField }),
  encode: ({ accept, complaintId }) => [accept ? 'y' : 'n', complaintId],
  decode: ([answer, complaintId, ...rest]) =>
    rest.length > 0 || (answer !== 'y' && answer !== 'n') ? undefined : { accept: answer === 'y', complaintId },
})

/** A warning's "unsubscribe from this area": `wu:<subscription id>`. */
export const unsubscribeCallback = defineCallbackData({
  prefix: 'wu:',
  schema: z.object({ subscriptionId: id }),
  encode: ({ subscriptionId }) => [subscriptionId],
  decode: ([subscriptionId, ...rest]) => (rest.length > 0 ? undefined : { subscriptionId }),
})

/** A composer button: `w:<warning id>:<action>[:<arg>…]`. */
export const composeCallback = defineCallbackData({
  prefix: 'w:',
  schema: z.object({ warningId: id, action, args }),
  encode: ({ warningId, action: a, args: rest }) => [warningId, a, ...rest],
  decode: ([warningId, a, ...rest]) => ({ warningId, action: a, args: rest }),
})

/** `w:` data of a draft's action. */
export const composeData = (warningId: number, a: string, ...rest: Array<string | number>) =>
  composeCallback.encode({ warningId, action: a, args: rest.map(String) })

export const BROADCAST_CONTROLS = ['pause', 'resume', 'cancel'] as const
export type BroadcastControl = (typeof BROADCAST_CONTROLS)[number]
const CONTROL_CODES: Record<BroadcastControl, string> = { pause: 'p', resume: 'r', cancel: 'x' }

/** Pause, resume or cancel a broadcast: `wb:<warning id>:<p|r|x>`. */
export const broadcastControlCallback = defineCallbackData({
  prefix: 'wb:',
  schema: z.object({ warningId: id, control: z.enum(BROADCAST_CONTROLS) }),
  encode: ({ warningId, control }) => [warningId, CONTROL_CODES[control]],
  decode: ([warningId, code, ...rest]) =>
    rest.length > 0
      ? undefined
      : {
          warningId,
          control: (Object.keys(CONTROL_CODES) as BroadcastControl[]).find((c) => CONTROL_CODES[c] === code),
        },
})
