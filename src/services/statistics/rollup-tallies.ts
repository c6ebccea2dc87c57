import type { Database } from '../../db/client.ts'
import type { LocalDate } from '../../domain/calendar/local-date.ts'
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts'
import type { ComplaintKind } from '../../domain/lifecycle/index.ts'
import { TICKET_DEFINITIONS as D, type GroundOf, isWaitingPastDue } from '../../domain/statistics/definitions.ts'
import { withPassedUp } from '../../domain/statistics/passed-up.ts'
import type { StatisticsPeriod } from '../../domain/statistics/period.ts'
import type { StatisticsScope } from '../../domain/statistics/scope.ts'
import {
  emptyKindTotals,
  type KeyedCount,
  type KindTotals,
  type StatisticsTallies,
  type WorkingDaysCount,
} from '../../domain/statistics/tallies.ts'
import {
  hotspotLimit,
  loadCases,
  loadPassedUp,
  loadWarnings,
  type OutcomeColumns,
  scopeCondition,
} from './statistics-queries.ts'
import {
  calendarCte,
  ROLLUP_MEASURES,
  type RollupFacet,
  rollupRowsSql,
  workingDayOrdinals,
} from './statistics-rollup.ts'

interface Row extends OutcomeColumns {
  facet: RollupFacet | 'OVERDUE_WAITING' | 'HOTSPOT'
  /** NULL on HOTSPOT rows only (never read there). */
  kind: ComplaintKind
  station_id: string | null
  key1: string | null
  key2: string | null
  tickets: number
  recovered_fen: string
  decided_late: number
}

const sums = ROLLUP_MEASURES.map((m) => `sum(${m})${m === 'recovered_fen' ? '::text' : '::int'} AS ${m}`).join(', ')
const zeros = ROLLUP_MEASURES.filter((m) => m !== 'tickets')
  .map((m) => (m === 'recovered_fen' ? `'0' AS ${m}` : `0 AS ${m}`))
  .join(', ')

/**
 * The tallies of a period and scope in one statement (one snapshot): whole months the rollup holds, unchanged
 * since and counted with this calendar, from statistics_month; every other day of the period (the part months at
 * its ends, months with a logged change, months not rolled yet) from the ticket rows, in the rollup's shape
 * (statistics-rollup.ts); the still-waiting part of overdue from the rows (it depends on `today`; a partial index
 * holds only those tickets). Cases come from enforcement_case. Figures equal {@link loadTicketTallies}'s.
 * `OFFSET 0` keeps each month's lookup a subquery of its own, so PostgreSQL reads it by index, month by month,
 * instead of joining every row of the table against the list of months.
 */
export async function loadTallies(
  db: Database,
  period: StatisticsPeriod,
  scope: StatisticsScope,
  today: LocalDate,
  detail: boolean,
  calendar: WorkingDayCalendar,
): Promise<StatisticsTallies> {
  const cal = workingDayOrdinals(calendar)
  const values: unknown[] = [period.from, period.to, today, cal.version, cal.first, cal.flags]
  const rolledScope = scopeCondition(scope, 's.station_id', values)
  const rowScope = scopeCondition(scope, 'c.station_id', values)
  const facets: RollupFacet[] = detail
    ? ['CATEGORY', 'AREA', 'GROUND', 'DECISION_DAYS', 'CLOSE_DAYS', 'WEEK']
    : ['CATEGORY']
  const list = (of: readonly string[]) => of.map((f) => `'${f}'`).join(', ')
  const measures = ROLLUP_MEASURES.join(', ')
  /** The rollup rows of `of` facets in the rolled months, read by index month by month. */
  const rolled = (of: readonly string[]) => `
    SELECT s.facet, s.station_id, s.kind, s.key1, s.key2, ${measures}
    FROM (SELECT month FROM months WHERE rolled) m CROSS JOIN LATERAL (SELECT * FROM statistics_month s
      WHERE s.month = m.month AND s.facet IN (${list(of)})${rolledScope} OFFSET 0) s`
  const fromRows = (of: readonly string[]) =>
    `SELECT facet, station_id, kind, key1, key2, ${measures} FROM raw WHERE facet IN (${list(of)})`
  const sql = `
    WITH ${calendarCte('$5', '$6')},
    months AS MATERIALIZED (
      SELECT m::date AS month, GREATEST(m::date, $1::date) AS first, LEAST((m + interval '1 month')::date, $2::date) AS stop,
        (m::date >= $1::date AND (m + interval '1 month')::date <= $2::date
          AND EXISTS (SELECT 1 FROM statistics_month_state st WHERE st.month = m::date AND st.calendar_version = $4)
          AND NOT EXISTS (SELECT 1 FROM statistics_dirty_day d WHERE d.day >= m::date AND d.day < (m + interval '1 month')::date)
        ) AS rolled
      FROM generate_series(date_trunc('month', $1::date::timestamp), ($2::date - 1)::timestamp, interval '1 month') AS m
    ),
    raw AS MATERIALIZED (${rollupRowsSql(
      `(SELECT * FROM months WHERE NOT rolled) m CROSS JOIN LATERAL (SELECT * FROM complaint c
        WHERE c.submitted_at >= m.first - interval '8 hours' AND c.submitted_at < m.stop - interval '8 hours'${rowScope}
        OFFSET 0) c`,
      'true',
    )})
    SELECT facet, kind, ${detail ? 'station_id' : 'NULL'}, key1, key2, ${sums}
    FROM (${rolled(facets)} UNION ALL ${fromRows(facets)}) u
    ${
      detail
        ? `GROUP BY GROUPING SETS ((facet, kind, key1, key2), (facet, kind, station_id))
           HAVING GROUPING(station_id) = 1 OR facet = 'CATEGORY'`
        : 'GROUP BY facet, kind, key1, key2'
    }
    UNION ALL
    SELECT 'OVERDUE_WAITING', c.kind::text, NULL, NULL, NULL, count(*)::int, ${zeros} FROM complaint c
    WHERE ${D.isTicket} AND c.submitted_at >= $1::date - interval '8 hours' AND c.submitted_at < $2::date - interval '8 hours'
      AND c.decided_at IS NULL AND c.decision_due_on IS NOT NULL AND ${isWaitingPastDue('$3')}${rowScope}
    GROUP BY c.kind
    ${
      detail
        ? `UNION ALL (SELECT 'HOTSPOT', NULL, NULL, key1, NULL, sum(tickets)::int, ${zeros}
             FROM (${rolled(['BUSINESS'])} UNION ALL ${fromRows(['BUSINESS'])}) b
             GROUP BY key1 ORDER BY 6 DESC, 4 ${hotspotLimit(scope)})`
        : ''
    }`
  const [rows, cases, warnings, passedUp] = await Promise.all([
    db.$queryRawUnsafe<Row[]>(sql, ...values),
    loadCases(db, period, scope),
    loadWarnings(db, period, scope),
    scope.level === 'STATION' ? loadPassedUp(db, period, scope.stationId) : undefined,
  ])
  const tallies = { ...talliesOf(rows, cases, detail), warnings }
  return passedUp && scope.level === 'STATION' ? withPassedUp(tallies, scope.stationId, passedUp) : tallies
}

