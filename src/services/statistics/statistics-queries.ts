import type { Database } from '../../db/client.ts'
import { type LocalDate, startOfLocalDay } from '../../domain/calendar/local-date.ts'
import type { ComplaintKind } from '../../domain/lifecycle/index.ts'
import {
  AWAITING_DECISION_STATUSES,
  TICKET_DEFINITIONS as D,
  type GroundOf,
} from '../../domain/statistics/definitions.ts'
import type {
  CaseTally,
  DatePairCount,
  KeyedCount,
  KindTotals,
  StatisticsTallies,
} from '../../domain/statistics/figures.ts'
import type { StatisticsPeriod } from '../../domain/statistics/period.ts'
import type { StatisticsScope } from '../../domain/statistics/scope.ts'

/** A WHERE fragment and its parameters, numbered from `first`. */
interface Filter {
  sql: string
  values: unknown[]
}

/** Asia/Shanghai date of a UTC `timestamp` column (China keeps a fixed UTC+8). */
const localDay = (expression: string) => `((${expression}) + interval '8 hours')::date`

/** Tickets of the scope received in the period ($1, $2 = bounds; scope parameters follow). */
export function ticketFilter(period: StatisticsPeriod, scope: StatisticsScope, alias = 'c'): Filter {
  const values: unknown[] = [startOfLocalDay(period.from).toISOString(), startOfLocalDay(period.to).toISOString()]
  let sql = `${D.isTicket.replaceAll('c.', `${alias}.`)} AND ${alias}.submitted_at >= $1::timestamp AND ${alias}.submitted_at < $2::timestamp`
  sql += scopeCondition(scope, `${alias}.station_id`, values)
  return { sql, values }
}

function scopeCondition(scope: StatisticsScope, column: string, values: unknown[]): string {
  if (scope.level === 'CITY') return ''
  values.push(scope.level === 'STATION' ? scope.stationId : scope.districtCode)
  return scope.level === 'STATION'
    ? ` AND ${column} = $${values.length}`
    : ` AND ${column} IN (SELECT s.id FROM station s WHERE s.district_code = $${values.length})`
}

/** The overdue rule: a decision made after its due date, or none yet and the due date before `today`. */
function overdue(todayParam: string): string {
  const waiting = AWAITING_DECISION_STATUSES.map((s) => `'${s}'`).join(', ')
  return (
    `(c.decision_due_on IS NOT NULL AND ((c.decided_at IS NULL AND c.status::text IN (${waiting}) AND c.decision_due_on < ${todayParam}::date)` +
    ` OR ${localDay('c.decided_at')} > c.decision_due_on))`
  )
}

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

interface TallyRow {
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
  online: number
  accepted: number
  not_accepted: number
  settled_locally: number
  escalated: number
  agreed: number
  ended: number
  recovered: string
  rating_sum: number
  rating_count: number
  ratings_good: number
  overdue: number
}

/**
 * The tallies of a period and scope in one pass over the tickets (GROUPING SETS), plus the cases and, in detail,
 * the hotspots. `today` decides what is overdue.
 */
