import { describe, expect, it } from 'vitest'
import {
  cnHolidayTable,
  parseLocalDate as d,
  defaultWorkingDayCalendar,
  plusDays,
} from '../../../src/domain/calendar/index.ts'
import { statutoryHolidays } from '../../../src/domain/calendar/statutory-holidays.ts'

describe('statutoryHolidays (全国年节及纪念日放假办法, 2024 revision)', () => {
  it('gives the 13 days of 2027: 1 Jan, 5–8 Feb, 5 Apr, 1–2 May, 9 Jun, 15 Sep, 1–3 Oct', () => {
    expect([...statutoryHolidays(2027)].sort()).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-04-05',
      '2027-05-01',
      '2027-05-02',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ])
  })

  it('agrees with the published 2026 notice: every statutory day is a holiday there', () => {
    const published = new Set(cnHolidayTable.years['2026']!.holidays)
    expect([...statutoryHolidays(2026)].filter((day) => !published.has(day))).toEqual([])
  })

  it('makes a 2027 date counted without the table skip those days and stay provisional', () => {
    // 7 working days from 2027-09-29: 9-30, (10-1..3 off, 10-2/3 a weekend), 10-4 … 10-8, 10-11.
    const due = defaultWorkingDayCalendar.addWorkingDays(d('2027-09-29'), 7)
    expect(due).toEqual({ date: '2027-10-11', calendarPublished: false })
    expect(defaultWorkingDayCalendar.addWorkingDays(d('2027-02-04'), 1)).toEqual({
      date: '2027-02-09',
      calendarPublished: false,
    })
    expect(defaultWorkingDayCalendar.addWorkingDays(plusDays(d('2027-06-08'), 0), 1).date).toBe('2027-06-10')
  })
})
