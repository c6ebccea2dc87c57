import { classOf, type ClosingOutcome, type ComplaintKind, type ComplaintStatus } from '../lifecycle/index.ts'

/** One group of tickets with the same kind, status and closing outcome, as counted by the database. */
export interface TicketTally {
  kind: ComplaintKind
  status: ComplaintStatus
  closingOutcome: ClosingOutcome | null
  count: number
  recoveredFen: bigint
  /** Sum and number of satisfaction ratings in this group. */
  ratingSum: number
  ratingCount: number
}

/** Enforcement cases of one origin kind, as counted by the database over the period. */
export interface CaseTally {
  originKind: ComplaintKind
  /** Cases filed (立案) in the period. */
  filed: number
  /** 罚没金额 of the penalty decisions made in the period, fen. */
  penaltyFen: bigint
}

/** The figures a station's yearly work summary is made of. */
export interface WorkSummary {
  inquiries: number
  complaints: number
  reports: number
  open: number
  resolved: number
  unresolved: number
  settledLocally: number
  /** Cases filed (立案), from the case records: a case is never counted as a received report. */
  casesFiled: number
  /** 诉转案: the filed cases whose origin is a complaint. */
  complaintCases: number
  /** 罚没金额, fen. */
  penaltyFen: bigint
  recoveredFen: bigint
  /** Mean rating 1–5, or null when nobody rated. */
  averageRating: number | null
  ratings: number
}

/**
 * Adds up ticket and case tallies into a work summary; resolved/unresolved follow the lifecycle's status classes,
 * cases and 罚没金额 come from the case tallies alone.
 */
export function summarizeWork(tallies: readonly TicketTally[], cases: readonly CaseTally[] = []): WorkSummary {
  const summary: WorkSummary = {
    inquiries: 0, complaints: 0, reports: 0, open: 0, resolved: 0, unresolved: 0,
    settledLocally: 0, casesFiled: 0, complaintCases: 0, penaltyFen: 0n, recoveredFen: 0n, averageRating: null, ratings: 0,
  }
  for (const tally of cases) {
    summary.casesFiled += tally.filed
    if (tally.originKind === 'COMPLAINT') summary.complaintCases += tally.filed
    summary.penaltyFen += tally.penaltyFen
  }
  let ratingSum = 0
  for (const tally of tallies) {
    if (tally.kind === 'INQUIRY') summary.inquiries += tally.count
    else if (tally.kind === 'REPORT') summary.reports += tally.count
    else summary.complaints += tally.count
    const statusClass = classOf(tally.status, tally.closingOutcome ?? 'UNRESOLVED')
    if (statusClass === 'open') summary.open += tally.count
    else if (statusClass === 'closed-resolved') summary.resolved += tally.count
    else summary.unresolved += tally.count
    if (tally.status === 'SETTLED_LOCALLY') summary.settledLocally += tally.count
    summary.recoveredFen += tally.recoveredFen
    ratingSum += tally.ratingSum
    summary.ratings += tally.ratingCount
  }
  summary.averageRating = summary.ratings > 0 ? Math.round((ratingSum / summary.ratings) * 10) / 10 : null
  return summary
}
