import { describe, expect, it } from 'vitest'
import { type HolidayTable, InvalidHolidayTableError } from '../../../src/domain/calendar/holiday-table.ts'
import { parseLocalDate as d } from '../../../src/domain/calendar/local-date.ts'
import {
  defaultWorkingDayCalendar as calendar,
  cnHolidayTable,
  createWorkingDayCalendar,
} from '../../../src/domain/calendar/working-day-calendar.ts'

// Hypothetical 2027 schedule: only to show that an operator's table takes effect.
const tableWith2027: HolidayTable = {
  ...cnHolidayTable,
  version: 'test-2027',
  years: {
    ...cnHolidayTable.years,
    '2027': { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], makeUpWorkdays: [] },
  },
}

describe('isWorkingDay', () => {
  it('treats weekdays as working days and weekends as rest days', () => {
    expect(calendar.isWorkingDay(d('2026-03-02'))).toBe(true)
    expect(calendar.isWorkingDay(d('2026-03-07'))).toBe(false)
  })

  it('removes holidays and adds make-up workdays', () => {
    expect(calendar.isWorkingDay(d('2026-10-01'))).toBe(false)
    expect(calendar.isWorkingDay(d('2026-10-10'))).toBe(true)
    expect(calendar.isWorkingDay(d('2026-02-14'))).toBe(true)
    expect(calendar.isWorkingDay(d('2025-01-26'))).toBe(true)
    expect(calendar.isWorkingDay(d('2025-10-08'))).toBe(false)
  })

  it('counts an unpublished year Monday–Friday minus the statutory days, so 2027-01-01 (a Friday) is off', () => {
    expect(calendar.isYearPublished(2027)).toBe(false)
    expect(calendar.isWorkingDay(d('2027-01-01'))).toBe(false)
    expect(calendar.isWorkingDay(d('2027-01-04'))).toBe(true)
  })

  it('skips every statutory day of 2027 (除夕 5 Feb to 初三, 清明, 端午, 中秋 from the lunar calendar)', () => {
    const off = [
      '2027-01-01',
      '2027-02-05',
      '2027-02-08',
      '2027-04-05',
      '2027-05-03',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01',
    ]
    // 2027-05-03 is a Monday with no statutory day: it stays a working day (May Day is 1–2 May, a weekend).
    expect(off.map((date) => calendar.isWorkingDay(d(date)))).toEqual([
      false,
      false,
      false,
      false,
      true,
      false,
      false,
      false,
    ])
    expect(calendar.isWorkingDay(d('2027-02-04'))).toBe(true)
    expect(calendar.isWorkingDay(d('2027-02-09'))).toBe(true)
  })
})

describe('addWorkingDays', () => {
  it('crosses National Day 2026 and counts the 10/10 make-up Saturday', () => {
    expect(calendar.addWorkingDays(d('2026-09-28'), 7)).toEqual({ date: '2026-10-13', calendarPublished: true })
  })

  it('crosses the 2026 Spring Festival, counting the make-up Saturdays 2/14 and 2/28', () => {
    expect(calendar.addWorkingDays(d('2026-02-12'), 7)).toEqual({ date: '2026-02-28', calendarPublished: true })
  })

  it('crosses the 2025 Spring Festival, counting make-up days 1/26 (Sun) and 2/8 (Sat)', () => {
    expect(calendar.addWorkingDays(d('2025-01-24'), 7)).toEqual({ date: '2025-02-10', calendarPublished: true })
  })

  it('does not count the day of receipt', () => {
    expect(calendar.addWorkingDays(d('2026-03-02'), 1).date).toBe('2026-03-03')
    expect(calendar.addWorkingDays(d('2026-10-10'), 1).date).toBe('2026-10-12')
  })

  it('starts counting on the next working day when received on a weekend or holiday', () => {
    expect(calendar.addWorkingDays(d('2026-03-07'), 1).date).toBe('2026-03-09')
    expect(calendar.addWorkingDays(d('2026-03-07'), 7).date).toBe('2026-03-17')
    expect(calendar.addWorkingDays(d('2026-10-01'), 1).date).toBe('2026-10-08')
    expect(calendar.addWorkingDays(d('2026-10-01'), 7).date).toBe('2026-10-15')
  })

  it('counts past the table without the statutory days and flags the result as unpublished', () => {
    expect(calendar.addWorkingDays(d('2026-12-28'), 7)).toEqual({ date: '2027-01-07', calendarPublished: false })
  })

  it('keeps the flag when every counted day is in a published year', () => {
    expect(calendar.addWorkingDays(d('2026-12-18'), 7)).toEqual({ date: '2026-12-29', calendarPublished: true })
  })

  it('uses an overriding table: adding 2027 moves the date and clears the flag', () => {
    const withNextYear = createWorkingDayCalendar(tableWith2027)
    expect(withNextYear.version).toBe('test-2027')
    expect(withNextYear.addWorkingDays(d('2026-12-28'), 7)).toEqual({ date: '2027-01-07', calendarPublished: true })
  })

  it('rejects negative or fractional counts', () => {
    expect(() => calendar.addWorkingDays(d('2026-03-02'), -1)).toThrow(RangeError)
    expect(() => calendar.addWorkingDays(d('2026-03-02'), 1.5)).toThrow(RangeError)
  })
})

