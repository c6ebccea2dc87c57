import cnHolidays from './cn-holidays.json' with { type: 'json' }
import { type HolidayTable, type HolidayYear, validateHolidayTable } from './holiday-table.ts'
import { compareLocalDates, isWeekend, type LocalDate, plusDays, yearOf } from './local-date.ts'
import { statutoryHolidays } from './statutory-holidays.ts'

/**
 * A computed deadline. `calendarPublished` is false when the result depends on a
 * year the holiday table does not cover; such days were counted Monday–Friday and
 * the date may move once the State Council publishes that year's schedule.
 */
export interface DeadlineDate {
  readonly date: LocalDate
  readonly calendarPublished: boolean
}

/** Working-day arithmetic over one holiday table. */
export interface WorkingDayCalendar {
  /** Version string of the holiday table in use. */
  readonly version: string
  /** True if the table has a schedule for `year`. */
  isYearPublished(year: number): boolean
  /**
   * Monday–Friday minus holidays, plus make-up workdays. Unpublished years: Monday–Friday minus the statutory days
   * of 《全国年节及纪念日放假办法》 (statutory-holidays.ts); dates counted through such a year are provisional.
   */
  isWorkingDay(date: LocalDate): boolean
  /**
   * The date `n` working days after `start`. The start day itself is never counted:
   * day 1 is the first working day after `start`, whatever kind of day `start` is.
   */
  addWorkingDays(start: LocalDate, n: number): DeadlineDate
  /**
   * The end of an `n` calendar-day period starting the day after `start`; if it ends
   * on a non-working day, it moves to the next working day (民法典 Arts. 201, 203).
   */
  addCalendarDays(start: LocalDate, n: number): DeadlineDate
  /** `date` if it is a working day, otherwise the next working day (民法典 Art. 203). */
  moveToWorkingDay(date: LocalDate): DeadlineDate
  /**
   * Working days in the interval (a, b]: so `workingDaysBetween(s, addWorkingDays(s, n).date) === n`.
   * Negative when `b` is before `a`: with `a` = today and `b` = a due date, a positive
   * result is working days left, 0 is "due today", and a negative one is days overdue.
   */
  workingDaysBetween(a: LocalDate, b: LocalDate): number
}

function assertDayCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Day count must be a non-negative integer, got ${n}`)
}

/**
 * Builds a calendar from a holiday table, e.g. an operator's table that adds a newly
 * published year.
 * @throws InvalidHolidayTableError if the table is malformed.
 */
export function createWorkingDayCalendar(table: HolidayTable): WorkingDayCalendar {
  const { version, publishedYears, holidays, makeUpWorkdays } = validateHolidayTable(table)

  const isYearPublished = (year: number): boolean => publishedYears.has(year)

  const isWorkingDay = (date: LocalDate): boolean => {
    if (makeUpWorkdays.has(date)) return true
    if (isWeekend(date) || holidays.has(date)) return false
    return isYearPublished(yearOf(date)) || !statutoryHolidays(yearOf(date)).has(date)
  }

  /** True if every year touched by the days in (from, to] is published. */
  const publishedThrough = (from: LocalDate, to: LocalDate): boolean => {
    if (compareLocalDates(from, to) >= 0) return true
    for (let year = yearOf(plusDays(from, 1)); year <= yearOf(to); year++) {
      if (!isYearPublished(year)) return false
    }
    return true
  }

  const addWorkingDays = (start: LocalDate, n: number): DeadlineDate => {
    assertDayCount(n)
    let date = start
    for (let counted = 0; counted < n; ) {
      date = plusDays(date, 1)
      if (isWorkingDay(date)) counted++
    }
    return { date, calendarPublished: publishedThrough(start, date) }
  }

  const moveToWorkingDay = (date: LocalDate): DeadlineDate => {
    let end = date
    while (!isWorkingDay(end)) end = plusDays(end, 1)
    return { date: end, calendarPublished: publishedThrough(plusDays(date, -1), end) }
  }

  const addCalendarDays = (start: LocalDate, n: number): DeadlineDate => {
    assertDayCount(n)
    return moveToWorkingDay(plusDays(start, n))
  }

  const workingDaysBetween = (a: LocalDate, b: LocalDate): number => {
    const order = compareLocalDates(a, b)
    if (order > 0) return -workingDaysBetween(b, a)
    let count = 0
    for (let date = plusDays(a, 1); compareLocalDates(date, b) <= 0; date = plusDays(date, 1)) {
      if (isWorkingDay(date)) count++
    }
    return count
  }

  return {
    version,
    isYearPublished,
    isWorkingDay,
    addWorkingDays,
    addCalendarDays,
    moveToWorkingDay,
    workingDaysBetween,
  }
}

/** The bundled State Council schedule (cn-holidays.json). */
export const cnHolidayTable: HolidayTable = cnHolidays

/** Calendar built from the bundled table. */
export const defaultWorkingDayCalendar: WorkingDayCalendar = createWorkingDayCalendar(cnHolidayTable)

let active: WorkingDayCalendar = defaultWorkingDayCalendar

/**
 * The calendar this process counts with: the bundled table plus the years an operator imported (holiday_year),
 * installed by the deadlines service at start and whenever the stored years change.
 */
export function activeWorkingDayCalendar(): WorkingDayCalendar {
  return active
}

/** Installs the calendar {@link activeWorkingDayCalendar} returns from now on. */
export function useWorkingDayCalendar(calendar: WorkingDayCalendar): void {
  active = calendar
}

/** The bundled table with imported years added (an imported year replaces a bundled one). */
export function withImportedYears(
  base: HolidayTable,
  years: Readonly<Record<string, HolidayYear>>,
  version: string,
): HolidayTable {
  return { version, source: base.source, years: { ...base.years, ...years } }
}
