import { isWeekend, type LocalDate, tryParseLocalDate, yearOf } from './local-date.ts'
import { statutoryHolidays } from './statutory-holidays.ts'

/** One year of the State Council holiday schedule, every date listed explicitly. */
export interface HolidayYear {
  /** Days off (法定节假日 and the weekend days folded into them). */
  readonly holidays: readonly string[]
  /** Weekend days that are worked (调休上班). */
  readonly makeUpWorkdays: readonly string[]
}

/** The versioned holiday data table, as stored in cn-holidays.json or supplied by an operator. */
export interface HolidayTable {
  readonly version: string
  readonly source: string
  /** Keyed by four-digit year; a year absent here is "unpublished". */
  readonly years: Readonly<Record<string, HolidayYear>>
}

/** A holiday table that passed validation, indexed for lookups. */
export interface ValidatedHolidayTable {
  readonly version: string
  readonly source: string
  readonly publishedYears: ReadonlySet<number>
  readonly holidays: ReadonlySet<LocalDate>
  readonly makeUpWorkdays: ReadonlySet<LocalDate>
}

/** Thrown when a holiday table is malformed; `issues` lists every problem found. */
export class InvalidHolidayTableError extends Error {
  override readonly name = 'InvalidHolidayTableError'
  readonly issues: readonly string[]

  constructor(issues: readonly string[]) {
    super(`Invalid holiday table:\n- ${issues.join('\n- ')}`)
    this.issues = issues
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== ''

/** Checks one list of a year; returns its dates and records problems in `issues`. */
function collectDates(list: unknown, year: number, where: string, issues: string[]): LocalDate[] {
  if (!Array.isArray(list)) {
    issues.push(`${where} must be an array of YYYY-MM-DD dates`)
    return []
  }
  const dates: LocalDate[] = []
  const seen = new Set<string>()
  for (const entry of list as unknown[]) {
    const date = typeof entry === 'string' ? tryParseLocalDate(entry) : undefined
    if (date === undefined) {
      issues.push(`${where}: ${JSON.stringify(entry)} is not a real YYYY-MM-DD date`)
    } else if (yearOf(date) !== year) {
      issues.push(`${where}: ${date} is outside year ${year}`)
    } else if (seen.has(date)) {
      issues.push(`${where}: ${date} is listed twice`)
    } else {
      seen.add(date)
      dates.push(date)
    }
  }
  return dates
}

/**
 * Validates a holiday table (accepts any parsed JSON) and indexes it.
 *
 * Rejects: missing version/source, year keys that are not four digits, invalid or
 * out-of-year dates, duplicates, a date that is both a holiday and a make-up
 * workday, and make-up workdays that are not Saturday or Sunday.
 * @throws InvalidHolidayTableError listing every problem found.
 */
export function validateHolidayTable(table: unknown): ValidatedHolidayTable {
  const issues: string[] = []
  if (!isObject(table)) throw new InvalidHolidayTableError(['the table must be an object'])
  if (!isNonEmptyString(table.version)) issues.push('"version" must be a non-empty string')
  if (!isNonEmptyString(table.source)) issues.push('"source" must be a non-empty string')
  if (!isObject(table.years)) throw new InvalidHolidayTableError([...issues, '"years" must be an object keyed by year'])

  const publishedYears = new Set<number>()
  const holidays = new Set<LocalDate>()
  const makeUpWorkdays = new Set<LocalDate>()
  for (const [key, entry] of Object.entries(table.years)) {
    if (!/^\d{4}$/.test(key)) {
      issues.push(`year key "${key}" must be a four-digit year`)
      continue
    }
    if (!isObject(entry)) {
      issues.push(`years.${key} must be an object with "holidays" and "makeUpWorkdays"`)
      continue
    }
    const year = Number(key)
    publishedYears.add(year)
    const yearHolidays = collectDates(entry.holidays, year, `years.${key}.holidays`, issues)
    const yearMakeUps = collectDates(entry.makeUpWorkdays, year, `years.${key}.makeUpWorkdays`, issues)
    for (const date of yearHolidays) holidays.add(date)
    for (const date of yearMakeUps) {
      if (holidays.has(date)) issues.push(`${date} is both a holiday and a make-up workday`)
      if (!isWeekend(date))
        issues.push(`years.${key}.makeUpWorkdays: ${date} is a weekday, so it cannot be a make-up workday`)
      makeUpWorkdays.add(date)
    }
  }

  if (issues.length > 0) throw new InvalidHolidayTableError(issues)
  return {
    version: table.version as string,
    source: table.source as string,
    publishedYears,
    holidays,
    makeUpWorkdays,
  }
}

/** One year of the State Council notice, as `npm run admin -- holidays import <file.json>` reads it. */
export interface HolidayYearFile {
  readonly year: number
  /** The notice the dates come from, e.g. 国务院办公厅关于2027年部分节假日安排的通知. */
  readonly source: string
  readonly holidays: readonly LocalDate[]
  readonly makeUpWorkdays: readonly LocalDate[]
}

/** The first year of the 13 statutory days off (the 2024 revision of 《全国年节及纪念日放假办法》, in force 2025). */
const STATUTORY_DAYS_SINCE = 2025

/**
 * Validates an import file `{ year, source, holidays: [...], makeUpWorkdays: [...] }` with the table's rules (every
 * date real and in its year, none twice, none both a holiday and a make-up workday, make-up days on a weekend, the
 * source notice named), and, from 2025, every statutory day off among the holidays.
 * @throws InvalidHolidayTableError listing every problem found.
 */
export function validateHolidayYearFile(file: unknown): HolidayYearFile {
  if (!isObject(file))
    throw new InvalidHolidayTableError(['the file must be an object { year, source, holidays, makeUpWorkdays }'])
  const year = typeof file.year === 'number' ? file.year : Number.NaN
  if (!Number.isInteger(year) || year < 2000 || year > 2199) {
    throw new InvalidHolidayTableError(['"year" must be a four-digit year (a number)'])
  }
  const table = validateHolidayTable({
    version: `import-${year}`,
    source: file.source,
    years: { [String(year)]: { holidays: file.holidays, makeUpWorkdays: file.makeUpWorkdays } },
  })
  // A notice always gives the statutory days off: a file without one of them is not the notice (an empty list would
  // otherwise make 春节 a working day and every date counted through it final).
  const missing = year >= STATUTORY_DAYS_SINCE ? [...statutoryHolidays(year)].filter((d) => !table.holidays.has(d)) : []
  if (missing.length > 0)
    throw new InvalidHolidayTableError([
      `"holidays" lacks statutory days off of ${year} (《全国年节及纪念日放假办法》): ${missing.sort().join(', ')}`,
    ])
  return {
    year,
    source: table.source,
    holidays: [...table.holidays].sort(),
    makeUpWorkdays: [...table.makeUpWorkdays].sort(),
  }
}
