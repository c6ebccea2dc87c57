import type { LocalDate } from '../calendar/local-date.ts'
import type { ComplaintKind } from '../lifecycle/index.ts'
import type { GroundOf } from './definitions.ts'

/** The ticket-level sums of one kind over a period and scope, as the database adds them up (definitions.ts). */
export interface KindTotals {
  kind: ComplaintKind
  count: number
  online: number
  accepted: number
  notAccepted: number
  settledLocally: number
  escalated: number
  mediationAgreed: number
  mediationEnded: number
  recoveredFen: bigint
  ratingSum: number
  ratingCount: number
  /** Ratings of 4 or 5. */
  ratingsGood: number
  overdue: number
}

/** The sums of a kind no ticket has been counted in yet. */
export function emptyKindTotals(kind: ComplaintKind): KindTotals {
  return {
    kind,
    count: 0,
    online: 0,
    accepted: 0,
    notAccepted: 0,
    settledLocally: 0,
    escalated: 0,
    mediationAgreed: 0,
    mediationEnded: 0,
    recoveredFen: 0n,
    ratingSum: 0,
    ratingCount: 0,
    ratingsGood: 0,
    overdue: 0,
  }
}

/** Tickets of one kind under one key (a leaf category, a station id, an area code); '' = none recorded. */
export interface KeyedCount {
  key: string
  kind: ComplaintKind
  count: number
  recoveredFen: bigint
}

/** How many tickets took `days` working days (the receipt day not counted; never below 0). */
export interface WorkingDaysCount {
  days: number
  count: number
}

/** Enforcement cases by origin kind: filed (立案) in the period, and 罚没金额 decided in it. */
export interface CaseTally {
  originKind: ComplaintKind
  filed: number
  penaltyFen: bigint
}

/** Everything the database returns for one period and scope; {@link buildFigures} makes the figures of it. */
export interface StatisticsTallies {
  totals: readonly KindTotals[]
  byCategory: readonly KeyedCount[]
  cases: readonly CaseTally[]
  /** Consumer warnings confirmed in the period that reached someone, and how many people they reached. */
  warnings?: { sent: number; reach: number }
  /** Only in a detailed tally (not needed for the comparison periods). */
  detail?: {
    byStation: readonly KeyedCount[]
    byArea: readonly KeyedCount[]
    grounds: readonly { groundOf: GroundOf; ground: string; count: number }[]
    decisionTimes: readonly WorkingDaysCount[]
    closeTimes: readonly WorkingDaysCount[]
    intakeByWeek: readonly { weekStart: LocalDate; kind: ComplaintKind; count: number }[]
    hotspots: readonly { respondentName: string; count: number }[]
  }
}
