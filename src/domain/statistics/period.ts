import {
  daysBetween,
  type LocalDate,
  localDate,
  plusDays,
  plusYears,
  tryParseLocalDate,
} from '../calendar/local-date.ts'

/** How a period was chosen; the previous period of a month is the month before, of a custom range its length before. */
export type PeriodKind = 'MONTH' | 'QUARTER' | 'HALF' | 'YEAR' | 'CUSTOM'

/** A range of Asia/Shanghai dates, `from` included and `to` excluded; tickets count by the date they were received. */
export interface StatisticsPeriod {
  kind: PeriodKind
  from: LocalDate
  /** Exclusive. */
  to: LocalDate
}

/** The earliest year statistics are asked for; anything before is a typo. */
export const FIRST_STATISTICS_YEAR = 2019

/** Month `month` (1–12) of `year`. */
export function monthPeriod(year: number, month: number): StatisticsPeriod {
  const to = month === 12 ? localDate(year + 1, 1, 1) : localDate(year, month + 1, 1)
  return { kind: 'MONTH', from: localDate(year, month, 1), to }
}

/** Quarter `quarter` (1–4) of `year`. */
export function quarterPeriod(year: number, quarter: number): StatisticsPeriod {
  const first = (quarter - 1) * 3 + 1
  const to = quarter === 4 ? localDate(year + 1, 1, 1) : localDate(year, first + 3, 1)
  return { kind: 'QUARTER', from: localDate(year, first, 1), to }
}

/** 上半年 (half 1: January–June) or 下半年 (half 2: July–December) of `year`. */
export function halfPeriod(year: number, half: 1 | 2): StatisticsPeriod {
  return half === 1
    ? { kind: 'HALF', from: localDate(year, 1, 1), to: localDate(year, 7, 1) }
    : { kind: 'HALF', from: localDate(year, 7, 1), to: localDate(year + 1, 1, 1) }
}

/** A calendar year. */
export function yearPeriod(year: number): StatisticsPeriod {
  return { kind: 'YEAR', from: localDate(year, 1, 1), to: localDate(year + 1, 1, 1) }
}

/** A custom range, both ends included as people write them (`2026-01-01 2026-06-30`). */
export function customPeriod(first: LocalDate, last: LocalDate): StatisticsPeriod {
  return { kind: 'CUSTOM', from: first, to: plusDays(last, 1) }
}

/** The last day of the period (inclusive), as people write it. */
export function lastDayOf(period: StatisticsPeriod): LocalDate {
  return plusDays(period.to, -1)
}

const parts = (date: LocalDate) => ({ year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) })

/** The month `today` is in. */
export function thisMonth(today: LocalDate): StatisticsPeriod {
  const { year, month } = parts(today)
  return monthPeriod(year, month)
}

/** The month before the one `today` is in. */
export function lastMonth(today: LocalDate): StatisticsPeriod {
  const { year, month } = parts(today)
  return month === 1 ? monthPeriod(year - 1, 12) : monthPeriod(year, month - 1)
}

/** The quarter `today` is in. */
export function thisQuarter(today: LocalDate): StatisticsPeriod {
  const { year, month } = parts(today)
  return quarterPeriod(year, Math.ceil(month / 3))
}

/**
 * The period just before: the month, quarter, half or year before, or a custom range of the same length ending
 * where this one starts.
 */
export function previousPeriod(period: StatisticsPeriod): StatisticsPeriod {
  const { year, month } = parts(period.from)
  switch (period.kind) {
    case 'MONTH':
      return month === 1 ? monthPeriod(year - 1, 12) : monthPeriod(year, month - 1)
    case 'QUARTER':
      return month === 1 ? quarterPeriod(year - 1, 4) : quarterPeriod(year, (month - 1) / 3)
    case 'HALF':
      return month === 1 ? halfPeriod(year - 1, 2) : halfPeriod(year, 1)
    case 'YEAR':
      return yearPeriod(year - 1)
    case 'CUSTOM':
      return { kind: 'CUSTOM', from: plusDays(period.from, -daysBetween(period.from, period.to)), to: period.from }
  }
}

/** The same period a year earlier (同比). */
export function yearEarlier(period: StatisticsPeriod): StatisticsPeriod {
  return { kind: period.kind, from: plusYears(period.from, -1), to: plusYears(period.to, -1) }
}

export type ParsePeriodResult =
  | { ok: true; period: StatisticsPeriod }
  | { ok: false; reason: 'UNREADABLE' | 'OUT_OF_RANGE' }

