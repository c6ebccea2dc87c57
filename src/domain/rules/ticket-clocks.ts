import { type LocalDate, localDateOf } from '../calendar/local-date.ts'
import { activeWorkingDayCalendar, type DeadlineDate } from '../calendar/working-day-calendar.ts'
import type { ComplaintKind } from '../lifecycle/kinds.ts'
import { type DeadlineOptions, reportFilingDecisionDeadline, statutoryDeadlines } from './statutory-deadlines.ts'
import { type RuleId, ruleInForce } from './statutory-rules.ts'

/** Default local target of a first-mile station, in working days (config `LOCAL_TARGET_WORKING_DAYS`). */
export const DEFAULT_LOCAL_TARGET_WORKING_DAYS = 10

/** The clocks that start when a bureau station receives a ticket. */
export interface BureauReceipt {
  readonly rule: RuleId
  readonly receivedOn: LocalDate
  /** Complaint: the acceptance decision (7 wd); report: the filing decision (15 wd); inquiry: none. */
  readonly decisionDue: DeadlineDate | null
}

/**
 * The rule in force and the decision deadline for a ticket of `kind` received by a bureau station at
 * `receivedAt` (routing straight to it, or escalation/transfer to it). Filing in the chat and receipt by a
 * first-mile station start no statutory clock (12315-process.md §12).
 */
export function bureauReceipt(kind: ComplaintKind, receivedAt: Date, options: DeadlineOptions = {}): BureauReceipt {
  const receivedOn = localDateOf(receivedAt)
  const rule = ruleInForce(receivedOn)
  switch (kind) {
    case 'COMPLAINT': {
      const due = statutoryDeadlines(receivedAt, rule, options)
      return { rule, receivedOn, decisionDue: { date: due.decisionDue, calendarPublished: due.calendarPublished } }
    }
    case 'REPORT':
      return { rule, receivedOn, decisionDue: reportFilingDecisionDeadline(receivedOn, rule, options) }
    case 'INQUIRY':
      return { rule, receivedOn, decisionDue: null }
  }
}

/** A first-mile station's own target for a ticket received at `receivedAt`: not a legal deadline. */
export function localTarget(
  receivedAt: Date,
  workingDays: number,
  { calendar = activeWorkingDayCalendar() }: DeadlineOptions = {},
): DeadlineDate {
  return calendar.addWorkingDays(localDateOf(receivedAt), workingDays)
}
