import type { Database } from '../../db/client.ts'
import { type LocalDate, localDate, localDateOf, plusDays } from '../../domain/calendar/local-date.ts'
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts'
import { TICKET_DEFINITIONS as D } from '../../domain/statistics/definitions.ts'
import { FIRST_STATISTICS_YEAR } from '../../domain/statistics/period.ts'
import { localDay } from './statistics-queries.ts'

/**
 * The sums each rollup row (and each row read from the tickets in its shape) carries; the figures add them up.
 * `decided_late` is the part of overdue that no longer changes; the rest depends on today and is read from the rows.
 */
export const ROLLUP_MEASURES = [
  'tickets',
  'online',
  'accepted',
  'not_accepted',
  'settled_locally',
  'escalated',
  'agreed',
  'ended',
  'recovered_fen',
  'rating_sum',
  'rating_count',
  'ratings_good',
  'decided_late',
] as const

/** The facets of statistics_month and what key1 (and key2) hold in each. */
export type RollupFacet = 'CATEGORY' | 'AREA' | 'GROUND' | 'DECISION_DAYS' | 'CLOSE_DAYS' | 'WEEK' | 'BUSINESS'

/** Which dates are working days, from before the first statistics year to three years ahead. */
export interface WorkingDayOrdinals {
  version: string
  /** The first date of the range. */
  first: LocalDate
  /** One character per date from `first`: 1 a working day, 0 not. */
  flags: string
}

const ordinalsByCalendar = new WeakMap<WorkingDayCalendar, WorkingDayOrdinals>()

/**
 * The calendar as one short text, so the rollup can store handling times in working days without asking the
 * calendar per ticket: in SQL each date gets its count of working days since `first` (see {@link calendarCte}),
 * and `n(b) - n(a)` is `calendar.workingDaysBetween(a, b)` for a ≤ b. Computed once per calendar.
 */
export function workingDayOrdinals(calendar: WorkingDayCalendar): WorkingDayOrdinals {
  const known = ordinalsByCalendar.get(calendar)
  if (known) return known
  const first = localDate(FIRST_STATISTICS_YEAR - 1, 1, 1)
  const last = localDate(Number(localDateOf(new Date()).slice(0, 4)) + 3, 12, 31)
  let flags = ''
  for (let date: LocalDate = first; date <= last; date = plusDays(date, 1))
    flags += calendar.isWorkingDay(date) ? '1' : '0'
  const result = { version: calendar.version, first, flags }
  ordinalsByCalendar.set(calendar, result)
  return result
}

/**
 * The working-day table as a one-row CTE `cal(first, n)` from the parameters holding `first` and `flags`: `n` is
 * an array of each date's count of working days since `first` (indexed by the date's distance from it, from 1).
 */
export const calendarCte = (firstParam: string, flagsParam: string) =>
  `cal AS MATERIALIZED (SELECT ${firstParam}::date AS first,
    (SELECT array_agg(n ORDER BY i) FROM (SELECT u.i, sum(u.flag::int) OVER (ORDER BY u.i) AS n
      FROM unnest(string_to_array(${flagsParam}::text, NULL)) WITH ORDINALITY AS u(flag, i)) w)::int[] AS n)`

/** The working-day number of a date expression (NULL outside the table). */
const workingDayNumber = (date: string) => `cal.n[${date} - cal.first + 1]`
const received = workingDayNumber(localDay(D.receivedInstant))
/** Working days from receipt to `date` (never below 0), NULL without that date. */
const sinceReceipt = (date: string) =>
  `CASE WHEN ${workingDayNumber(date)} IS NOT NULL AND ${received} IS NOT NULL THEN GREATEST(0, ${workingDayNumber(date)} - ${received}) END`
/** 1 or 0 (a comparison with a missing value counts as 0, never as NULL). */
const flag = (condition: string) => `COALESCE(${condition}, false)::int`

/**
 * Rows in the shape of statistics_month (month, facet, station_id, kind, key1, key2, measures) from the tickets
 * `source` (a FROM list naming complaint `c`) and `where` select. Every definition comes from definitions.ts, so
 * a month rolled up and the same month read from the rows give the same sums. Needs the `cal` CTE.
 */
