import type { Database } from '../../db/client.ts'
import { type LocalDate, startOfLocalDay } from '../../domain/calendar/local-date.ts'
import type { ComplaintKind } from '../../domain/lifecycle/index.ts'
import { isBureauStation } from '../../domain/lifecycle/index.ts'
import { TICKET_DEFINITIONS as D, isPassedUpBy } from '../../domain/statistics/definitions.ts'
import { HOTSPOT_COUNT, type PassedUp } from '../../domain/statistics/passed-up.ts'
import type { StatisticsPeriod } from '../../domain/statistics/period.ts'
import type { StatisticsScope } from '../../domain/statistics/scope.ts'
import type { CaseTally } from '../../domain/statistics/tallies.ts'

/** The per-group counts both the rows' and the rollup's tally statements return, by column name. */
export interface OutcomeColumns {
  online: number
  accepted: number
  not_accepted: number
  settled_locally: number
  escalated: number
  agreed: number
  ended: number
  rating_sum: number
  rating_count: number
  ratings_good: number
}

/** A WHERE fragment and its parameters, numbered from `first`. */
export interface Filter {
  sql: string
  values: unknown[]
}

/** Asia/Shanghai date of a UTC `timestamp` column (China keeps a fixed UTC+8). */
export const localDay = (expression: string) => `((${expression}) + interval '8 hours')::date`

/**
 * Tickets of the scope received in the period ($1, $2 = bounds; scope parameters follow). A station's scope holds
 * the tickets it holds; with `passedUp`, also those it passed up (for lists of its tickets; the figures add them
 * with their own rules, withPassedUp).
 */
export function ticketFilter(
  period: StatisticsPeriod,
  scope: StatisticsScope,
  { alias = 'c', passedUp = false }: { alias?: string; passedUp?: boolean } = {},
): Filter {
  const values: unknown[] = [startOfLocalDay(period.from).toISOString(), startOfLocalDay(period.to).toISOString()]
  let sql = `${D.isTicket.replaceAll('c.', `${alias}.`)} AND ${alias}.submitted_at >= $1::timestamp AND ${alias}.submitted_at < $2::timestamp`
  if (passedUp && scope.level === 'STATION') {
    values.push(scope.stationId)
    sql += ` AND ${heldOrPassedUpBy(`$${values.length}`, alias)}`
  } else sql += scopeCondition(scope, `${alias}.station_id`, values)
  return { sql, values }
}

/** ` AND <column> in the scope`, its parameter pushed onto `values`; nothing for the city. */
export function scopeCondition(scope: StatisticsScope, column: string, values: unknown[]): string {
  if (scope.level === 'CITY') return ''
  values.push(scope.level === 'STATION' ? scope.stationId : scope.districtCode)
  return scope.level === 'STATION'
    ? ` AND ${column} = $${values.length}`
    : ` AND ${column} IN (SELECT s.id FROM station s WHERE s.district_code = $${values.length})`
}

/**
 * A station's scope, for lists of tickets (the export): the tickets it holds and those it passed up (上报) to a
 * bureau station. `stationParam` is the SQL parameter naming the station.
 */
export function heldOrPassedUpBy(stationParam: string, alias = 'c'): string {
  return `(${alias}.station_id = ${stationParam} OR EXISTS (SELECT 1 FROM complaint_event e
    WHERE e.complaint_id = ${alias}.id AND ${isPassedUpBy(stationParam)}))`
}

/**
 * The tickets received in the period that the station passed up (上报) and no longer holds: its own figures add
 * them (withPassedUp). Read from the escalation events, which come after the receipt, so by their index.
 */
export async function loadPassedUp(db: Database, period: StatisticsPeriod, stationId: string): Promise<PassedUp> {
  const station = db.station.findUnique({ where: { id: stationId }, select: { kind: true } })
  const rows = db.$queryRawUnsafe<
    { kind: ComplaintKind; category: string; area: string; week: string; business: string | null }[]
  >(
    `
    SELECT DISTINCT ON (c.id) c.kind::text AS kind, COALESCE(c.category_code, '') AS category,
      COALESCE(c.area_code, '') AS area, date_trunc('week', c.submitted_at + interval '8 hours')::date::text AS week,
      CASE WHEN ${D.isComplaintOrReport} THEN c.respondent_name END AS business
    FROM complaint_event e JOIN complaint c ON c.id = e.complaint_id
    WHERE e.action = 'ESCALATE' AND e.created_at >= $1::timestamp AND ${isPassedUpBy('$3')}
      AND ${D.isTicket} AND c.submitted_at >= $1::timestamp AND c.submitted_at < $2::timestamp
      AND c.station_id IS DISTINCT FROM $3
    ORDER BY c.id`,
    startOfLocalDay(period.from).toISOString(),
    startOfLocalDay(period.to).toISOString(),
    stationId,
  )
  return {
    bureau: isBureauStation((await station)?.kind),
    tickets: (await rows).map((r) => ({
      kind: r.kind,
      category: r.category,
      area: r.area,
      weekStart: r.week as LocalDate,
      business: r.business,
    })),
  }
}

/**
 * The LIMIT of a 热点 query: the first ten, except for a station, whose list is cut after the tickets it passed up
 * are added (withPassedUp).
 */
export const hotspotLimit = (scope: StatisticsScope) => (scope.level === 'STATION' ? '' : `LIMIT ${HOTSPOT_COUNT}`)

/** Cases filed in the period by origin kind, and the 罚没金额 of those decided in it; by the case's station. */
export async function loadCases(db: Database, period: StatisticsPeriod, scope: StatisticsScope): Promise<CaseTally[]> {
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
export async function loadWarnings(db: Database, period: StatisticsPeriod, scope: StatisticsScope) {
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
export async function loadHotspots(db: Database, period: StatisticsPeriod, scope: StatisticsScope) {
  const filter = ticketFilter(period, scope)
  const rows = await db.$queryRawUnsafe<{ name: string; n: number }[]>(
    `
    SELECT c.respondent_name AS name, count(*)::int AS n FROM complaint c
    WHERE ${filter.sql} AND ${D.isComplaintOrReport} GROUP BY 1 ORDER BY 2 DESC, 1 ${hotspotLimit(scope)}`,
    ...filter.values,
  )
  return rows.map((r) => ({ respondentName: r.name, count: r.n }))
}
