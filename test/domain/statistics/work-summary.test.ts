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
    expect(summary).toMatchObject({ resolved: 4, unresolved: 2, open: 0, settledLocally: 2, casesFiled: 1, recoveredFen: 42_050n })
    expect(summary.averageRating).toBe(3.5)
  })

  it('has no average rating when nobody rated', () => {
    expect(summarizeWork([tally({})]).averageRating).toBeNull()
  })
})
