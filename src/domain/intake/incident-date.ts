/**
 * The date the incident happened (or the harm became known), as a plain `YYYY-MM-DD` string.
 */
import { toHalfWidth } from './normalize.ts'

/** Complaints are barred 3 years after the harm became known (old Art. 15(4), new Art. 16(4)). */
export const TIME_BAR_YEARS = 3

/** Stable error codes of {@link parseIncidentDate}. */
export const INCIDENT_DATE_ERROR_CODES = [
  /** Nothing was entered. */
  'EMPTY',
  /** Not a recognized date format. */
  'UNPARSEABLE',
  /** A recognized format but no such calendar day, e.g. `2026-02-30`, `13月1日`. */
  'INVALID_DATE',
  /** After today. */
  'IN_FUTURE',
] as const

export type IncidentDateErrorCode = (typeof INCIDENT_DATE_ERROR_CODES)[number]

export interface IncidentDate {
  /** `YYYY-MM-DD`. */
  date: string
  /**
   * More than {@link TIME_BAR_YEARS} years before today. Not an error: the bot offers an inquiry
   * instead of a complaint.
   */
  timeBarred: boolean
}

export type ParseIncidentDateResult = { ok: true; value: IncidentDate } | { ok: false; error: IncidentDateErrorCode }

/** Longer input is not a date (and would make the patterns below slow). */
const MAX_INPUT_LENGTH = 64

interface Ymd {
  year: number
  month: number
  day: number
}

const RELATIVE_DAYS: ReadonlyMap<string, number> = new Map([
  ['今天', 0],
  ['今日', 0],
  ['today', 0],
  ['昨天', 1],
  ['昨日', 1],
  ['yesterday', 1],
  ['前天', 2],
  ['前日', 2],
  ['day before yesterday', 2],
  ['the day before yesterday', 2],
])

/** Days after today: a date, but one that cannot have happened yet. */
const FUTURE_DAYS: ReadonlySet<string> = new Set([
  '明天',
  '明日',
  '后天',
  '後天',
  '大后天',
  'tomorrow',
  'day after tomorrow',
  'the day after tomorrow',
])

const FULL_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号號]?$/
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/
const MONTH_DAY = /^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号號]?$/

/**
 * Parses the incident date relative to `today` (the local date in the bot's time zone).
 *
 * Accepts `2026-11-03`, `2026/11/3`, `2026.11.3`, `2026年11月3日`, `20261103`, `11月3日`, `11-03`,
 * `11/3` (month first; without a year: this year, or last year if that would be in the future),
 * `今天`/`today`, `昨天`/`yesterday`, `前天`. Full-width digits are accepted. `明天`/`tomorrow`,
 * `后天` are dates too, refused as `IN_FUTURE` like any later date.
 *
 * `timeBarred` is true when today is past the last day of the 3-year period that starts the day
 * after the incident (民法典 Arts. 201–202: the anniversary, or the month's last day if it has
 * none). So exactly 3 years ago is not barred; 3 years and 1 day ago is.
 *
 * @param today `YYYY-MM-DD`.
 * @throws RangeError if `today` is not a valid `YYYY-MM-DD` date.
 */
export function parseIncidentDate(input: string, today: string): ParseIncidentDateResult {
  const todayYmd = parseIsoDate(today)
  if (todayYmd === null) throw new RangeError(`parseIncidentDate: invalid today ${JSON.stringify(today)}`)

  const text = toHalfWidth(input)
    .trim()
    .replace(/[。.]+$/, '')
    .replace(/\s+/g, ' ')
    .toLowerCase()
  if (text === '') return { ok: false, error: 'EMPTY' }
  if (text.length > MAX_INPUT_LENGTH) return { ok: false, error: 'UNPARSEABLE' }

  let date: Ymd
  const relative = RELATIVE_DAYS.get(text)
  const full = FULL_DATE.exec(text) ?? COMPACT_DATE.exec(text)
  const monthDay = MONTH_DAY.exec(text)
  if (FUTURE_DAYS.has(text)) return { ok: false, error: 'IN_FUTURE' }
  if (relative !== undefined) {
    date = addDays(todayYmd, -relative)
  } else if (full) {
    date = { year: Number(full[1]), month: Number(full[2]), day: Number(full[3]) }
  } else if (monthDay) {
    const month = Number(monthDay[1])
    const day = Number(monthDay[2])
    const laterThisYear = month > todayYmd.month || (month === todayYmd.month && day > todayYmd.day)
    date = { year: laterThisYear ? todayYmd.year - 1 : todayYmd.year, month, day }
  } else {
    return { ok: false, error: 'UNPARSEABLE' }
  }

  if (!isValidYmd(date)) return { ok: false, error: 'INVALID_DATE' }
  const iso = formatIsoDate(date)
  if (iso > today) return { ok: false, error: 'IN_FUTURE' }

  const lastDayBeforeBar = formatIsoDate(addYearsClamped(date, TIME_BAR_YEARS))
  return { ok: true, value: { date: iso, timeBarred: today > lastDayBeforeBar } }
}

function parseIsoDate(iso: string): Ymd | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!match) return null
  const ymd = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }
  return isValidYmd(ymd) ? ymd : null
}

function formatIsoDate({ year, month, day }: Ymd): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

function isValidYmd({ year, month, day }: Ymd): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

function addDays(date: Ymd, days: number): Ymd {
  const utc = new Date(0)
  utc.setUTCFullYear(date.year, date.month - 1, date.day + days)
  return { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() }
}

function addYearsClamped(date: Ymd, years: number): Ymd {
  const year = date.year + years
  return { year, month: date.month, day: Math.min(date.day, daysInMonth(year, date.month)) }
}
