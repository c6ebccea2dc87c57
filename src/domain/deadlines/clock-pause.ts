import { compareLocalDates, type LocalDate } from '../calendar/local-date.ts'
import type { DeadlineDate, WorkingDayCalendar } from '../calendar/working-day-calendar.ts'
import type { ComplaintKind } from '../lifecycle/kinds.ts'
import type { ComplaintStatus } from '../lifecycle/statuses.ts'
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
 * The due date after a pause from `startedOn` to `endedOn`: moved by the working days in (startedOn, endedOn], so
 * testing begun on day 3 and ended on day 10 of mediation adds 7 working days.
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
