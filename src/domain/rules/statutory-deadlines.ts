import { compareLocalDates, type LocalDate, localDateOf, plusYears } from '../calendar/local-date.ts'
import {
  activeWorkingDayCalendar,
  type DeadlineDate,
  type WorkingDayCalendar,
} from '../calendar/working-day-calendar.ts'
import { type RuleId, ruleInForce, statutoryRule, type TimeLimit } from './statutory-rules.ts'

export interface DeadlineOptions {
  /** Defaults to the bundled State Council schedule. */
  readonly calendar?: WorkingDayCalendar
}

export interface StatutoryDeadlines {
  readonly rule: RuleId
  /** Asia/Shanghai date of receipt; the day itself is not counted. */
  readonly receivedOn: LocalDate
  /** Last day to accept or reject the complaint and tell the consumer. */
  readonly decisionDue: LocalDate
  readonly calendarPublished: boolean
}

/**
 * The last day of a time limit running from `from` (the day of `from` not counted).
 * Calendar-day and year periods ending on a non-working day move to the next working
 * day (民法典 Art. 203); years land on the corresponding day (Art. 202).
 */
export function deadlineAfter(
  limit: TimeLimit,
  from: LocalDate,
  { calendar = activeWorkingDayCalendar(), extended = false }: DeadlineOptions & { readonly extended?: boolean } = {},
): DeadlineDate {
  const amount = limit.amount + (extended ? (limit.extendableBy ?? 0) : 0)
  switch (limit.unit) {
    case 'WORKING_DAYS':
      return calendar.addWorkingDays(from, amount)
    case 'CALENDAR_DAYS':
      return calendar.addCalendarDays(from, amount)
    case 'YEARS':
      return calendar.moveToWorkingDay(plusYears(from, amount))
  }
}

/**
 * The acceptance-decision deadline for a complaint received at `receivedAt` by the
 * bureau with jurisdiction (a liaison's receipt does not start the clock).
 * @param rule defaults to the rule in force on the Asia/Shanghai date of receipt.
 */
export function statutoryDeadlines(receivedAt: Date, rule?: RuleId, options: DeadlineOptions = {}): StatutoryDeadlines {
  const receivedOn = localDateOf(receivedAt)
  const ruleId = rule ?? ruleInForce(receivedOn)
  const { date, calendarPublished } = deadlineAfter(
    statutoryRule(ruleId).timeLimits.acceptanceDecision,
    receivedOn,
    options,
  )
  return { rule: ruleId, receivedOn, decisionDue: date, calendarPublished }
}

/**
 * Last day of mediation, counted from the acceptance date: Order 20, 45 working days;
 * Order 121, 60 calendar days moved off a non-working day. Testing or appraisal
 * time is not counted; the caller extends for it.
 */
export function mediationDeadline(acceptedOn: LocalDate, rule: RuleId, options: DeadlineOptions = {}): DeadlineDate {
  return deadlineAfter(statutoryRule(rule).timeLimits.mediationEnd, acceptedOn, options)
}

/** Last day to notify the parties that mediation was terminated on `terminatedOn`. */
export function terminationNoticeDeadline(
  terminatedOn: LocalDate,
  rule: RuleId,
  options: DeadlineOptions = {},
): DeadlineDate {
  return deadlineAfter(statutoryRule(rule).timeLimits.terminationNotice, terminatedOn, options)
}

/**
 * Last day to verify a report and decide whether to file a case, from receipt.
 * `extended: true` adds the extension granted with the bureau head's approval.
 */
export function reportFilingDecisionDeadline(
  receivedOn: LocalDate,
  rule: RuleId,
  options: DeadlineOptions & { readonly extended?: boolean } = {},
): DeadlineDate {
  return deadlineAfter(statutoryRule(rule).timeLimits.reportFilingDecision, receivedOn, options)
}

/** Last day to tell a named reporter the outcome of the filing decision made on `decidedOn`. */
export function reporterNoticeDeadline(
  decidedOn: LocalDate,
  rule: RuleId,
  options: DeadlineOptions = {},
): DeadlineDate {
  return deadlineAfter(statutoryRule(rule).timeLimits.reporterNotice, decidedOn, options)
}

/** Last day a complaint can be made about harm known on `harmKnownOn` (3 years, Art. 203 applied). */
export function timeBarLastDay(harmKnownOn: LocalDate, rule: RuleId, options: DeadlineOptions = {}): DeadlineDate {
  return deadlineAfter(statutoryRule(rule).timeLimits.timeBar, harmKnownOn, options)
}

/** True if a complaint received on `receivedOn` is past the time bar for harm known on `harmKnownOn`. */
export function isTimeBarred(
  harmKnownOn: LocalDate,
  receivedOn: LocalDate,
  rule: RuleId,
  options: DeadlineOptions = {},
): boolean {
  return compareLocalDates(receivedOn, timeBarLastDay(harmKnownOn, rule, options).date) > 0
}
