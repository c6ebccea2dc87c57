import { describe, expect, it } from 'vitest'
import { parseIncidentDate } from '../../../src/domain/intake/incident-date.ts'

const TODAY = '2026-11-28'

function expectDate(input: string, date: string, today = TODAY, timeBarred = false): void {
  expect(parseIncidentDate(input, today)).toEqual({ ok: true, value: { date, timeBarred } })
}

describe('parseIncidentDate: formats', () => {
  it.each([
    '2026-11-03',
    '2026/11/3',
    '2026.11.3',
    '2026年11月3日',
    '2026年11月3号',
    '2026 年 11 月 3 日',
    '20261103',
    '２０２６－１１－０３',
    '11月3日',
    '11月3号',
    '11-03',
    '11/3',
    '2026-11-03。',
  ])('parses %j as 2026-11-03', (input) => expectDate(input, '2026-11-03'))

  it('understands today, yesterday and the day before', () => {
    expectDate('今天', TODAY)
    expectDate('Today', TODAY)
    expectDate('昨天', '2026-11-27')
    expectDate('yesterday', '2026-11-27')
    expectDate('前天', '2026-11-26')
    expectDate('昨天', '2026-02-28', '2026-03-01')
    expectDate('前天', '2025-12-31', '2026-01-02')
  })

  it('puts a month-day in the previous year when this year it would be in the future', () => {
    expectDate('12月25日', '2025-12-25')
    expectDate('11-29', '2025-11-29')
    expectDate('11-28', '2026-11-28')
  })

  it('accepts a leap day in a leap year', () => {
    expectDate('2024-02-29', '2024-02-29')
  })
})

describe('parseIncidentDate: errors', () => {
  it('rejects blank input with EMPTY', () => {
    expect(parseIncidentDate('  ', TODAY)).toEqual({ ok: false, error: 'EMPTY' })
  })

  it.each(['last week', '2026-11', '3日', 'abc', '26-11-03', '2026-11-03 10:00'])(
    'rejects %j with UNPARSEABLE',
    (input) => {
      expect(parseIncidentDate(input, TODAY)).toEqual({ ok: false, error: 'UNPARSEABLE' })
    },
  )

  it.each(['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-04-31', '13月1日', '2月30日', '0000-01-01'])(
    'rejects %j with INVALID_DATE',
    (input) => expect(parseIncidentDate(input, TODAY)).toEqual({ ok: false, error: 'INVALID_DATE' }),
  )

  it('rejects a date after today with IN_FUTURE', () => {
    expect(parseIncidentDate('2026-11-29', TODAY)).toEqual({ ok: false, error: 'IN_FUTURE' })
    expect(parseIncidentDate('2030-01-01', TODAY)).toEqual({ ok: false, error: 'IN_FUTURE' })
  })

  it.each(['明天', '后天', 'Tomorrow', 'the day after tomorrow'])(
    'rejects %j with IN_FUTURE, not as unreadable',
    (input) => {
      expect(parseIncidentDate(input, TODAY)).toEqual({ ok: false, error: 'IN_FUTURE' })
    },
  )

  it('throws on an invalid today', () => {
    expect(() => parseIncidentDate('今天', '2026-02-30')).toThrow(RangeError)
    expect(() => parseIncidentDate('今天', '28.11.2026')).toThrow(RangeError)
  })
})

describe('parseIncidentDate: 3-year time bar', () => {
  it('is not barred exactly 3 years ago', () => {
    expectDate('2023-11-28', '2023-11-28', TODAY, false)
  })

  it('is barred 3 years and 1 day ago', () => {
    expectDate('2023-11-27', '2023-11-27', TODAY, true)
  })

  it('treats a leap-day incident as expiring on 28 February', () => {
    expectDate('2024-02-29', '2024-02-29', '2027-02-28', false)
    expectDate('2024-02-29', '2024-02-29', '2027-03-01', true)
  })

  it('is not barred for recent dates', () => {
    expectDate('今天', TODAY, TODAY, false)
  })
})

describe('parseIncidentDate: long input', () => {
  it('rejects pasted text over 64 characters with UNPARSEABLE', () => {
    expect(parseIncidentDate(`2026-11-03${' '.repeat(50_000)}x`, TODAY)).toEqual({ ok: false, error: 'UNPARSEABLE' })
  })
})
