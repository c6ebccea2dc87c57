import type { TFunction } from 'i18next'
import { formatFen } from '../../domain/intake/amount.ts'
import { percent, summaryMoney } from '../../domain/statistics/amounts.ts'
import { changeOf } from '../../domain/statistics/comparison.ts'
import type { HeadlineFigures } from '../../domain/statistics/figures.ts'
import { lastDayOf, type StatisticsPeriod } from '../../domain/statistics/period.ts'
import { formatMonth, localeOfT } from '../../telegram/format.ts'
import type { Names, StatisticsReport } from './statistics-service.ts'

export type SummaryLocale = 'zh-CN' | 'en'

/** The period as people say it: 2026年3月, 2026年上半年, March 2026. */
export function periodLabel(period: StatisticsPeriod, t: TFunction): string {
  const year = Number(period.from.slice(0, 4))
  const month = Number(period.from.slice(5, 7))
  switch (period.kind) {
    case 'MONTH':
      return formatMonth(period.from, localeOfT(t))
    case 'QUARTER':
      return t('statistics:period.QUARTER', { year, quarter: (month - 1) / 3 + 1 })
    case 'HALF':
      return t(month === 1 ? 'statistics:period.HALF_1' : 'statistics:period.HALF_2', { year })
    case 'YEAR':
      return t('statistics:period.YEAR', { year })
    case 'CUSTOM':
      return t('statistics:period.CUSTOM', { from: period.from, to: lastDayOf(period) })
  }
}

export const nameIn = (names: Names, locale: SummaryLocale) => (locale === 'en' ? names.en : names.zh)

/** The scope's name in a sentence: 全市 for the city, the station's or county's own name otherwise. */
export function scopeLabel(report: StatisticsReport, t: TFunction, locale: SummaryLocale): string {
  return report.scope.level === 'CITY' ? t('statistics:cityScope') : nameIn(report.scopeName, locale)
}

/** 同比 / 环比 as +12.5%, −3%, 持平, or — when there is nothing to compare with. */
export function changeLabel(now: number | bigint, before: number | bigint, t: TFunction): string {
  const { ratio } = changeOf(now, before)
  if (ratio === null) return t('statistics:change.none')
  if (ratio === 0) return t('statistics:change.same')
  return t(ratio > 0 ? 'statistics:change.up' : 'statistics:change.down', { pct: percent(Math.abs(ratio)) })
}

/** The paragraphs of the work summary, in the bureau's own words. */
export function writeWorkSummary(
  report: StatisticsReport,
  t: TFunction,
  locale: SummaryLocale,
): { title: string; paragraphs: string[] } {
  const f = report.figures.current
  const scope = scopeLabel(report, t, locale)
  const period = periodLabel(report.period, t)
  const isYearToDate = report.period.kind === 'YEAR' && report.period.from.slice(0, 4) === report.asOf.slice(0, 4)
  const lead = isYearToDate ? t('statistics:sinceYearStart') : period
  const share = (n: number, of: number) => percent(of > 0 ? n / of : null) ?? t('statistics:noShare')
  const money = (fen: bigint) => {
    const { unit, value } = summaryMoney(fen)
    return t(`statistics:summary.money.${unit}`, { value })
  }
  const paragraphs = [
    t('statistics:summary.opening', {
      lead,
      scope,
      consultations: f.consultations,
      complaintsAndReports: f.complaintsAndReports,
      wan: money(f.recoveredFen),
    }) +
      // Chinese sentences follow each other without a space; English ones with one.
      (locale === 'en' ? ' ' : '') +
      t('statistics:summary.compare', {
        yoy: changeLabel(f.complaintsAndReports, report.figures.yearEarlier.complaintsAndReports, t),
        mom: changeLabel(f.complaintsAndReports, report.figures.previous.complaintsAndReports, t),
      }),
    t('statistics:summary.composition', {
      complaints: f.complaints,
      reports: f.reports,
      goods: f.goods,
      services: f.services,
      online: f.online,
    }),
    ...f.byCategoryGroup
      .filter((g) => g.code !== '' && g.complaintsAndReports > 0)
      .slice(0, 3)
      .map((g) =>
        t('statistics:summary.category', {
          category: t(`categories:${g.code}`),
          count: g.complaintsAndReports,
          share: share(g.complaintsAndReports, f.complaintsAndReports),
          wan: money(g.recoveredFen),
        }),
      ),
    t('statistics:summary.services', { count: f.services, wan: money(f.servicesRecoveredFen) }),
    t('statistics:summary.cases', {
      complaintCases: f.complaintCases,
      complaintCaseWan: money(f.complaintCasePenaltyFen),
      casesFiled: f.casesFiled,
      penaltyWan: money(f.penaltyFen),
    }),
    t('statistics:summary.community', {
      settled: f.settledLocally,
      share: percent(f.settledLocallyShare) ?? t('statistics:noShare'),
    }),
    t('statistics:summary.handling', {
      accepted: f.accepted,
      notAccepted: f.notAccepted,
      agreed: f.mediationAgreed,
      ended: f.mediationEnded,
      escalated: f.escalated,
    }),
    ...(f.warningsSent > 0
      ? [t('statistics:summary.warnings', { count: f.warningsSent, reach: f.warningsReach })]
      : []),
    // A station that decided nothing (a liaison station: no statutory decision is its) has nothing to be on time with.
    ...(f.overdue > 0
      ? [t('statistics:summary.overdue', { count: f.overdue })]
      : f.decisionTime.count > 0
        ? [t('statistics:summary.noOverdue')]
        : []),
    f.satisfaction.count > 0
      ? t('statistics:summary.satisfaction', {
          count: f.satisfaction.count,
          mean: f.satisfaction.mean,
          share: percent(f.satisfaction.shareGood),
        })
      : t('statistics:summary.noSatisfaction'),
  ]
  return { title: t('statistics:summary.title', { scope, period }), paragraphs }
}

