import { z } from 'zod'
import { LIFECYCLE_ACTIONS, type LifecycleAction, type RETIRED_ACTIONS } from '../../domain/lifecycle/index.ts'
import { complaintIdField, defineCallbackData } from './define-callback-data.ts'

type RetiredAction = (typeof RETIRED_ACTIONS)[number]

/** Two letters per lifecycle action, so that `t:<code>:<uuid>` stays far below Telegram's 64 bytes. */
const ACTION_CODES: Readonly<Record<LifecycleAction, string>> = {
  ROUTE: 'rt',
  ASSIGN_LIAISON: 'al',
  START_LOCAL_MEDIATION: 'lm',
  SETTLE_LOCALLY: 'sl',
  ESCALATE: 'es',
  ACCEPT: 'ac',
  REJECT: 'rj',
  START_MEDIATION: 'md',
  RECORD_AGREEMENT: 'ag',
  END_MEDIATION: 'em',
  START_VERIFICATION: 'vf',
  EXTEND_FILING_DECISION: 'xf',
  FILE_CASE: 'fc',
  NOT_FILE: 'nf',
  CASE_FILE: 'cf',
  CASE_NOT_FILE: 'cn',
  CASE_DECIDE: 'cd',
  ANSWER: 'an',
  RECORD_NOTICE: 'rn',
  CLOSE: 'cl',
  CORRECT_CLOSING: 'cc',
  TRANSFER: 'tr',
  ADD_NOTE: 'nt',
  WITHDRAW: 'wd',
}

const ACTION_BY_CODE = new Map(LIFECYCLE_ACTIONS.map((action) => [ACTION_CODES[action], action]))

/** Codes of retired actions: old cards may still carry them; pressing one gets an explanation, never an action. */
const RETIRED_BY_CODE: ReadonlyMap<string, RetiredAction> = new Map([['ro', 'REOPEN']])

/** A ticket action pressed on a card: which action, on which complaint. Re-check both on the server. */
export interface TicketActionData {
  action: LifecycleAction
  complaintId: string
}

/** A ticket-card button: `t:<two-letter action code>:<complaint id>` (41 bytes for a UUID). */
export const ticketActionCallback = defineCallbackData({
  prefix: 't:',
  schema: z.object({ action: z.enum(LIFECYCLE_ACTIONS), complaintId: complaintIdField }),
  encode: ({ action, complaintId }) => [ACTION_CODES[action], complaintId],
  decode: ([code, complaintId, ...rest]) =>
    rest.length === 0 && code !== undefined
      ? { action: ACTION_BY_CODE.get(code) as LifecycleAction, complaintId }
      : undefined,
})

/**
 * Callback data of a ticket-card button.
 * @throws RangeError if the complaint id is not a UUID (it would not fit, or not parse back).
 */
export function ticketActionData(action: LifecycleAction, complaintId: string): string {
  return ticketActionCallback.encode({ action, complaintId })
}

/** Parses callback data built by {@link ticketActionData}; undefined for anything else (stale or forged data). */
export function parseTicketActionData(data: string): TicketActionData | undefined {
  return ticketActionCallback.decode(data)
}

/** The retired action an old card's button names (`t:ro:<id>` was REOPEN), if it names one. */
export function retiredTicketAction(data: string): RetiredAction | undefined {
  const match = /^t:([a-z]{2}):/.exec(data)
  return match ? RETIRED_BY_CODE.get(match[1] ?? '') : undefined
}
