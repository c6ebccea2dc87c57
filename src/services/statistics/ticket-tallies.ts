import type { Database } from '../../db/client.ts'
import type { LocalDate } from '../../domain/calendar/local-date.ts'
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts'
import type { ComplaintKind } from '../../domain/lifecycle/index.ts'
import { TICKET_DEFINITIONS as D, type GroundOf, isWaitingPastDue } from '../../domain/statistics/definitions.ts'
import { withPassedUp } from '../../domain/statistics/passed-up.ts'
import type { StatisticsPeriod } from '../../domain/statistics/period.ts'
import type { StatisticsScope } from '../../domain/statistics/scope.ts'
import type { KeyedCount, KindTotals, StatisticsTallies, WorkingDaysCount } from '../../domain/statistics/tallies.ts'
import {
  loadCases,
  loadHotspots,
  loadPassedUp,
  loadWarnings,
  localDay,
  type OutcomeColumns,
  ticketFilter,
} from './statistics-queries.ts'

/** The overdue rule: a decision made after its due date, or none yet and the due date before `today`. */
const overdue = (todayParam: string) => `(${D.isDecidedLate} OR ${isWaitingPastDue(todayParam)})`

const SETS_DETAIL = [
  '(kind)',
  '(kind, category)',
  '(kind, station)',
  '(kind, area)',
  '(ground_of, ground)',
  '(received_on, decided_on)',
  '(received_on, closed_on)',
  '(kind, week)',
] as const
const SETS_HEADLINE = ['(kind)', '(kind, category)'] as const
const GROUPED = [
  'kind',
  'category',
  'station',
  'area',
  'ground_of',
  'ground',
  'received_on',
  'decided_on',
  'closed_on',
  'week',
] as const

const columnsOf = (set: string) =>
  set
    .slice(1, -1)
    .split(',')
    .map((c) => c.trim())

/** GROUPING(used...) of a set: a bit per used column, 1 when the column is not grouped in that set. */
function groupingMask(set: string, used: readonly string[]): number {
  const columns = columnsOf(set)
  return used.reduce((mask, column, i) => mask | (columns.includes(column) ? 0 : 1 << (used.length - 1 - i)), 0)
}

interface TallyRow extends OutcomeColumns {
  g: number
  kind: ComplaintKind | null
  category: string | null
  station: string | null
  area: string | null
  ground_of: GroundOf | null
  ground: string | null
  received_on: string | null
  decided_on: string | null
  closed_on: string | null
  week: string | null
  n: number
  recovered: string
  overdue: number
}

/** The kind of a row of a set grouped by kind (`c.kind` is never null, so only the other sets leave it out). */
function kindOf(row: TallyRow): ComplaintKind {
  if (row.kind === null) throw new Error(`statistics tally: a row of grouping ${row.g} has no kind`)
  return row.kind
}

/**
 * The tallies of a period and scope straight from the ticket rows, in one pass (GROUPING SETS), plus the cases and,
 * in detail, the hotspots; handling times counted with `calendar`. `today` decides what is overdue. The reference
 * the rollup is checked against (test/services/statistics/statistics-rollup.test.ts, the benchmark): the figures
 * read {@link loadTallies} in rollup-tallies.ts.
 */