/** The rows of the table by station: name, consultations, complaints and reports, money recovered (yuan). */
export function stationRows(report: StatisticsReport, t: TFunction, locale: SummaryLocale): string[][] {
  return report.figures.current.byStation.map((line) => [
    line.code === ''
      ? t('statistics:chart.noStation')
      : nameIn(report.stationNames.get(line.code) ?? { zh: line.code, en: line.code }, locale),
    String(line.consultations),
    String(line.complaintsAndReports),
    formatFen(Number(line.recoveredFen), locale),
  ])
}

/** The key figures next to the year before and the previous period, as table rows. */
export function figureRows(report: StatisticsReport, t: TFunction, locale: SummaryLocale): string[][] {
  const { current, yearEarlier, previous } = report.figures
  const row = (label: string, pick: (f: HeadlineFigures) => number | bigint, money = false) => {
    const show = (v: number | bigint) => (money ? formatFen(Number(v), locale) : String(v))
    return [label, show(pick(current)), show(pick(yearEarlier)), show(pick(previous))]
  }
  const line = (key: string) => t(`statistics:table.${key}`)
  return [
    row(line('consultations'), (f) => f.consultations),
    row(line('complaintsAndReports'), (f) => f.complaintsAndReports),
    row(line('recovered'), (f) => f.recoveredFen, true),
    row(line('complaintCases'), (f) => f.complaintCases),
    row(line('penalty'), (f) => f.penaltyFen, true),
    row(line('settledLocally'), (f) => f.settledLocally),
    row(line('overdue'), (f) => f.overdue),
  ]
}

/** The lines of /stats: every figure, the headline ones with 同比 and 环比. */
export function statisticsLines(report: StatisticsReport, t: TFunction, locale: SummaryLocale): string[] {
  const { current: f, yearEarlier, previous } = report.figures
  const compare = (pick: (h: HeadlineFigures) => number | bigint) =>
    t('statistics:compare', {
      yoy: changeLabel(pick(f), pick(yearEarlier), t),
      mom: changeLabel(pick(f), pick(previous), t),
    })
  const money = (fen: bigint) => formatFen(Number(fen), locale)
  const days = (v: number | null) => (v === null ? '—' : String(v))
  const lines = [
    t('statistics:line.consultations', { value: f.consultations }) + compare((h) => h.consultations),
    t('statistics:line.complaintsAndReports', {
      value: f.complaintsAndReports,
      complaints: f.complaints,
      reports: f.reports,
    }) + compare((h) => h.complaintsAndReports),
    t('statistics:line.goodsServices', { goods: f.goods, services: f.services }),
    t('statistics:line.onlineOffline', { online: f.online, offline: f.offline }),
    t('statistics:line.accepted', { accepted: f.accepted, notAccepted: f.notAccepted }),
    t('statistics:line.settledLocally', { value: f.settledLocally, share: percent(f.settledLocallyShare) ?? '—' }) +
      compare((h) => h.settledLocally),
    t('statistics:line.escalated', { value: f.escalated }),
    t('statistics:line.mediation', { agreed: f.mediationAgreed, ended: f.mediationEnded }),
    t('statistics:line.recovered', { amount: money(f.recoveredFen) }) + compare((h) => h.recoveredFen),
    t('statistics:line.complaintCases', { value: f.complaintCases, amount: money(f.complaintCasePenaltyFen) }) +
      compare((h) => h.complaintCases),
    t('statistics:line.casesFiled', { value: f.casesFiled, amount: money(f.penaltyFen) }),
    f.satisfaction.count > 0
      ? t('statistics:line.satisfaction', {
          mean: f.satisfaction.mean,
          count: f.satisfaction.count,
          share: percent(f.satisfaction.shareGood),
        })
      : t('statistics:line.noRatings'),
    t('statistics:line.decisionTime', { median: days(f.decisionTime.median), p90: days(f.decisionTime.p90) }),
    t('statistics:line.closeTime', { median: days(f.closeTime.median), p90: days(f.closeTime.p90) }),
    t('statistics:line.overdue', { value: f.overdue }) + compare((h) => h.overdue),
    t('statistics:line.warnings', { count: f.warningsSent, reach: f.warningsReach }),
  ]
  if (f.hotspots.length > 0) {
    lines.push(
      t('statistics:line.hotspots', {
        list: f.hotspots
          .slice(0, 5)
          .map((h) => `${h.respondentName}（${h.count}）`)
          .join('、'),
      }),
    )
  }
  return lines
}