const MONTH = /^(\d{4})-(\d{1,2})$/
const QUARTER = /^(\d{4})\s*-?\s*(?:Q|q|第)([1-4])(?:季度)?$/
const HALF = /^(\d{4})\s*(?:年)?\s*(?:-?H([12])|(上半年|下半年))$/
const YEAR = /^(\d{4})(?:年)?$/
const RANGE = /^(\d{4}-\d{2}-\d{2})\s*(?:\s|~|～|至|到|—|--)\s*(\d{4}-\d{2}-\d{2})$/

/**
 * Reads a period as staff type it after /stats or /summary: nothing (this month), `本月`/`month`, `上月`/`last`,
 * `2026-03`, `2026Q1`, `2026上半年`/`2026H2`, `2026`, or `2026-01-01 2026-06-30`. Dates after `today` are refused.
 */
export function parsePeriod(text: string, today: LocalDate): ParsePeriodResult {
  const input = text.trim()
  const period = readPeriod(input, today)
  if (period === undefined) return { ok: false, reason: 'UNREADABLE' }
  const year = Number(period.from.slice(0, 4))
  if (year < FIRST_STATISTICS_YEAR || period.from > today || period.to <= period.from)
    return { ok: false, reason: 'OUT_OF_RANGE' }
  return { ok: true, period }
}

function readPeriod(input: string, today: LocalDate): StatisticsPeriod | undefined {
  const lower = input.toLowerCase()
  if (lower === '' || lower === '本月' || lower === 'month' || lower === 'this month') return thisMonth(today)
  if (lower === '上月' || lower === 'last' || lower === 'last month') return lastMonth(today)
  if (lower === '本季度' || lower === 'quarter') return thisQuarter(today)
  if (lower === '今年' || lower === '本年' || lower === 'year') return yearPeriod(parts(today).year)
  for (const [pattern, read] of TYPED_PERIODS) {
    const match = pattern.exec(input)
    if (match) return read(match)
  }
  return undefined
}

/** The typed forms of a period, tried in order: a month, a quarter, a half-year, a year, a range of dates. */
const TYPED_PERIODS: ReadonlyArray<readonly [RegExp, (match: RegExpExecArray) => StatisticsPeriod | undefined]> = [
  [
    MONTH,
    (match) => {
      const month = Number(match[2])
      return month >= 1 && month <= 12 ? monthPeriod(Number(match[1]), month) : undefined
    },
  ],
  [QUARTER, (match) => quarterPeriod(Number(match[1]), Number(match[2]))],
  [
    HALF,
    (match) => {
      const half = match[2] ? Number(match[2]) : match[3] === '上半年' ? 1 : 2
      return halfPeriod(Number(match[1]), half as 1 | 2)
    },
  ],
  [YEAR, (match) => yearPeriod(Number(match[1]))],
  [
    RANGE,
    (match) => {
      const first = tryParseLocalDate(match[1] ?? '')
      const last = tryParseLocalDate(match[2] ?? '')
      if (!first || !last || last < first) return undefined
      return customPeriod(first, last)
    },
  ],
]

/** A short, stable text for a period (callback data, job ids, the posting record): `M2026-03`, `C2026-01-01_2026-06-30`. */
export function periodKey(period: StatisticsPeriod): string {
  const { year, month } = parts(period.from)
  switch (period.kind) {
    case 'MONTH':
      return `M${year}-${String(month).padStart(2, '0')}`
    case 'QUARTER':
      return `Q${year}-${(month - 1) / 3 + 1}`
    case 'HALF':
      return `H${year}-${month === 1 ? 1 : 2}`
    case 'YEAR':
      return `Y${year}`
    case 'CUSTOM':
      return `C${period.from}_${lastDayOf(period)}`
  }
}

const KEY = /^(?:M(\d{4})-(\d{2})|Q(\d{4})-([1-4])|H(\d{4})-([12])|Y(\d{4})|C(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2}))$/

/** The period of a {@link periodKey}, or undefined for anything else. */
export function periodFromKey(key: string): StatisticsPeriod | undefined {
  const m = KEY.exec(key)
  if (!m) return undefined
  if (m[1]) {
    const month = Number(m[2])
    return month >= 1 && month <= 12 ? monthPeriod(Number(m[1]), month) : undefined
  }
  if (m[3]) return quarterPeriod(Number(m[3]), Number(m[4]))
  if (m[5]) return halfPeriod(Number(m[5]), Number(m[6]) as 1 | 2)
  if (m[7]) return yearPeriod(Number(m[7]))
  const first = tryParseLocalDate(m[8] ?? '')
  const last = tryParseLocalDate(m[9] ?? '')
  return first && last && first <= last ? customPeriod(first, last) : undefined
}