export async function loadTicketTallies(
  db: Database,
  period: StatisticsPeriod,
  scope: StatisticsScope,
  today: LocalDate,
  detail: boolean,
  calendar: WorkingDayCalendar,
): Promise<StatisticsTallies> {
  const filter = ticketFilter(period, scope)
  const todayParam = `$${filter.values.length + 1}`
  const sets: readonly string[] = detail ? SETS_DETAIL : SETS_HEADLINE
  const used = GROUPED.filter((column) => sets.some((set) => columnsOf(set).includes(column)))
  const select = (column: (typeof GROUPED)[number]) =>
    used.includes(column)
      ? `${column}${['received_on', 'decided_on', 'closed_on', 'week'].includes(column) ? '::text' : ''} AS ${column}`
      : `NULL::text AS ${column}`
  const sql = `
    WITH t AS (
      SELECT c.kind::text AS kind, COALESCE(c.category_code, '') AS category, COALESCE(c.station_id, '') AS station,
        COALESCE(c.area_code, '') AS area,
        CASE WHEN ${D.isNotAccepted} THEN 'NOT_ACCEPTED' WHEN ${D.isMediationEnded} THEN 'MEDIATION_ENDED' END AS ground_of,
        c.ground,
        ${localDay(D.receivedInstant)} AS received_on, ${localDay(D.decidedInstant)} AS decided_on,
        ${localDay(D.closedInstant)} AS closed_on,
        date_trunc('week', c.submitted_at + interval '8 hours')::date AS week,
        (${D.isOnline})::int AS online, (${D.isAccepted})::int AS accepted, (${D.isNotAccepted})::int AS not_accepted,
        (${D.isSettledLocally})::int AS settled_locally, (${D.isEscalated})::int AS escalated,
        (${D.isMediationAgreed})::int AS agreed, (${D.isMediationEnded})::int AS ended,
        COALESCE(c.recovered_fen, 0) AS recovered, c.satisfaction, (${overdue(todayParam)})::int AS overdue
      FROM complaint c WHERE ${filter.sql}
    )
    SELECT GROUPING(${used.join(', ')})::int AS g, ${GROUPED.map(select).join(', ')},
      count(*)::int AS n, sum(online)::int AS online, sum(accepted)::int AS accepted,
      sum(not_accepted)::int AS not_accepted, sum(settled_locally)::int AS settled_locally,
      sum(escalated)::int AS escalated, sum(agreed)::int AS agreed, sum(ended)::int AS ended,
      sum(recovered)::text AS recovered, COALESCE(sum(satisfaction), 0)::int AS rating_sum,
      count(satisfaction)::int AS rating_count, (count(*) FILTER (WHERE satisfaction >= 4))::int AS ratings_good,
      sum(overdue)::int AS overdue
    FROM t GROUP BY GROUPING SETS (${sets.join(', ')})`
  const [rows, cases, warnings, hotspots, passedUp] = await Promise.all([
    db.$queryRawUnsafe<TallyRow[]>(sql, ...filter.values, today),
    loadCases(db, period, scope),
    loadWarnings(db, period, scope),
    detail ? loadHotspots(db, period, scope) : Promise.resolve([]),
    scope.level === 'STATION' ? loadPassedUp(db, period, scope.stationId) : undefined,
  ])
  const inSet = (set: string) => rows.filter((r) => r.g === groupingMask(set, used))
  const keyed = (set: string, key: (r: TallyRow) => string | null): KeyedCount[] =>
    inSet(set).map((r) => ({ key: key(r) ?? '', kind: kindOf(r), count: r.n, recoveredFen: BigInt(r.recovered) }))
  const pairs = (set: string, to: (r: TallyRow) => string | null): WorkingDaysCount[] =>
    inSet(set)
      .filter((r) => r.received_on !== null && to(r) !== null)
      .map((r) => ({
        days: Math.max(0, calendar.workingDaysBetween(r.received_on as LocalDate, to(r) as LocalDate)),
        count: r.n,
      }))
  const totals: KindTotals[] = inSet('(kind)').map((r) => ({
    kind: kindOf(r),
    count: r.n,
    online: r.online,
    accepted: r.accepted,
    notAccepted: r.not_accepted,
    settledLocally: r.settled_locally,
    escalated: r.escalated,
    mediationAgreed: r.agreed,
    mediationEnded: r.ended,
    recoveredFen: BigInt(r.recovered),
    ratingSum: r.rating_sum,
    ratingCount: r.rating_count,
    ratingsGood: r.ratings_good,
    overdue: r.overdue,
  }))
  const tallies: StatisticsTallies = {
    totals,
    byCategory: keyed('(kind, category)', (r) => r.category),
    cases,
    warnings,
    ...(detail
      ? {
          detail: {
            byStation: keyed('(kind, station)', (r) => r.station),
            byArea: keyed('(kind, area)', (r) => r.area),
            grounds: inSet('(ground_of, ground)').flatMap((r) =>
              r.ground_of === null ? [] : [{ groundOf: r.ground_of, ground: r.ground ?? '', count: r.n }],
            ),
            decisionTimes: pairs('(received_on, decided_on)', (r) => r.decided_on),
            closeTimes: pairs('(received_on, closed_on)', (r) => r.closed_on),
            intakeByWeek: inSet('(kind, week)').map((r) => ({
              weekStart: r.week as LocalDate,
              kind: kindOf(r),
              count: r.n,
            })),
            hotspots,
          },
        }
      : {}),
  }
  return passedUp && scope.level === 'STATION' ? withPassedUp(tallies, scope.stationId, passedUp) : tallies
}
