import type { ComplaintKind } from '../lifecycle/kinds.ts'
import type { ComplaintStatus } from '../lifecycle/statuses.ts'

/**
 * The notices owed to the consumer after an ending (§4): that mediation was terminated (终止调解告知, 7 working
 * days), and a named reporter's notice of the filing decision (5 working days). Notices may be given online, by
 * phone, SMS, e-mail or letter: the bot's status message about the ending is the notice. When it cannot reach the
 * consumer (they blocked the bot), the bureau tells them another way and records how (RECORD_NOTICE).
 */
export type NoticeClock = 'TERMINATION_NOTICE' | 'REPORTER_NOTICE'

/** The lifecycle actions whose status message to the consumer carries a notice. */
export const NOTICE_GIVING_ACTIONS = ['END_MEDIATION', 'WITHDRAW', 'FILE_CASE', 'NOT_FILE'] as const

/**
 * The event the delivery records when the status message carrying a notice could not reach the consumer: the
 * notice is still owed. Not a lifecycle action: nobody takes it, it happens to the ticket.
 */
export const NOTICE_UNDELIVERED = 'NOTICE_UNDELIVERED'

/** The event recorded when a notice left undelivered reached the consumer later (they unblocked the bot). */
export const NOTICE_DELIVERED = 'NOTICE_DELIVERED'

/** What happened to a status message carrying a notice, beyond the usual delivery. */
export type NoticeEvent = typeof NOTICE_UNDELIVERED | typeof NOTICE_DELIVERED

/** The notice a ticket of `kind` owes in `status` once its ending was taken; null when none. */
export function noticeOwedIn(kind: ComplaintKind, status: ComplaintStatus): NoticeClock | null {
  if (kind === 'COMPLAINT' && status === 'MEDIATION_ENDED') return 'TERMINATION_NOTICE'
  if (kind === 'REPORT' && (status === 'CASE_FILED' || status === 'NOT_FILED')) return 'REPORTER_NOTICE'
  return null
}

/** The notice the status message of an event carries: an ending action that led to a status owing one. */
export function noticeCarriedBy(
  kind: ComplaintKind,
  action: string,
  toStatus: ComplaintStatus | null,
): NoticeClock | null {
  if (toStatus === null || !(NOTICE_GIVING_ACTIONS as readonly string[]).includes(action)) return null
  return noticeOwedIn(kind, toStatus)
}
