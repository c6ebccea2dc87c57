import type { LocalDate } from '../calendar/local-date.ts'
import { type CategoryKind, categoryGroup, parentOf } from '../intake/categories.ts'
import type { ComplaintKind } from '../lifecycle/index.ts'
import { type AreaNode, ancestorAt } from './area-rollup.ts'
import type { GroundOf } from './definitions.ts'
import type { KeyedCount, KindTotals, StatisticsTallies, WorkingDaysCount } from './tallies.ts'

/** The figures that are compared with the year before and the previous period. */
export interface HeadlineFigures {
  /** 咨询, in 人次. */
  consultations: number
  /** 投诉, in 件. */
  complaints: number
  /** 举报, in 件. */
  reports: number
  /** 投诉举报, in 件: what a summary calls "处理各类消费者投诉举报". */
  complaintsAndReports: number
  /** Complaints and reports about goods (商品) and services (服务领域) by their category; uncategorised in neither. */
  goods: number
  services: number
  online: number
  offline: number
  accepted: number
  notAccepted: number
  /** 就地化解 (不出社区), and its share of the complaints (null without complaints). */
  settledLocally: number
  settledLocallyShare: number | null
  escalated: number
  mediationAgreed: number
  mediationEnded: number
  /** 挽回经济损失, fen. */
  recoveredFen: bigint
  /** Of which on services (服务领域). */
  servicesRecoveredFen: bigint
  /** 诉转案: cases filed in the period whose origin is a complaint; only those. */
  complaintCases: number
  /** 罚没金额 of the 诉转案 decided in the period, fen. */
  complaintCasePenaltyFen: bigint
  /** Every case filed (立案) in the period, from complaints and from reports. */
  casesFiled: number
  /** 罚没金额 of every case decided in the period, fen. */
  penaltyFen: bigint
  satisfaction: { mean: number | null; count: number; shareGood: number | null }
  /** Tickets whose decision was or is late against its statutory due date. */
  overdue: number
  /** 发布消费提示和警示: warnings sent in the period, and the people they reached (each counted once). */
  warningsSent: number
  warningsReach: number
}

/** One line of a breakdown. */
export interface Breakdown {
  code: string
  complaintsAndReports: number
  consultations: number
  recoveredFen: bigint
}

/** Handling time in working days (the receipt day not counted), nearest-rank percentiles. */
export interface HandlingTime {
  count: number
  median: number | null
  p90: number | null
}

/** The full figures of a period. */
export interface Figures extends HeadlineFigures {
  byCategoryGroup: Breakdown[]
  byCategory: Breakdown[]
  byStation: Breakdown[]
  byDistrict: Breakdown[]
  byStreet: Breakdown[]
  notAcceptedByGround: { ground: string; count: number }[]
  mediationEndedByGround: { ground: string; count: number }[]
  decisionTime: HandlingTime
  closeTime: HandlingTime
  intakeByWeek: { weekStart: LocalDate; complaintsAndReports: number; consultations: number }[]
  /** 热点: the businesses with the most complaints and reports. */
  hotspots: { respondentName: string; count: number }[]
}

const isCase = (kind: ComplaintKind) => kind === 'COMPLAINT' || kind === 'REPORT'

/** The kind of goods/services a leaf category (or group) belongs to, undefined when unknown. */
export function categoryKindOf(code: string): CategoryKind | undefined {
  const group = categoryGroup(code) ?? categoryGroup(parentOf(code) ?? '')
  return group?.kind
}

/** The headline figures of a tally. */
export function buildHeadline(tallies: StatisticsTallies): HeadlineFigures {
  const sum = (pick: (t: KindTotals) => number, kinds: ComplaintKind[] = ['COMPLAINT', 'REPORT']) =>
    tallies.totals.filter((t) => kinds.includes(t.kind)).reduce((n, t) => n + pick(t), 0)
  const complaints = sum((t) => t.count, ['COMPLAINT'])
  const settledLocally = sum((t) => t.settledLocally)
  const ratingCount = sum((t) => t.ratingCount, ['COMPLAINT', 'REPORT', 'INQUIRY'])
  const ratingSum = sum((t) => t.ratingSum, ['COMPLAINT', 'REPORT', 'INQUIRY'])
  const ratingsGood = sum((t) => t.ratingsGood, ['COMPLAINT', 'REPORT', 'INQUIRY'])
  let goods = 0
  let services = 0
  let servicesRecoveredFen = 0n
  for (const row of tallies.byCategory) {
    if (!isCase(row.kind)) continue
    const kind = categoryKindOf(row.key)
    if (kind === 'GOODS') goods += row.count
    if (kind === 'SERVICES') {
      services += row.count
      servicesRecoveredFen += row.recoveredFen
    }
  }
  const cases = (origin?: ComplaintKind) => tallies.cases.filter((c) => origin === undefined || c.originKind === origin)
  const complaintsAndReports = sum((t) => t.count)
  const online = sum((t) => t.online)
  return {
    consultations: sum((t) => t.count, ['INQUIRY']),
    complaints,
    reports: sum((t) => t.count, ['REPORT']),
    complaintsAndReports,
    goods,
    services,
    online,
    offline: complaintsAndReports - online,
    accepted: sum((t) => t.accepted),
    notAccepted: sum((t) => t.notAccepted),
    settledLocally,
    settledLocallyShare: complaints > 0 ? settledLocally / complaints : null,
    escalated: sum((t) => t.escalated, ['COMPLAINT', 'REPORT', 'INQUIRY']),
    mediationAgreed: sum((t) => t.mediationAgreed),
    mediationEnded: sum((t) => t.mediationEnded),
    recoveredFen: tallies.totals.reduce((n, t) => n + t.recoveredFen, 0n),
    servicesRecoveredFen,
    complaintCases: cases('COMPLAINT').reduce((n, c) => n + c.filed, 0),
    complaintCasePenaltyFen: cases('COMPLAINT').reduce((n, c) => n + c.penaltyFen, 0n),
    casesFiled: cases().reduce((n, c) => n + c.filed, 0),
    penaltyFen: cases().reduce((n, c) => n + c.penaltyFen, 0n),
    warningsSent: tallies.warnings?.sent ?? 0,
    warningsReach: tallies.warnings?.reach ?? 0,
    satisfaction: {
      mean: ratingCount > 0 ? Math.round((ratingSum / ratingCount) * 100) / 100 : null,
      count: ratingCount,
      shareGood: ratingCount > 0 ? ratingsGood / ratingCount : null,
    },
    overdue: sum((t) => t.overdue, ['COMPLAINT', 'REPORT', 'INQUIRY']),
  }
}