function talliesOf(rows: Row[], cases: StatisticsTallies['cases'], detail: boolean): StatisticsTallies {
  // Rows by station come from the (facet, kind, station_id) grouping set: their key1 is NULL.
  const byStation = rows.filter((r) => r.facet === 'CATEGORY' && r.key1 === null)
  const keyedRows = rows.filter((r) => !(r.facet === 'CATEGORY' && r.key1 === null))
  const of = (facet: Row['facet']) => keyedRows.filter((r) => r.facet === facet)
  const keyed = (facet: RollupFacet): KeyedCount[] =>
    of(facet).map((r) => ({
      key: r.key1 ?? '',
      kind: r.kind,
      count: r.tickets,
      recoveredFen: BigInt(r.recovered_fen),
    }))
  const totals = new Map<ComplaintKind, KindTotals>()
  const totalOf = (kind: ComplaintKind) => {
    const known = totals.get(kind)
    if (known) return known
    const fresh = emptyKindTotals(kind)
    totals.set(kind, fresh)
    return fresh
  }
  for (const r of of('CATEGORY')) {
    const t = totalOf(r.kind)
    t.count += r.tickets
    t.online += r.online
    t.accepted += r.accepted
    t.notAccepted += r.not_accepted
    t.settledLocally += r.settled_locally
    t.escalated += r.escalated
    t.mediationAgreed += r.agreed
    t.mediationEnded += r.ended
    t.recoveredFen += BigInt(r.recovered_fen)
    t.ratingSum += r.rating_sum
    t.ratingCount += r.rating_count
    t.ratingsGood += r.ratings_good
    t.overdue += r.decided_late
  }
  for (const r of of('OVERDUE_WAITING')) totalOf(r.kind).overdue += r.tickets
  const days = (facet: RollupFacet): WorkingDaysCount[] => {
    const counts = new Map<number, number>()
    for (const r of of(facet)) counts.set(Number(r.key1), (counts.get(Number(r.key1)) ?? 0) + r.tickets)
    return [...counts].map(([d, count]) => ({ days: d, count }))
  }
  const grounds = new Map<string, { groundOf: GroundOf; ground: string; count: number }>()
  for (const r of of('GROUND')) {
    const key = `${r.key1}\u0000${r.key2}`
    const line = grounds.get(key) ?? { groundOf: r.key1 as GroundOf, ground: r.key2 ?? '', count: 0 }
    line.count += r.tickets
    grounds.set(key, line)
  }
  return {
    totals: [...totals.values()].filter((t) => t.count > 0),
    byCategory: keyed('CATEGORY'),
    cases,
    ...(detail
      ? {
          detail: {
            byStation: byStation.map((r) => ({
              key: r.station_id ?? '',
              kind: r.kind,
              count: r.tickets,
              recoveredFen: BigInt(r.recovered_fen),
            })),
            byArea: keyed('AREA'),
            grounds: [...grounds.values()],
            decisionTimes: days('DECISION_DAYS'),
            closeTimes: days('CLOSE_DAYS'),
            intakeByWeek: of('WEEK').map((r) => ({ weekStart: r.key1 as LocalDate, kind: r.kind, count: r.tickets })),
            hotspots: of('HOTSPOT').map((r) => ({ respondentName: r.key1 ?? '', count: r.tickets })),
          },
        }
      : {}),
  }
}
