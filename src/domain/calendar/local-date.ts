/**
 * A calendar date in Asia/Shanghai, as an ISO `YYYY-MM-DD` string.
 *
 * Branded so that arbitrary strings cannot be passed where a validated date is
 * expected; create one with {@link parseLocalDate}, {@link localDate} or
 * {@link localDateOf}. Plain string comparison orders LocalDates chronologically.
 */
export type LocalDate = string & { readonly __brand: 'LocalDate' }

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7

// China has kept a fixed UTC+8 with no DST since 1991, so a fixed offset is exact
// for every date we handle and does not depend on the runtime's ICU time-zone data.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000
const MS_PER_DAY = 24 * 60 * 60 * 1000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Days since 1970-01-01 for a valid LocalDate (the value is trusted). */
function epochDay(date: LocalDate): number {
  return Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY
}

function fromEpochDay(day: number): LocalDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10) as LocalDate
}

/** Returns the LocalDate for `value` if it is a real `YYYY-MM-DD` date, otherwise undefined. */
export function tryParseLocalDate(value: string): LocalDate | undefined {
  const match = ISO_DATE.exec(value)
  if (!match) return undefined
  const [, y, m, d] = match
  const year = Number(y)
  const month = Number(m)
  const day = Number(d)
  const probe = new Date(Date.UTC(year, month - 1, day))
  // Date.UTC rolls 2026-02-30 over to March; a round trip catches that.
  const real = probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day
  return real ? (value as LocalDate) : undefined
}

/** Type guard: true if `value` is a real `YYYY-MM-DD` date. */
export function isLocalDate(value: string): value is LocalDate {
  return tryParseLocalDate(value) !== undefined
}

/**
 * Parses a `YYYY-MM-DD` string.
 * @throws RangeError if the string is not a real calendar date.
 */
export function parseLocalDate(value: string): LocalDate {
  const date = tryParseLocalDate(value)
  if (date === undefined) throw new RangeError(`Invalid local date "${value}": expected a real date as YYYY-MM-DD`)
  return date
}

/**
 * Builds a LocalDate from its parts (month 1–12).
 * @throws RangeError if the parts do not form a real date.
 */
export function localDate(year: number, month: number, day: number): LocalDate {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  return parseLocalDate(text)
}

/**
 * The Asia/Shanghai calendar date of an instant.
 * @throws RangeError on an invalid Date.
 */
export function localDateOf(instant: Date): LocalDate {
  const ms = instant.getTime()
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date: cannot take its Asia/Shanghai date')
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10) as LocalDate
}

/** The day a PostgreSQL DATE column stores, as Prisma reads it (that day's midnight UTC). */
export function dayOfDateColumn(date: Date): LocalDate {
  return date.toISOString().slice(0, 10) as LocalDate
}

/** The instant at which `date` begins in Asia/Shanghai (00:00 UTC+8). */
export function startOfLocalDay(date: LocalDate): Date {
  return new Date(epochDay(date) * MS_PER_DAY - SHANGHAI_OFFSET_MS)
}

/** Calendar year of a LocalDate. */
export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4))
}

/** Shifts a date by `days` calendar days (negative goes back). Plain arithmetic, no holiday rule. */
export function plusDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`Day count must be an integer, got ${days}`)
  return fromEpochDay(epochDay(date) + days)
}

/**
 * Shifts a date by whole years, landing on the same month and day; when that day
 * does not exist (29 Feb), the last day of the month is used (民法典 Art. 202).
 */
export function plusYears(date: LocalDate, years: number): LocalDate {
  if (!Number.isInteger(years)) throw new RangeError(`Year count must be an integer, got ${years}`)
  const year = yearOf(date) + years
  const month = Number(date.slice(5, 7))
  const day = Number(date.slice(8, 10))
  return tryParseLocalDate(`${String(year).padStart(4, '0')}${date.slice(4)}`) ?? localDate(year, month, day - 1)
}

/** Number of calendar days from `from` to `to` (negative if `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return epochDay(to) - epochDay(from)
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function dayOfWeek(date: LocalDate): IsoWeekday {
  const sundayBased = new Date(epochDay(date) * MS_PER_DAY).getUTCDay()
  return (sundayBased === 0 ? 7 : sundayBased) as IsoWeekday
}

/** True on Saturday and Sunday. */
export function isWeekend(date: LocalDate): boolean {
  return dayOfWeek(date) >= 6
}

/** Orders two dates: negative if `a` is earlier, 0 if equal, positive if later. */
export function compareLocalDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0
}
