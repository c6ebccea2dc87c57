/**
 * The enforcement case (案件): opened from a complaint (诉转案) for verification (核查), or from a report when the
 * bureau files it (立案). Mirrors the database enum `CaseStatus`. The case is its own record, never a ticket: it is
 * not a newly received report, and statistics count cases and 罚没金额 from it alone.
 */
export const CASE_STATUSES = ['VERIFYING', 'FILED', 'NOT_FILED', 'DECIDED'] as const

/** 核查中, 已立案, 不予立案, 已作出处罚决定. */
export type CaseStatus = (typeof CASE_STATUSES)[number]

/** A ticket without a case yet. */
export type CaseState = CaseStatus | 'NONE'

/**
 * What a lifecycle row does to the ticket's case: it applies only while the case is in one of `from`
 * ('NONE': no case yet, so the row opens one) and moves it to `to`.
 */
export interface CaseStep {
  readonly from: readonly CaseState[]
  readonly to: CaseStatus
}
