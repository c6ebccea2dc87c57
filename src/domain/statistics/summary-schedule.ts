import { type LocalDate, localDate } from '../calendar/local-date.ts'
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts'
import { halfPeriod, lastMonth, type StatisticsPeriod, yearPeriod } from './period.ts'

/** The local hour (Asia/Shanghai) summaries are posted at. */
export const SUMMARY_POSTING_HOUR = 9

/** The first working day of the month `date` is in (a holiday or weekend on the 1st moves it). */
export function firstWorkingDayOfMonth(date: LocalDate, calendar: WorkingDayCalendar): LocalDate {
  return calendar.moveToWorkingDay(localDate(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 1)).date
}

/**
 * The summaries due on `today`: on the first working day of a month, last month's; in July also the first half
 * year's, in January also last year's. Nothing on any other day.
 */
export function summariesDueOn(today: LocalDate, calendar: WorkingDayCalendar): StatisticsPeriod[] {
  if (firstWorkingDayOfMonth(today, calendar) !== today) return []
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  const due = [lastMonth(today)]
  if (month === 7) due.push(halfPeriod(year, 1))
  if (month === 1) due.push(yearPeriod(year - 1))
  return due
}