/**
 * The figures of a detailed tally: the headline plus every breakdown. Areas roll up to their street and district
 * through `areas`.
 */
export function buildFigures(tallies: StatisticsTallies, areas: ReadonlyMap<string, AreaNode>): Figures {
  const detail = tallies.detail ?? {
    byStation: [],
    byArea: [],
    grounds: [],
    decisionTimes: [],
    closeTimes: [],
    intakeByWeek: [],
    hotspots: [],
  }
  const grounds = (of: GroundOf) =>
    detail.grounds
      .filter((g) => g.groundOf === of)
      .map(({ ground, count }) => ({ ground, count }))
      .sort((a, b) => b.count - a.count || a.ground.localeCompare(b.ground))
  const weeks = new Map<LocalDate, { weekStart: LocalDate; complaintsAndReports: number; consultations: number }>()
  for (const row of detail.intakeByWeek) {
    const week = weeks.get(row.weekStart) ?? { weekStart: row.weekStart, complaintsAndReports: 0, consultations: 0 }
    if (isCase(row.kind)) week.complaintsAndReports += row.count
    else week.consultations += row.count
    weeks.set(row.weekStart, week)
  }
  return {
    ...buildHeadline(tallies),
    byCategoryGroup: breakdown(tallies.byCategory, (code) => (code === '' ? '' : (parentOf(code) ?? code))),
    byCategory: breakdown(tallies.byCategory, (code) => code),
    byStation: breakdown(detail.byStation, (code) => code),
    byDistrict: breakdown(detail.byArea, (code) => ancestorAt(code, 'DISTRICT', areas)),
    byStreet: breakdown(detail.byArea, (code) => ancestorAt(code, 'STREET', areas)),
    notAcceptedByGround: grounds('NOT_ACCEPTED'),
    mediationEndedByGround: grounds('MEDIATION_ENDED'),
    decisionTime: handlingTime(detail.decisionTimes),
    closeTime: handlingTime(detail.closeTimes),
    intakeByWeek: [...weeks.values()].sort((a, b) => a.weekStart.localeCompare(b.weekStart)),
    hotspots: [...detail.hotspots],
  }
}

/** Adds up keyed counts under the key `keyOf` maps them to, largest first ('' = not recorded, always last). */
function breakdown(rows: readonly KeyedCount[], keyOf: (key: string) => string): Breakdown[] {
  const lines = new Map<string, Breakdown>()
  for (const row of rows) {
    const code = keyOf(row.key)
    const line = lines.get(code) ?? { code, complaintsAndReports: 0, consultations: 0, recoveredFen: 0n }
    if (isCase(row.kind)) line.complaintsAndReports += row.count
    else line.consultations += row.count
    line.recoveredFen += row.recoveredFen
    lines.set(code, line)
  }
  return [...lines.values()].sort(
    (a, b) =>
      Number(a.code === '') - Number(b.code === '') ||
      b.complaintsAndReports - a.complaintsAndReports ||
      b.consultations - a.consultations ||
      a.code.localeCompare(b.code),
  )
}

/** Median and 90th percentile (nearest rank) of the working days each ticket took. */
export function handlingTime(counts: readonly WorkingDaysCount[]): HandlingTime {
  const durations = [...counts].sort((a, b) => a.days - b.days)
  const count = durations.reduce((n, d) => n + d.count, 0)
  const rank = (share: number) => {
    const target = Math.ceil(share * count)
    let seen = 0
    for (const d of durations) {
      seen += d.count
      if (seen >= target) return d.days
    }
    return null
  }
  return { count, median: count > 0 ? rank(0.5) : null, p90: count > 0 ? rank(0.9) : null }
}
