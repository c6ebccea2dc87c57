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

/** The figures a station's yearly work summary is made of. */
export interface WorkSummary {
  inquiries: number
  complaints: number
  reports: number
  open: number
  resolved: number
  unresolved: number
  settledLocally: number
  casesFiled: number
  recoveredFen: bigint
  /** Mean rating 1–5, or null when nobody rated. */
  averageRating: number | null
  ratings: number
}

/** Adds up tallies into a work summary; resolved/unresolved follow the lifecycle's status classes. */
export function summarizeWork(tallies: readonly TicketTally[]): WorkSummary {
  const summary: WorkSummary = {
    inquiries: 0, complaints: 0, reports: 0, open: 0, resolved: 0, unresolved: 0,
    settledLocally: 0, casesFiled: 0, recoveredFen: 0n, averageRating: null, ratings: 0,
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
    if (tally.status === 'CASE_FILED') summary.casesFiled += tally.count
    summary.recoveredFen += tally.recoveredFen
    ratingSum += tally.ratingSum
    summary.ratings += tally.ratingCount
  }
  summary.averageRating = summary.ratings > 0 ? Math.round((ratingSum / summary.ratings) * 10) / 10 : null
  return summary
}
