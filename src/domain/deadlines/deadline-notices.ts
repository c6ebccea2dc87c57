import { compareLocalDates, type LocalDate } from '../calendar/local-date.ts'
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts'
import type { OpenClock } from './clocks.ts'

/** A reminder ahead of the due day, a reminder on it, and the overdue notice (超期督办) after it. */
export type DeadlineNoticeKind = 'REMIND_BEFORE' | 'REMIND_DUE' | 'OVERDUE'

/**
 * Full working days left between the early reminder and the due day: with 2, a clock due on Friday is reminded on
 * Tuesday (Wednesday and Thursday still to work), and one due 2026-10-13 on 2026-10-09 (10-10, a make-up workday,
 * and 10-12 left).
 */
export const DEFAULT_REMINDER_LEAD_WORKING_DAYS = 2

/** Where a clock stands on a day, for the digest. */
export type DueStanding = 'DUE_TODAY' | 'DUE_SOON' | 'OVERDUE' | 'LATER'

/**
 * How a clock due on `dueOn` stands on `today`: due today, due soon (at most `lead` full working days before the
 * due day), overdue (its due day has passed), or later.
 */
export function dueStanding(
  dueOn: LocalDate,
  today: LocalDate,
  calendar: WorkingDayCalendar,
  lead = DEFAULT_REMINDER_LEAD_WORKING_DAYS,
): DueStanding {
  const order = compareLocalDates(today, dueOn)
  if (order === 0) return 'DUE_TODAY'
  if (order > 0) return 'OVERDUE'
  return calendar.workingDaysBetween(today, dueOn) <= lead + 1 ? 'DUE_SOON' : 'LATER'
}

/**
 * The notice a running clock calls for on `today`, if any. Notices go out on working days only. The early reminder
 * is due from the day with `lead` full working days left (a day missed is caught up before the due day); the
 * overdue notice from the first working day after the due day. Each is sent once per due date: the caller keeps
 * what was sent, so a due date moved by a pause or an import gets its own reminders again.
 */
export function noticeDue(
  clock: OpenClock,
  today: LocalDate,
  calendar: WorkingDayCalendar,
  lead = DEFAULT_REMINDER_LEAD_WORKING_DAYS,
): DeadlineNoticeKind | null {
  if (!calendar.isWorkingDay(today)) return null
  switch (dueStanding(clock.dueOn, today, calendar, lead)) {
    case 'DUE_TODAY':
      return 'REMIND_DUE'
    case 'DUE_SOON':
      return 'REMIND_BEFORE'
    case 'OVERDUE':
      return 'OVERDUE'
    case 'LATER':
      return null
  }
}
