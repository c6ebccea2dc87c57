import { describe, expect, it } from 'vitest'
import {
  type CaseState,
  type ComplaintKind,
  type ComplaintStatus,
  type GroundCodes,
  planTransition,
  type TransitionInput,
} from '../../../src/domain/lifecycle/index.ts'

const grounds: GroundCodes = { notAccepted: ['OUTSIDE_DUTIES'], mediationEnded: ['AGREEMENT_IMPOSSIBLE'] }

describe('the case track', () => {
  const plan = (
    kind: ComplaintKind,
    status: ComplaintStatus,
    action: string,
    caseStatus: CaseState,
    input: TransitionInput = {},
  ) => planTransition({ kind, status, action, role: 'STAFF', input, grounds, caseStatus })

  it('opens a complaint’s case for verification, and its steps leave the complaint where it is', () => {
    expect(plan('COMPLAINT', 'MEDIATING', 'FILE_CASE', 'NONE')).toMatchObject({
      ok: true,
      to: 'MEDIATING',
      effects: { case: { from: 'NONE', to: 'VERIFYING' } },
    })
    expect(plan('COMPLAINT', 'MEDIATING', 'FILE_CASE', 'VERIFYING')).toEqual({
      ok: false,
      reason: 'NOT_ALLOWED_FROM_STATUS',
    })
    expect(plan('COMPLAINT', 'MEDIATING', 'CASE_FILE', 'VERIFYING')).toEqual({ ok: false, reason: 'NOTE_REQUIRED' })
    expect(plan('COMPLAINT', 'MEDIATING', 'CASE_FILE', 'VERIFYING', { note: '局负责人批准' })).toMatchObject({
      ok: true,
      to: 'MEDIATING',
      event: { note: '局负责人批准' },
      effects: { case: { from: 'VERIFYING', to: 'FILED' } },
    })
    expect(plan('COMPLAINT', 'CLOSED', 'CASE_DECIDE', 'FILED')).toEqual({ ok: false, reason: 'AMOUNT_REQUIRED' })
    expect(plan('COMPLAINT', 'CLOSED', 'CASE_DECIDE', 'FILED', { amountFen: 3_000_000 })).toMatchObject({
      ok: true,
      event: { amountFen: 3_000_000 },
      effects: { case: { from: 'FILED', to: 'DECIDED' } },
    })
    expect(plan('COMPLAINT', 'CLOSED', 'CASE_DECIDE', 'VERIFYING', { amountFen: 1 })).toEqual({
      ok: false,
      reason: 'NOT_ALLOWED_FROM_STATUS',
    })
  })

  it('files a report’s case with the report’s own 立案', () => {
    expect(plan('REPORT', 'VERIFYING', 'FILE_CASE', 'NONE')).toMatchObject({
      ok: true,
      to: 'CASE_FILED',
      effects: { case: { from: 'NONE', to: 'FILED' } },
    })
    expect(plan('REPORT', 'CASE_FILED', 'CASE_DECIDE', 'FILED', { amountFen: 0 })).toMatchObject({
      ok: true,
      to: 'CASE_FILED',
    })
  })

  it('is the bureau’s: no liaison or consumer takes a case step', () => {
    for (const role of ['LIAISON', 'CONSUMER'] as const) {
      expect(
        planTransition({
          kind: 'COMPLAINT',
          status: 'ACCEPTED',
          action: 'CASE_FILE',
          role,
          input: { note: 'x' },
          grounds,
          caseStatus: 'VERIFYING',
        }),
      ).toEqual({
        ok: false,
        reason: 'NOT_ALLOWED_FOR_ROLE',
      })
    }
  })
})
