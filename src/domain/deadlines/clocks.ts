import type { LocalDate } from '../calendar/local-date.ts'
import type { ComplaintKind } from '../lifecycle/kinds.ts'
import type { ComplaintStatus } from '../lifecycle/statuses.ts'
import { noticeOwedIn } from './owed-notice.ts'

/**
 * The clocks a ticket can have: the acceptance (complaint) or filing (report) decision, the end of mediation, the
 * termination notice, the notice to a named reporter, and a first-mile station's local target (not statutory).
 */
export const CLOCKS = ['DECISION', 'MEDIATION', 'TERMINATION_NOTICE', 'REPORTER_NOTICE', 'LOCAL_TARGET'] as const
export type Clock = (typeof CLOCKS)[number]

/** What {@link openClocks} reads of a ticket. Dates are Asia/Shanghai `YYYY-MM-DD`. */
export interface TicketClockState {
  readonly kind: ComplaintKind
  readonly status: ComplaintStatus
  readonly bureauReceived: boolean
  readonly decisionDueOn: LocalDate | null
  readonly dueDatesFinal: boolean
  readonly mediationDueOn: LocalDate | null
  readonly mediationDueFinal: boolean
  readonly terminationNoticeDueOn: LocalDate | null
  readonly terminationNoticeDueFinal: boolean
  readonly reporterNoticeDueOn: LocalDate | null
  readonly reporterNoticeDueFinal: boolean
  readonly localTargetOn: LocalDate | null
  /**
   * The notice owed after the ending (termination, filing decision) was given: the bot's status message reached the
   * consumer, or the bureau recorded telling them another way.
   */
  readonly endingNoticeGiven: boolean
  /** A pause (testing, identity proof) is running on this clock. */
  readonly pausedClock: Clock | null
}

/** A running clock and its last day. */
export interface OpenClock {
  readonly clock: Clock
  readonly dueOn: LocalDate
  /** Counted through a year without a published holiday schedule: may move when it is imported. */
  readonly provisional: boolean
}

const DECIDING: Readonly<Record<ComplaintKind, readonly ComplaintStatus[]>> = {
  COMPLAINT: ['RECEIVED', 'ESCALATED'],
  REPORT: ['RECEIVED', 'ESCALATED', 'VERIFYING'],
  INQUIRY: [],
}

/**
 * The clocks running on a ticket now: a clock stops with the act it waits for (the status moves on), and a paused
 * clock does not run. The termination and reporter notices run until the notice was given (owed-notice.ts).
 */
export function openClocks(ticket: TicketClockState): OpenClock[] {
  const clocks: OpenClock[] = []
  const add = (clock: Clock, dueOn: LocalDate | null, final: boolean) => {
    if (dueOn !== null && ticket.pausedClock !== clock) clocks.push({ clock, dueOn, provisional: !final })
  }
  if (ticket.bureauReceived && DECIDING[ticket.kind].includes(ticket.status))
    add('DECISION', ticket.decisionDueOn, ticket.dueDatesFinal)
  if (ticket.kind === 'COMPLAINT' && (ticket.status === 'ACCEPTED' || ticket.status === 'MEDIATING')) {
    add('MEDIATION', ticket.mediationDueOn, ticket.mediationDueFinal)
  }
  const notice = ticket.endingNoticeGiven ? null : noticeOwedIn(ticket.kind, ticket.status)
  if (notice === 'TERMINATION_NOTICE')
    add('TERMINATION_NOTICE', ticket.terminationNoticeDueOn, ticket.terminationNoticeDueFinal)
  if (notice === 'REPORTER_NOTICE') add('REPORTER_NOTICE', ticket.reporterNoticeDueOn, ticket.reporterNoticeDueFinal)
  if (!ticket.bureauReceived && (ticket.status === 'RECEIVED' || ticket.status === 'LOCAL_MEDIATION')) {
    add('LOCAL_TARGET', ticket.localTargetOn, true)
  }
  return clocks
}