describe('addCalendarDays (民法典 Art. 203)', () => {
  it('keeps a period that ends on a working day', () => {
    expect(calendar.addCalendarDays(d('2026-04-16'), 60)).toEqual({ date: '2026-06-15', calendarPublished: true })
  })

  it('moves a period ending on a holiday to the next working day', () => {
    expect(calendar.addCalendarDays(d('2026-08-05'), 60)).toEqual({ date: '2026-10-08', calendarPublished: true })
  })

  it('moves a period ending on a Sunday to Monday, but keeps one ending on a make-up Saturday', () => {
    expect(calendar.addCalendarDays(d('2026-04-15'), 60).date).toBe('2026-06-15')
    expect(calendar.addCalendarDays(d('2026-09-10'), 30).date).toBe('2026-10-10')
  })

  it('flags a period ending in an unpublished year, still moving it off the weekend there', () => {
    expect(calendar.addCalendarDays(d('2026-12-01'), 60)).toEqual({ date: '2027-02-01', calendarPublished: false })
  })
})

describe('workingDaysBetween', () => {
  it('counts working days after the first date up to and including the second', () => {
    expect(calendar.workingDaysBetween(d('2026-09-28'), d('2026-10-13'))).toBe(7)
    expect(calendar.workingDaysBetween(d('2026-10-13'), d('2026-10-13'))).toBe(0)
  })

  it('is negative when the second date is earlier, i.e. overdue', () => {
    expect(calendar.workingDaysBetween(d('2026-10-14'), d('2026-10-13'))).toBe(-1)
    expect(calendar.workingDaysBetween(d('2026-10-13'), d('2026-09-28'))).toBe(-7)
  })

  it('undoes addWorkingDays', () => {
    for (const start of ['2025-01-24', '2026-02-12', '2026-09-26', '2026-10-10', '2026-12-28']) {
      for (const n of [1, 7, 15, 45]) {
        const { date } = calendar.addWorkingDays(d(start), n)
        expect(calendar.workingDaysBetween(d(start), date)).toBe(n)
      }
    }
  })
})

describe('bundled holiday table', () => {
  it('has the 2026 make-up workdays of the State Council notice', () => {
    expect(cnHolidayTable.years['2026']?.makeUpWorkdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ])
  })

  it('lists 28 days off in 2025 and 33 in 2026', () => {
    expect(cnHolidayTable.years['2025']?.holidays).toHaveLength(28)
    expect(cnHolidayTable.years['2026']?.holidays).toHaveLength(33)
  })
})

describe('table validation', () => {
  const withYear = (year: string, holidays: string[], makeUpWorkdays: string[] = []): HolidayTable => ({
    version: 'v',
    source: 's',
    years: { [year]: { holidays, makeUpWorkdays } },
  })

  const issuesOf = (table: unknown): readonly string[] => {
    try {
      createWorkingDayCalendar(table as HolidayTable)
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidHolidayTableError)
      return (error as InvalidHolidayTableError).issues
    }
    throw new Error('expected the table to be rejected')
  }

  it('rejects a date that does not exist', () => {
    expect(issuesOf(withYear('2026', ['2026-02-30']))).toEqual([
      'years.2026.holidays: "2026-02-30" is not a real YYYY-MM-DD date',
    ])
  })

  it('rejects a date outside its year', () => {
    expect(issuesOf(withYear('2026', ['2025-12-31']))).toEqual(['years.2026.holidays: 2025-12-31 is outside year 2026'])
  })

  it('rejects a date that is both a holiday and a make-up workday', () => {
    expect(issuesOf(withYear('2026', ['2026-02-14'], ['2026-02-14']))).toEqual([
      '2026-02-14 is both a holiday and a make-up workday',
    ])
  })

  it('rejects a make-up workday that is not a weekend day', () => {
    expect(issuesOf(withYear('2026', [], ['2026-02-13']))).toEqual([
      'years.2026.makeUpWorkdays: 2026-02-13 is a weekday, so it cannot be a make-up workday',
    ])
  })

  it('rejects duplicates, bad year keys and missing metadata, reporting every problem at once', () => {
    const issues = issuesOf({
      version: '',
      years: { '26': { holidays: [], makeUpWorkdays: [] }, '2026': { holidays: ['2026-01-01', '2026-01-01'] } },
    })
    expect(issues).toEqual([
      '"version" must be a non-empty string',
      '"source" must be a non-empty string',
      'year key "26" must be a four-digit year',
      'years.2026.holidays: 2026-01-01 is listed twice',
      'years.2026.makeUpWorkdays must be an array of YYYY-MM-DD dates',
    ])
  })

  it('names the error and lists the problems in its message', () => {
    expect(() => createWorkingDayCalendar(withYear('2026', ['2026-02-30']))).toThrow(
      expect.objectContaining({
        name: 'InvalidHolidayTableError',
        message: expect.stringContaining('Invalid holiday table:\n- years.2026.holidays'),
      }),
    )
  })
})
