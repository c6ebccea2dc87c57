import type { Database } from '../../db/client.ts'
import { type LocalDate, localDateOf } from '../../domain/calendar/local-date.ts'
import { defaultWorkingDayCalendar, type WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts'
import type { AreaNode } from '../../domain/statistics/area-rollup.ts'
import type { ComparedFigures } from '../../domain/statistics/comparison.ts'
import { buildFigures, buildHeadline } from '../../domain/statistics/figures.ts'
import { previousPeriod, type StatisticsPeriod, yearEarlier } from '../../domain/statistics/period.ts'
import {
  defaultScope,
  mayReadScope,
  type ScopeMembership,
  type StatisticsScope,
} from '../../domain/statistics/scope.ts'
import { loadTallies } from './rollup-tallies.ts'
import { rollUpChangedMonths } from './statistics-rollup.ts'

/** A name in both languages (English falls back to Chinese). */
export interface Names {
  zh: string
  en: string
}

/** Figures with what it takes to show them: whose, which period, and the names of stations and areas. */
export interface StatisticsReport {
  scope: StatisticsScope
  scopeName: Names
  period: StatisticsPeriod
  /** The day the figures were computed (overdue counts up to it). */
  asOf: LocalDate
  figures: ComparedFigures
  stationNames: ReadonlyMap<string, Names>
  areaNames: ReadonlyMap<string, Names>
}

export type ReportResult =
  | { ok: true; report: StatisticsReport }
  | { ok: false; reason: 'NOT_STAFF' | 'NO_SCOPE' | 'UNKNOWN_SCOPE' }

const names = (zh: string, en: string | null): Names => ({ zh, en: en ?? zh })

/** Figures per period and scope, with the access rules of who reads which scope. */
export function createStatistics(db: Database, calendar: WorkingDayCalendar = defaultWorkingDayCalendar) {
  async function scopeMemberships(personId: number): Promise<ScopeMembership[]> {
    const rows = await db.membership.findMany({
      where: { personId, revokedAt: null },
      select: { role: true, stationId: true, station: { select: { kind: true, districtCode: true } } },
    })
    return rows.map((m) => ({
      role: m.role,
      stationId: m.stationId,
      stationKind: m.station.kind,
      districtCode: m.station.districtCode,
    }))
  }

  async function areaIndex(): Promise<{ nodes: Map<string, AreaNode>; labels: Map<string, Names> }> {
    const areas = await db.area.findMany({
      select: { code: true, level: true, parentCode: true, name: true, nameEn: true },
    })
    return {
      nodes: new Map(areas.map((a) => [a.code, { level: a.level, parentCode: a.parentCode }])),
      labels: new Map(areas.map((a) => [a.code, names(a.name, a.nameEn)])),
    }
  }

  /** The name of a scope, or undefined when it names nothing that exists. */
  async function scopeName(scope: StatisticsScope): Promise<Names | undefined> {
    if (scope.level === 'CITY') {
      const city = await db.area.findFirst({ where: { level: 'CITY' }, select: { name: true, nameEn: true } })
      return city ? names(`${city.name}全市`, `all of ${city.nameEn ?? city.name}`) : names('全市', 'the whole city')
    }
    if (scope.level === 'COUNTY') {
      const area = await db.area.findUnique({
        where: { code: scope.districtCode },
        select: { name: true, nameEn: true },
      })
      return area ? names(area.name, area.nameEn) : undefined
    }
    const station = await db.station.findUnique({
      where: { id: scope.stationId },
      select: { name: true, nameEn: true },
    })
    return station ? names(station.name, station.nameEn) : undefined
  }

  /**
   * The figures of a scope and period next to the year before and the previous period. No access check: callers
   * are the scheduled posting and {@link forActor}.
   */
  async function report(
    scope: StatisticsScope,
    period: StatisticsPeriod,
    now = new Date(),
  ): Promise<StatisticsReport | undefined> {
    const name = await scopeName(scope)
    if (!name) return undefined
    const today = localDateOf(now)
    const before = yearEarlier(period)
    const last = previousPeriod(period)
    const headline = (p: StatisticsPeriod) => loadTallies(db, p, scope, today, false, calendar)
    const earlierTallies = headline(before)
    // The period before a year is the year before: read once.
    const sameAsEarlier = last.from === before.from && last.to === before.to
    const [current, earlier, previous, areas, stations] = await Promise.all([
      loadTallies(db, period, scope, today, true, calendar),
      earlierTallies,
      sameAsEarlier ? earlierTallies : headline(last),
      areaIndex(),
      db.station.findMany({ select: { id: true, name: true, nameEn: true } }),
    ])
    return {
      scope,
      scopeName: name,
      period,
      asOf: today,
      figures: {
        current: buildFigures(current, areas.nodes),
        yearEarlier: buildHeadline(earlier),
        previous: buildHeadline(previous),
      },
      stationNames: new Map(stations.map((s) => [s.id, names(s.name, s.nameEn)])),
      areaNames: areas.labels,
    }
  }

  /**
   * The scope the person asked for (or their default one, in a station's group that station) after checking
   * they may read it: staff their station, county-center and 所 staff their county, admins everything.
   */
  async function resolveScope(
    personId: number,
    requested: StatisticsScope | null,
    groupStationId: string | null,
  ): Promise<{ ok: true; scope: StatisticsScope } | { ok: false; reason: 'NOT_STAFF' | 'NO_SCOPE' | 'UNKNOWN_SCOPE' }> {
    const memberships = await scopeMemberships(personId)
    const scope = requested ?? defaultScope(memberships, groupStationId)
    if (!scope) return { ok: false, reason: memberships.some((m) => m.role === 'STAFF') ? 'NO_SCOPE' : 'NOT_STAFF' }
    let district: string | null = null
    if (scope.level === 'STATION') {
      const station = await db.station.findUnique({ where: { id: scope.stationId }, select: { districtCode: true } })
      if (!station) return { ok: false, reason: 'UNKNOWN_SCOPE' }
      district = station.districtCode
    }
    return mayReadScope(memberships, scope, district) ? { ok: true, scope } : { ok: false, reason: 'NOT_STAFF' }
  }

  return {
    /** For the streamed export, which reads in batches of its own. */
    database: db,
    report,
    resolveScope,
    scopeName,
    scopeMemberships,

    /** The report the person may read; `requested` = a scope asked for explicitly (a button), else the default. */
    async forActor(
      personId: number,
      request: { scope?: StatisticsScope | null; groupStationId?: string | null },
      period: StatisticsPeriod,
      now = new Date(),
    ): Promise<ReportResult> {
      const resolved = await resolveScope(personId, request.scope ?? null, request.groupStationId ?? null)
      if (!resolved.ok) return resolved
      const result = await report(resolved.scope, period, now)
      return result ? { ok: true, report: result } : { ok: false, reason: 'UNKNOWN_SCOPE' }
    },

    /** Rolls up the months whose tickets changed (the rollup job); returns how many. */
    rollUp: () => rollUpChangedMonths(db, calendar),

    /** The station whose ticket group this chat is, if any. */
    async stationOfChat(chatId: number): Promise<string | null> {
      const station = await db.station.findUnique({ where: { chatId: BigInt(chatId) }, select: { id: true } })
      return station?.id ?? null
    },
  }
}

export type StatisticsService = ReturnType<typeof createStatistics>
