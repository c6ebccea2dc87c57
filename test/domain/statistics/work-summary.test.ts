import { describe, expect, it } from 'vitest'
import { summarizeWork, type TicketTally } from '../../../src/domain/statistics/work-summary.ts'

const tally = (over: Partial<TicketTally>): TicketTally => ({
  kind: 'COMPLAINT', status: 'RECEIVED', closingOutcome: null, count: 1, recoveredFen: 0n, ratingSum: 0, ratingCount: 0, ...over,
})

describe('the yearly work summary', () => {
  it('counts consultations, complaints and reports separately', () => {
    const summary = summarizeWork([tally({ kind: 'INQUIRY', count: 3 }), tally({ count: 5 }), tally({ kind: 'REPORT', count: 2 })])
    expect(summary).toMatchObject({ inquiries: 3, complaints: 5, reports: 2, open: 10 })
  })

  it('classes closed tickets by how they ended and adds up the money recovered', () => {
    const summary = summarizeWork([
      tally({ status: 'SETTLED_LOCALLY', count: 2, recoveredFen: 30_000n }),
      tally({ status: 'CLOSED', closingOutcome: 'RESOLVED', count: 1, recoveredFen: 12_050n, ratingSum: 5, ratingCount: 1 }),
      tally({ status: 'CLOSED', closingOutcome: 'UNRESOLVED', count: 1, ratingSum: 2, ratingCount: 1 }),
      tally({ status: 'NOT_ACCEPTED', count: 1 }),
      tally({ kind: 'REPORT', status: 'CASE_FILED', count: 1 }),
    ])
    expect(summary).toMatchObject({ resolved: 4, unresolved: 2, open: 0, settledLocally: 2, recoveredFen: 42_050n })
    expect(summary.averageRating).toBe(3.5)
  })

  it('counts cases and 罚没金额 from the case records only, 诉转案 being the cases from complaints', () => {
    const summary = summarizeWork(
      [tally({ kind: 'REPORT', status: 'CASE_FILED', count: 1 }), tally({ status: 'MEDIATING', count: 1 })],
      [
        { originKind: 'COMPLAINT', filed: 2, penaltyFen: 3_000_000n },
        { originKind: 'REPORT', filed: 1, penaltyFen: 50_000n },
      ],
    )
    expect(summary).toMatchObject({ complaints: 1, reports: 1, casesFiled: 3, complaintCases: 2, penaltyFen: 3_050_000n })
    expect(summarizeWork([tally({ kind: 'REPORT', status: 'CASE_FILED' })])).toMatchObject({ casesFiled: 0, complaintCases: 0, penaltyFen: 0n })
  })

  it('has no average rating when nobody rated', () => {
    expect(summarizeWork([tally({})]).averageRating).toBeNull()
  })
})