export async function loadTallies(
  db: Database,
  period: StatisticsPeriod,
  scope: StatisticsScope,
  today: LocalDate,
  detail: boolean,
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
  const [rows, cases, warnings, hotspots] = await Promise.all([
    db.$queryRawUnsafe<TallyRow[]>(sql, ...filter.values, today),
    loadCases(db, period, scope),
    loadWarnings(db, period, scope),
    detail ? loadHotspots(db, period, scope) : Promise.resolve([]),
  ])
  const inSet = (set: string) => rows.filter((r) => r.g === groupingMask(set, used))
  const keyed = (set: string, key: (r: TallyRow) => string | null): KeyedCount[] =>
    inSet(set).map((r) => ({ key: key(r) ?? '', kind: r.kind!, count: r.n, recoveredFen: BigInt(r.recovered) }))
  const pairs = (set: string, to: (r: TallyRow) => string | null): DatePairCount[] =>
    inSet(set)
      .filter((r) => r.received_on !== null && to(r) !== null)
      .map((r) => ({ from: r.received_on as LocalDate, to: to(r) as LocalDate, count: r.n }))
  const totals: KindTotals[] = inSet('(kind)').map((r) => ({
    kind: r.kind!,
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
  return {
    totals,
    byCategory: keyed('(kind, category)', (r) => r.category),
    cases,
    warnings,
    ...(detail
      ? {
          detail: {
            byStation: keyed('(kind, station)', (r) => r.station),
            byArea: keyed('(kind, area)', (r) => r.area),
            grounds: inSet('(ground_of, ground)')
              .filter((r) => r.ground_of !== null)
              .map((r) => ({ groundOf: r.ground_of!, ground: r.ground ?? '', count: r.n })),
            decisionTimes: pairs('(received_on, decided_on)', (r) => r.decided_on),
            closeTimes: pairs('(received_on, closed_on)', (r) => r.closed_on),
            intakeByWeek: inSet('(kind, week)').map((r) => ({
              weekStart: r.week as LocalDate,
              kind: r.kind!,
              count: r.n,
            })),
            hotspots,
          },
        }
      : {}),
  }
}

/** Cases filed in the period by origin kind, and the 罚没金额 of those decided in it; by the case's station. */
async function loadCases(db: Database, period: StatisticsPeriod, scope: StatisticsScope): Promise<CaseTally[]> {
  const values: unknown[] = [startOfLocalDay(period.from).toISOString(), startOfLocalDay(period.to).toISOString()]
  const inFiled = 'e.filed_at >= $1::timestamp AND e.filed_at < $2::timestamp'
  const inDecided = "e.status = 'DECIDED' AND e.decided_at >= $1::timestamp AND e.decided_at < $2::timestamp"
  const rows = await db.$queryRawUnsafe<{ origin_kind: ComplaintKind; filed: number; penalty: string }[]>(
    `
    SELECT e.origin_kind::text AS origin_kind, (count(*) FILTER (WHERE ${inFiled}))::int AS filed,
      COALESCE(sum(e.penalty_fen) FILTER (WHERE ${inDecided}), 0)::text AS penalty
    FROM enforcement_case e WHERE ((${inFiled}) OR (${inDecided}))${scopeCondition(scope, 'e.station_id', values)}
    GROUP BY 1`,
    ...values,
  )
  return rows.map((r) => ({ originKind: r.origin_kind, filed: r.filed, penaltyFen: BigInt(r.penalty) }))
}

/**
 * 发布消费提示和警示: warnings confirmed in the period that reached at least one person, and the distinct people
 * reached (delivered, or unconfirmed after a crash). By the sending station; an admin's warning (no station)
 * counts for the city only.
 */
async function loadWarnings(db: Database, period: StatisticsPeriod, scope: StatisticsScope) {
  const values: unknown[] = [startOfLocalDay(period.from).toISOString(), startOfLocalDay(period.to).toISOString()]
  const [row] = await db.$queryRawUnsafe<{ sent: number; reach: number }[]>(
    `
    SELECT count(DISTINCT d.warning_id)::int AS sent, count(DISTINCT d.person_id)::int AS reach
      FROM warning w JOIN warning_delivery d ON d.warning_id = w.id AND d.status IN ('SENT', 'UNCONFIRMED')
     WHERE w.confirmed_at >= $1::timestamp AND w.confirmed_at < $2::timestamp${scopeCondition(scope, 'w.station_id', values)}`,
    ...values,
  )
  return { sent: row?.sent ?? 0, reach: row?.reach ?? 0 }
}

/** 热点: the ten businesses with the most complaints and reports. */
async function loadHotspots(db: Database, period: StatisticsPeriod, scope: StatisticsScope) {
  const filter = ticketFilter(period, scope)
  const rows = await db.$queryRawUnsafe<{ name: string; n: number }[]>(
    `
    SELECT c.respondent_name AS name, count(*)::int AS n FROM complaint c
    WHERE ${filter.sql} AND ${D.isComplaintOrReport} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`,
    ...filter.values,
  )
  return rows.map((r) => ({ respondentName: r.name, count: r.n }))
}
