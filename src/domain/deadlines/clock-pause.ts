import { compareLocalDates, type LocalDate } from '../calendar/local-date.ts'
import type { DeadlineDate, WorkingDayCalendar } from '../calendar/working-day-calendar.ts'
import type { ComplaintKind } from '../lifecycle/kinds.ts'
import type { ComplaintStatus } from '../lifecycle/statuses.ts'
import { type RuleId, statutoryRule } from '../rules/statutory-rules.ts'
import type { Clock } from './clocks.ts'

/**
 * Why a clock is paused: testing, inspection or appraisal (检测、检验、鉴定; not counted in the mediation period, old
 * Art. 20), or the time the bureau set for the complainant to prove their identity (Order 121, real identity).
 */
export const PAUSE_REASONS = ['TESTING', 'IDENTITY_PROOF'] as const
export type PauseReason = (typeof PAUSE_REASONS)[number]

/**
 * The clock a pause of `reason` stops on a ticket in `status`, or null if none can be paused: testing pauses
 * mediation (accepted or mediating complaints), identity proof the acceptance decision (a complaint awaiting it).
 */
export function pausableClock(
  kind: ComplaintKind,
  status: ComplaintStatus,
  reason: PauseReason,
): Extract<Clock, 'DECISION' | 'MEDIATION'> | null {
  if (kind !== 'COMPLAINT') return null
  if (reason === 'TESTING') return status === 'ACCEPTED' || status === 'MEDIATING' ? 'MEDIATION' : null
  return status === 'RECEIVED' || status === 'ESCALATED' ? 'DECISION' : null
}

/**
 * The due date of a working-day period after a pause from `startedOn` to `endedOn`: moved by the working days in
 * (startedOn, endedOn], so testing begun on day 3 and ended on day 10 of mediation adds 7 working days. A
 * calendar-day period is counted again from its start instead ({@link calendarDueAfterPauses}).
 */
export function dueAfterPause(
  dueOn: LocalDate,
  startedOn: LocalDate,
  endedOn: LocalDate,
  calendar: WorkingDayCalendar,
): DeadlineDate & { pausedWorkingDays: number } {
  const pausedWorkingDays =
    compareLocalDates(endedOn, startedOn) > 0 ? calendar.workingDaysBetween(startedOn, endedOn) : 0
  const moved = calendar.addWorkingDays(dueOn, pausedWorkingDays)
  return { ...moved, pausedWorkingDays }
}

/** The unit of the time a pause keeps out of a period. */
export type PauseUnit = 'WORKING_DAYS' | 'CALENDAR_DAYS'

/**
 * The unit a pausable clock's period is counted in, and so the time a pause keeps out of it: Order 121's mediation
 * period is 60 (calendar) days, every other pausable period working days.
 */
export function pauseUnit(clock: string, rule: RuleId): PauseUnit {
  // Only MEDIATION and DECISION pause; a stored pause's clock is read back as text.
  return clock === 'MEDIATION' && statutoryRule(rule).timeLimits.mediationEnd.unit === 'CALENDAR_DAYS'
    ? 'CALENDAR_DAYS'
    : 'WORKING_DAYS'
}

/** Calendar days in (startedOn, endedOn]: what a pause keeps out of a calendar-day period. */
export function calendarDaysPaused(startedOn: LocalDate, endedOn: LocalDate): number {
  return Math.max(0, (Date.parse(endedOn) - Date.parse(startedOn)) / 86_400_000)
}

/**
 * A calendar-day period's due date with its ended pauses not counted: its days and every paused day, counted from
 * its start and moved off a non-working day once (a date already moved off a holiday is not moved twice).
 */
export function calendarDueAfterPauses(
  startsOn: LocalDate,
  days: number,
  pauses: readonly { startedOn: LocalDate; endedOn: LocalDate }[],
  calendar: WorkingDayCalendar,
): DeadlineDate {
  const paused = pauses.reduce((sum, pause) => sum + calendarDaysPaused(pause.startedOn, pause.endedOn), 0)
  return calendar.addCalendarDays(startsOn, days + paused)
}
