import type { Database } from '../../db/client.ts'
import { queryRows } from '../../db/sql.ts'
import type { HolidayYear, HolidayYearFile } from '../../domain/calendar/holiday-table.ts'
import { type LocalDate, localDateOf, yearOf } from '../../domain/calendar/local-date.ts'
import { statutoryHolidays } from '../../domain/calendar/statutory-holidays.ts'
import {
  activeWorkingDayCalendar,
  cnHolidayTable,
  createWorkingDayCalendar,
  useWorkingDayCalendar,
  type WorkingDayCalendar,
  withImportedYears,
} from '../../domain/calendar/working-day-calendar.ts'

const iso = (date: Date) => date.toISOString().slice(0, 10)

// Plain SQL: every process reads these at start and every five minutes, and through Prisma that alone would load
// its query compiler into a bot that has not needed it yet (docs/performance.md, "Memory").
const STORED_VERSION = {
  name: 'holiday_year_version',
  // The dates themselves, not only when they were imported: a corrected notice changes the version whenever it lands.
  text: `SELECT count(*)::text || '@' || coalesce(md5(string_agg(year::text || holidays::text || make_up_workdays::text,
           ';' ORDER BY year)), '-') AS version FROM holiday_year`,
}
const STORED_YEARS = {
  name: 'holiday_year_rows',
  text: `SELECT year, to_json(holidays::text[])::text AS holidays, to_json(make_up_workdays::text[])::text AS make_up
           FROM holiday_year`,
}

/** A fingerprint of the stored years: the calendar is rebuilt when it changes. */
async function storedVersion(db: Database): Promise<string> {
  const [row] = await queryRows<{ version: string }>(db, STORED_VERSION, [])
  return `${cnHolidayTable.version}+db:${row?.version ?? '0@-'}`
}

async function storedYears(db: Database): Promise<Record<string, HolidayYear>> {
  const rows = await queryRows<{ year: number; holidays: string; make_up: string }>(db, STORED_YEARS, [])
  return Object.fromEntries(
    rows.map((row) => [
      String(row.year),
      { holidays: JSON.parse(row.holidays) as string[], makeUpWorkdays: JSON.parse(row.make_up) as string[] },
    ]),
  )
}

/**
 * Builds the calendar from the bundled table and the imported years (holiday_year) and installs it as the process's
 * calendar (activeWorkingDayCalendar), unless the one installed was built from the same stored years (its version is
 * their fingerprint). Cheap when nothing changed.
 */
export async function refreshHolidayCalendar(db: Database): Promise<WorkingDayCalendar> {
  const version = await storedVersion(db)
  if (activeWorkingDayCalendar().version !== version) {
    const years = await storedYears(db)
    useWorkingDayCalendar(createWorkingDayCalendar(withImportedYears(cnHolidayTable, years, version)))
  }
  return activeWorkingDayCalendar()
}

/** What `holidays show <year>` prints. */
export interface HolidayYearView {
  year: number
  /** published: an imported or bundled notice; provisional: only the statutory days are known. */
  state: 'imported' | 'bundled' | 'provisional'
  source: string
  holidays: LocalDate[]
  makeUpWorkdays: LocalDate[]
}

/** The holidays of a year as the bot counts them, and where they come from. */
export async function showHolidayYear(db: Database, year: number): Promise<HolidayYearView> {
  const stored = await db.holidayYear.findUnique({ where: { year } })
  if (stored) {
    return {
      year,
      state: 'imported',
      source: stored.source,
      holidays: stored.holidays.map(iso) as LocalDate[],
      makeUpWorkdays: stored.makeUpWorkdays.map(iso) as LocalDate[],
    }
  }
  const bundled = cnHolidayTable.years[String(year)]
  if (bundled) {
    return {
      year,
      state: 'bundled',
      source: cnHolidayTable.source,
      holidays: [...bundled.holidays] as LocalDate[],
      makeUpWorkdays: [...bundled.makeUpWorkdays] as LocalDate[],
    }
  }
  return {
    year,
    state: 'provisional',
    source: '《全国年节及纪念日放假办法》 (statutory days only)',
    holidays: [...statutoryHolidays(year)].sort(),
    makeUpWorkdays: [],
  }
}

/** Stores an imported year (replacing an earlier import of it) and installs the new calendar. */
export async function storeHolidayYear(
  db: Database,
  file: HolidayYearFile,
  importedBy: string,
  now: Date,
): Promise<void> {
  const data = {
    source: file.source,
    holidays: file.holidays.map((date) => new Date(`${date}T00:00:00Z`)),
    makeUpWorkdays: file.makeUpWorkdays.map((date) => new Date(`${date}T00:00:00Z`)),
    importedAt: now,
    importedBy,
  }
  await db.holidayYear.upsert({ where: { year: file.year }, create: { year: file.year, ...data }, update: data })
  await refreshHolidayCalendar(db)
}

/**
 * The year whose schedule is missing, from 1 November of the year before (when the State Council usually
 * publishes it) while it is not imported; null otherwise.
 */
export function missingNextYear(calendar: WorkingDayCalendar, now: Date): number | null {
  const today = localDateOf(now)
  const next = yearOf(today) + 1
  if (today.slice(5) < '11-01') return null
  return calendar.isYearPublished(next) ? null : next
}
