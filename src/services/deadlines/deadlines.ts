import type { Database } from '../../db/client.ts'
import { validateHolidayYearFile } from '../../domain/calendar/holiday-table.ts'
import { type LocalDate, localDateOf } from '../../domain/calendar/local-date.ts'
import type { Logger } from '../../logging/logger.ts'
import type { Outbox } from '../outbox/outbox.ts'
import { createClockPauses } from './clock-pauses.ts'
import { runDeadlineDay } from './deadline-day.ts'
import { dueLines } from './due-list.ts'
import { missingNextYear, refreshHolidayCalendar, showHolidayYear, storeHolidayYear } from './holiday-calendar.ts'
import { recomputeDueDates } from './recompute-due-dates.ts'

export interface DeadlineDeps {
  db: Database
  outbox: Outbox
  log: Logger
  /** The clock; tests pass a controlled one. */
  now?: () => Date
  /** Full working days between the early reminder and the due day (default 2). */
  leadWorkingDays?: number
}

/** Deadlines at work: the day's reminders, digests and supervision, pauses, the holiday calendar, /due. */
export function createDeadlines(deps: DeadlineDeps) {
  const now = deps.now ?? (() => new Date())
  const { db } = deps
  return {
    now,
    pauses: createClockPauses(deps),

    /** Installs the calendar with the imported years (at start, and before each day's work). */
    refreshCalendar: () => refreshHolidayCalendar(db),

    /** The day's deadline work for the Asia/Shanghai day of `now()` (or `day`); done once across processes. */
    async runDay(day: LocalDate = localDateOf(now())) {
      await refreshHolidayCalendar(db)
      return runDeadlineDay({ ...deps, lead: deps.leadWorkingDays }, day, now())
    },

    /** The due list of a station's group or of a liaison, for /due. */
    async dueList(scope: { stationId: string } | { liaisonId: number }, day: LocalDate = localDateOf(now())) {
      await refreshHolidayCalendar(db)
      return dueLines(db, scope, day, deps.leadWorkingDays)
    },

    showYear: (year: number) => showHolidayYear(db, year),

    /**
     * Validates and stores a year of the State Council notice, then recounts the stored provisional due dates.
     * @throws InvalidHolidayTableError listing every problem of the file.
     */
    async importYear(file: unknown, importedBy: string) {
      const year = validateHolidayYearFile(file)
      await storeHolidayYear(db, year, importedBy, now())
      const recomputed = await recomputeDueDates(deps, year.year, now())
      return {
        year: year.year,
        holidays: year.holidays.length,
        makeUpWorkdays: year.makeUpWorkdays.length,
        ...recomputed,
      }
    },

    /** The year whose schedule is missing (from 1 November), or null. */
    async missingYear(): Promise<number | null> {
      return missingNextYear(await refreshHolidayCalendar(db), now())
    },
  }
}

export type Deadlines = ReturnType<typeof createDeadlines>
