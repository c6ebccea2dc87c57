import { localDate, localDateOf, startOfLocalDay, type LocalDate } from '../../domain/calendar/local-date.ts'
import { UNDECIDED_STATUSES } from '../../domain/lifecycle/index.ts'
import { summarizeWork, type CaseTally, type WorkSummary } from '../../domain/statistics/work-summary.ts'
import type { Database } from '../../db/client.ts'
import { loadActor } from '../access/access-policy.ts'

export interface StatisticsPeriod {
  from: LocalDate
  /** Exclusive. */
  to: LocalDate
}

export interface StationStatistics {
  station: { code: string; name: string; nameEn: string | null } | null
  period: StatisticsPeriod
  summary: WorkSummary
  /** Open tickets whose acceptance decision is past its statutory due date today. */
  overdueDecisions: number
}

export type StatisticsResult =
  | { ok: true; statistics: StationStatistics }
  | { ok: false; reason: 'NOT_STAFF' | 'NO_STATION' }

/** A calendar year in Asia/Shanghai, the period of the yearly work summary. */
export function yearPeriod(year: number): StatisticsPeriod {
  return { from: localDate(year, 1, 1), to: localDate(year + 1, 1, 1) }
}

/** Work statistics of a station (or, for an admin outside any station group, of every station). */
export function createStationStatistics(db: Database) {
  async function tallies(stationId: string | null, period: StatisticsPeriod) {
    const where = {
      ...(stationId ? { stationId } : {}),
      submittedAt: { gte: startOfLocalDay(period.from), lt: startOfLocalDay(period.to) },
      // Tickets that were cases before cases had their own record: counted as cases, not as received reports.
      originId: null,
    }
    return db.complaint.groupBy({
      by: ['kind', 'status', 'closingOutcome'],
      where,
      // _count.satisfaction counts the ratings given (non-null values) in the same query.
      _count: { _all: true, satisfaction: true },
      _sum: { recoveredFen: true, satisfaction: true },
    })
  }

  /** Cases filed in the period per origin kind, and the 罚没金额 decided in it. */
  async function caseTallies(stationId: string | null, period: StatisticsPeriod): Promise<CaseTally[]> {
    const range = { gte: startOfLocalDay(period.from), lt: startOfLocalDay(period.to) }
    const station = stationId ? { stationId } : {}
    const [filed, decided] = await Promise.all([
      db.enforcementCase.groupBy({ by: ['originKind'], where: { ...station, filedAt: range }, _count: { _all: true } }),
      db.enforcementCase.groupBy({ by: ['originKind'], where: { ...station, decidedAt: range }, _sum: { penaltyFen: true } }),
    ])
    const kinds = new Set([...filed.map((g) => g.originKind), ...decided.map((g) => g.originKind)])
    return [...kinds].map((originKind) => ({
      originKind,
      filed: filed.find((g) => g.originKind === originKind)?._count._all ?? 0,
      penaltyFen: decided.find((g) => g.originKind === originKind)?._sum.penaltyFen ?? 0n,
    }))
  }

  return {
    /**
     * The statistics the actor may read: staff of the given station (or any admin) for that station; an admin
     * without a station for all stations.
     */
    async forActor(personId: number, stationId: string | null, period: StatisticsPeriod, now = new Date()): Promise<StatisticsResult> {
      const actor = await loadActor(db, personId)
      const isAdmin = actor.memberships.some((m) => m.role === 'ADMIN')
      const staffStations = actor.memberships.filter((m) => m.role === 'STAFF').map((m) => m.stationId)
      const target = stationId ?? (staffStations.length === 1 ? staffStations[0]! : null)
      if (target === null && !isAdmin) return { ok: false, reason: staffStations.length > 1 ? 'NO_STATION' : 'NOT_STAFF' }
      if (target !== null && !isAdmin && !staffStations.includes(target)) return { ok: false, reason: 'NOT_STAFF' }
      const [groups, cases, station, overdueDecisions] = await Promise.all([
        tallies(target, period),
        caseTallies(target, period),
        target ? db.station.findUnique({ where: { id: target }, select: { code: true, name: true, nameEn: true } }) : null,
        db.complaint.count({
          where: {
            ...(target ? { stationId: target } : {}),
            status: { in: [...UNDECIDED_STATUSES] },
            decisionDueOn: { lt: new Date(`${localDateOf(now)}T00:00:00Z`) },
          },
        }),
      ])
      const summary = summarizeWork(
        groups.map((g) => ({
          kind: g.kind,
          status: g.status,
          closingOutcome: g.closingOutcome,
          count: g._count._all,
          recoveredFen: g._sum.recoveredFen ?? 0n,
          ratingSum: g._sum.satisfaction ?? 0,
          ratingCount: g._count.satisfaction,
        })),
        cases,
      )
      return { ok: true, statistics: { station, period, summary, overdueDecisions } }
    },

    /** The station whose ticket group this chat is, if any. */
    async stationOfChat(chatId: number): Promise<string | null> {
      const station = await db.station.findUnique({ where: { chatId: BigInt(chatId) }, select: { id: true } })
      return station?.id ?? null
    },
  }
}

export type StationStatisticsService = ReturnType<typeof createStationStatistics>
