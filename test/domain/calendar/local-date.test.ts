import { describe, expect, it } from 'vitest'
import {
  compareLocalDates,
  dayOfWeek,
  daysBetween,
  isLocalDate,
  localDate,
  localDateOf,
  parseLocalDate,
  plusDays,
  plusYears,
  startOfLocalDay,
  yearOf,
} from '../../../src/domain/calendar/local-date.ts'

const d = parseLocalDate

describe('localDateOf', () => {
  it('takes the Asia/Shanghai date, which is already the next day from 16:00 UTC', () => {
    expect(localDateOf(new Date('2026-04-14T15:59:59.999Z'))).toBe('2026-04-14')
    expect(localDateOf(new Date('2026-04-14T16:00:00Z'))).toBe('2026-04-15')
    expect(localDateOf(new Date('2026-04-14T16:30:00Z'))).toBe('2026-04-15')
  })

  it('crosses the year boundary in Shanghai before UTC does', () => {
    expect(localDateOf(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01')
  })

  it('rejects an invalid Date', () => {
    expect(() => localDateOf(new Date('nonsense'))).toThrow(RangeError)
  })
})

describe('parsing', () => {
  it('accepts real dates, including 29 February in a leap year', () => {
    expect(parseLocalDate('2024-02-29')).toBe('2024-02-29')
    expect(isLocalDate('2026-10-13')).toBe(true)
  })

  it('rejects dates that do not exist or are not zero-padded ISO', () => {
    for (const text of ['2026-02-29', '2026-04-31', '2026-13-01', '2026-4-1', '2026/04/01', '', '2026-04-01T00:00']) {
      expect(isLocalDate(text)).toBe(false)
      expect(() => parseLocalDate(text)).toThrow(/Invalid local date/)
    }
  })

  it('builds a date from its parts', () => {
    expect(localDate(2026, 4, 5)).toBe('2026-04-05')
    expect(() => localDate(2026, 2, 30)).toThrow(RangeError)
  })
})

describe('arithmetic', () => {
  it('adds calendar days across month, year and leap-day boundaries', () => {
    expect(plusDays(d('2025-12-31'), 1)).toBe('2026-01-01')
    expect(plusDays(d('2024-03-01'), -1)).toBe('2024-02-29')
    expect(plusDays(d('2026-08-05'), 60)).toBe('2026-10-04')
  })

  it('adds years to the corresponding day, or the month end when there is none', () => {
    expect(plusYears(d('2023-05-10'), 3)).toBe('2026-05-10')
    expect(plusYears(d('2024-02-29'), 3)).toBe('2027-02-28')
    expect(plusYears(d('2024-02-29'), 4)).toBe('2028-02-29')
  })

  it('counts calendar days between dates, negative backwards', () => {
    expect(daysBetween(d('2026-09-28'), d('2026-10-13'))).toBe(15)
    expect(daysBetween(d('2026-10-13'), d('2026-09-28'))).toBe(-15)
  })

  it('gives the ISO weekday', () => {
    expect(dayOfWeek(d('2026-09-28'))).toBe(1)
    expect(dayOfWeek(d('2026-02-14'))).toBe(6)
    expect(dayOfWeek(d('2026-09-20'))).toBe(7)
    expect(dayOfWeek(d('2027-01-01'))).toBe(5)
  })

  it('orders dates chronologically', () => {
    expect(compareLocalDates(d('2026-04-14'), d('2026-04-15'))).toBe(-1)
    expect(compareLocalDates(d('2026-04-15'), d('2026-04-15'))).toBe(0)
    expect(compareLocalDates(d('2027-01-01'), d('2026-12-31'))).toBe(1)
  })

  it('knows the year and the instant the local day starts', () => {
    expect(yearOf(d('2026-04-15'))).toBe(2026)
    expect(startOfLocalDay(d('2026-04-15')).toISOString()).toBe('2026-04-14T16:00:00.000Z')
  })
})