export function rollupRowsSql(source: string, where: string): string {
  const grouped = (column: string) => `GROUPING(t.${column}) = 0`
  return `
    SELECT month, facet, station_id, kind, key1, key2, ${ROLLUP_MEASURES.join(', ')} FROM (
      SELECT t.month, t.station_id, COALESCE(t.kind, '') AS kind,
        CASE WHEN ${grouped('category')} THEN 'CATEGORY' WHEN ${grouped('area')} THEN 'AREA'
          WHEN ${grouped('ground_of')} THEN 'GROUND' WHEN ${grouped('decision_days')} THEN 'DECISION_DAYS'
          WHEN ${grouped('close_days')} THEN 'CLOSE_DAYS' WHEN ${grouped('week')} THEN 'WEEK' ELSE 'BUSINESS' END AS facet,
        CASE WHEN ${grouped('category')} THEN t.category WHEN ${grouped('area')} THEN t.area
          WHEN ${grouped('ground_of')} THEN t.ground_of WHEN ${grouped('decision_days')} THEN t.decision_days::text
          WHEN ${grouped('close_days')} THEN t.close_days::text WHEN ${grouped('week')} THEN t.week::text
          ELSE t.business END AS key1,
        CASE WHEN ${grouped('ground_of')} THEN COALESCE(t.ground, '') ELSE '' END AS key2,
        count(*)::int AS tickets, sum(t.online)::int AS online, sum(t.accepted)::int AS accepted,
        sum(t.not_accepted)::int AS not_accepted, sum(t.settled_locally)::int AS settled_locally,
        sum(t.escalated)::int AS escalated, sum(t.agreed)::int AS agreed, sum(t.ended)::int AS ended,
        sum(t.recovered)::bigint AS recovered_fen, COALESCE(sum(t.satisfaction), 0)::int AS rating_sum,
        count(t.satisfaction)::int AS rating_count, (count(*) FILTER (WHERE t.satisfaction >= 4))::int AS ratings_good,
        sum(t.decided_late)::int AS decided_late
      FROM (
        SELECT date_trunc('month', c.submitted_at + interval '8 hours')::date AS month,
          COALESCE(c.station_id, '') AS station_id, c.kind::text AS kind, COALESCE(c.category_code, '') AS category,
          COALESCE(c.area_code, '') AS area,
          CASE WHEN ${D.isNotAccepted} THEN 'NOT_ACCEPTED' WHEN ${D.isMediationEnded} THEN 'MEDIATION_ENDED' END AS ground_of,
          c.ground, ${sinceReceipt(localDay(D.decidedInstant))} AS decision_days,
          ${sinceReceipt(localDay(D.closedInstant))} AS close_days,
          date_trunc('week', c.submitted_at + interval '8 hours')::date AS week,
          CASE WHEN ${D.isComplaintOrReport} THEN c.respondent_name END AS business,
          ${flag(D.isOnline)} AS online, ${flag(D.isAccepted)} AS accepted, ${flag(D.isNotAccepted)} AS not_accepted,
          ${flag(D.isSettledLocally)} AS settled_locally, ${flag(D.isEscalated)} AS escalated,
          ${flag(D.isMediationAgreed)} AS agreed, ${flag(D.isMediationEnded)} AS ended,
          COALESCE(c.recovered_fen, 0) AS recovered, c.satisfaction, ${flag(D.isDecidedLate)} AS decided_late
        FROM ${source} CROSS JOIN cal
        WHERE ${D.isTicket} AND (${where})
      ) t
      GROUP BY GROUPING SETS ((t.month, t.station_id, t.kind, t.category), (t.month, t.station_id, t.kind, t.area),
        (t.month, t.station_id, t.kind, t.ground_of, t.ground), (t.month, t.station_id, t.kind, t.decision_days),
        (t.month, t.station_id, t.kind, t.close_days), (t.month, t.station_id, t.kind, t.week),
        (t.month, t.station_id, t.business))
    ) g WHERE key1 IS NOT NULL`
}

/** Months rolled up in one transaction: about a month's tickets each, so a transaction stays short. */
const MONTHS_PER_TRANSACTION = 3
const LOCK = "pg_advisory_xact_lock(hashtext('statistics_month'))"

/**
 * Rolls up again, from the ticket rows, the months with a logged change and the months counted with another
 * calendar (at most `maxMonths`, newest first, a few per transaction); returns how many were rolled.
 *
 * Exact under concurrent writes: the log rows this transaction deletes were committed before the rollup
 * statement's snapshot, so their changes are in it; a change committed later leaves its log row, and the month
 * stays read from the rows until the next run. One roller at a time (an advisory lock).
 */
export async function rollUpChangedMonths(
  db: Database,
  calendar: WorkingDayCalendar,
  { maxMonths = 240 }: { maxMonths?: number } = {},
): Promise<number> {
  const cal = workingDayOrdinals(calendar)
  const months = await db.$queryRawUnsafe<{ month: string }[]>(
    `
    SELECT month::text FROM (
      SELECT DISTINCT date_trunc('month', day::timestamp)::date AS month FROM statistics_dirty_day
      UNION SELECT month FROM statistics_month_state WHERE calendar_version <> $1
    ) m ORDER BY month DESC LIMIT ${maxMonths}`,
    cal.version,
  )
  let rolled = 0
  for (let i = 0; i < months.length; i += MONTHS_PER_TRANSACTION) {
    const list = months.slice(i, i + MONTHS_PER_TRANSACTION).map((m) => m.month)
    await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SELECT ${LOCK}`)
        await tx.$executeRawUnsafe(
          `DELETE FROM statistics_dirty_day d USING unnest($1::date[]) AS m(month)
           WHERE d.day >= m.month AND d.day < (m.month + interval '1 month')::date`,
          list,
        )
        await tx.$executeRawUnsafe('DELETE FROM statistics_month WHERE month = ANY($1::date[])', list)
        await tx.$executeRawUnsafe(
          `
          INSERT INTO statistics_month (month, facet, station_id, kind, key1, key2, ${ROLLUP_MEASURES.join(', ')})
          WITH ${calendarCte('$2', '$3')}
          ${rollupRowsSql(
            `unnest($1::date[]) AS m(month) CROSS JOIN LATERAL (SELECT * FROM complaint c
              WHERE c.submitted_at >= m.month - interval '8 hours'
                AND c.submitted_at < m.month + interval '1 month' - interval '8 hours' OFFSET 0) c`,
            'true',
          )}`,
          list,
          cal.first,
          cal.flags,
        )
        await tx.$executeRawUnsafe(
          `INSERT INTO statistics_month_state (month, calendar_version, rolled_at)
           SELECT m, $2, now() FROM unnest($1::date[]) AS m
           ON CONFLICT (month) DO UPDATE SET calendar_version = EXCLUDED.calendar_version, rolled_at = EXCLUDED.rolled_at`,
          list,
          cal.version,
        )
      },
      { timeout: 120_000, maxWait: 30_000 },
    )
    rolled += list.length
  }
  return rolled
}
