import { describe, expect, it } from 'vitest'
import {
  COMPLAINT_KINDS,
  COMPLAINT_STATUSES,
  CONSUMER_NEXT_STEP,
  type ComplaintStatus,
  classOf,
  consumerNextStep,
  isOpenStatus,
  OPEN_STATUSES,
  planTransition,
  STATUSES_BY_KIND,
} from '../../../src/domain/lifecycle/index.ts'

const grounds = { notAccepted: ['OUTSIDE_DUTIES'], mediationEnded: ['AGREEMENT_IMPOSSIBLE'] }

describe('status list', () => {
  it('matches the database enum ComplaintStatus', () => {
    expect(COMPLAINT_STATUSES).toEqual([
      'SUBMITTED',
      'RECEIVED',
      'LOCAL_MEDIATION',
      'SETTLED_LOCALLY',
      'ESCALATED',
      'ACCEPTED',
      'NOT_ACCEPTED',
      'MEDIATING',
      'AGREED',
      'MEDIATION_ENDED',
      'CLOSED',
      'WITHDRAWN',
      'VERIFYING',
      'CASE_FILED',
      'NOT_FILED',
      'ANSWERED',
    ])
  })

  it('gives every status to at least one kind', () => {
    const used = new Set(COMPLAINT_KINDS.flatMap((k) => STATUSES_BY_KIND[k]))
    expect([...used].sort()).toEqual([...COMPLAINT_STATUSES].sort())
  })
})

describe('classOf', () => {
  it.each([
    ['SUBMITTED', 'open'],
    ['RECEIVED', 'open'],
    ['LOCAL_MEDIATION', 'open'],
    ['SETTLED_LOCALLY', 'closed-resolved'],
    ['ESCALATED', 'open'],
    ['ACCEPTED', 'open'],
    ['NOT_ACCEPTED', 'closed-unresolved'],
    ['MEDIATING', 'open'],
    ['AGREED', 'closed-resolved'],
    ['MEDIATION_ENDED', 'closed-unresolved'],
    ['WITHDRAWN', 'closed-unresolved'],
    ['VERIFYING', 'open'],
    ['CASE_FILED', 'closed-resolved'],
    ['NOT_FILED', 'closed-unresolved'],
    ['ANSWERED', 'closed-resolved'],
  ] as const)('%s is %s', (status, cls) => {
    expect(classOf(status)).toBe(cls)
  })

  it('classes CLOSED by its closing outcome', () => {
    expect(classOf('CLOSED', 'RESOLVED')).toBe('closed-resolved')
    expect(classOf('CLOSED', 'UNRESOLVED')).toBe('closed-unresolved')
    expect(() => classOf('CLOSED' as ComplaintStatus)).toThrow(RangeError)
    expect(() => classOf('CLOSED' as ComplaintStatus, null)).toThrow(RangeError)
  })

  it.each([
    ['COMPLAINT', 'AGREED', {}, 'closed-resolved'],
    ['COMPLAINT', 'MEDIATION_ENDED', {}, 'closed-unresolved'],
    ['COMPLAINT', 'ACCEPTED', { outcome: 'UNRESOLVED', note: 'consumer gave up' }, 'closed-unresolved'],
    ['INQUIRY', 'ANSWERED', {}, 'closed-resolved'],
  ] as const)('classes a %s closed from %s by the outcome the CLOSE event records', (kind, status, input, cls) => {
    const plan = planTransition({ kind, status, action: 'CLOSE', role: 'STAFF', input, grounds })
    if (!plan.ok) throw new Error(plan.reason)
    expect(plan.event.outcome).toBeDefined()
    expect(classOf(plan.to, plan.event.outcome)).toBe(cls)
  })

  it('keeps CLOSED out of the open statuses', () => {
    expect(isOpenStatus('CLOSED')).toBe(false)
    expect(OPEN_STATUSES).toEqual([
      'SUBMITTED',
      'RECEIVED',
      'LOCAL_MEDIATION',
      'ESCALATED',
      'ACCEPTED',
      'MEDIATING',
      'VERIFYING',
    ])
  })
})

describe('withdrawal', () => {
  const cases = COMPLAINT_KINDS.flatMap((kind) => STATUSES_BY_KIND[kind].map((status) => ({ kind, status })))

  // Formal mediation ends with its statutory ground; a report's verification goes on (only the wish is recorded).
  const expectedEnd = (kind: string, status: ComplaintStatus) =>
    kind === 'COMPLAINT' && (status === 'ACCEPTED' || status === 'MEDIATING')
      ? { to: 'MEDIATION_ENDED', ground: 'WITHDRAWN_OR_SETTLED' }
      : kind === 'REPORT' && status === 'VERIFYING'
        ? { to: 'VERIFYING' }
        : { to: 'WITHDRAWN' }

  it.each(cases.map((c) => [`${c.kind} in ${c.status}`, c] as const))('%s', (_, { kind, status }) => {
    const plan = planTransition({ kind, status, action: 'WITHDRAW', role: 'CONSUMER', grounds })
    if (isOpenStatus(status)) {
      const end = expectedEnd(kind, status)
      expect(plan).toEqual({
        ok: true,
        to: end.to,
        event: { action: 'WITHDRAW', from: status, ...end },
        effects: { case: null },
      })
    } else {
      expect(plan).toEqual({ ok: false, reason: 'NOT_ALLOWED_FROM_STATUS' })
    }
  })

  it('is the consumer’s alone', () => {
    for (const role of ['LIAISON', 'STAFF', 'ADMIN', 'SYSTEM'] as const) {
      expect(planTransition({ kind: 'COMPLAINT', status: 'ACCEPTED', action: 'WITHDRAW', role, grounds })).toEqual({
        ok: false,
        reason: 'NOT_ALLOWED_FOR_ROLE',
      })
    }
  })
})

describe('correcting a wrong closing (there is no reopening)', () => {
  const correct = (note: string | undefined, statusBeforeClosing?: ComplaintStatus) =>
    planTransition({
      kind: 'COMPLAINT',
      status: 'CLOSED',
      action: 'CORRECT_CLOSING',
      role: 'ADMIN',
      input: { note },
      grounds,
      ...(statusBeforeClosing && { statusBeforeClosing }),
    })

  it('returns a closed complaint to the status before its closing, with a reason', () => {
    expect(correct(undefined, 'AGREED')).toEqual({ ok: false, reason: 'NOTE_REQUIRED' })
    expect(correct('closed the wrong ticket', 'AGREED')).toMatchObject({
      ok: true,
      to: 'AGREED',
      event: { from: 'CLOSED', to: 'AGREED' },
    })
    expect(correct('closed too early', 'ACCEPTED')).toMatchObject({ ok: true, to: 'ACCEPTED' })
  })

  it('refuses without a known status before the closing', () => {
    expect(correct('x')).toEqual({ ok: false, reason: 'STATUS_BEFORE_CLOSING_UNKNOWN' })
    expect(correct('x', 'VERIFYING')).toEqual({ ok: false, reason: 'STATUS_BEFORE_CLOSING_UNKNOWN' })
  })

  it('is the bureau’s, and REOPEN is no action any more', () => {
    expect(
      planTransition({
        kind: 'COMPLAINT',
        status: 'CLOSED',
        action: 'CORRECT_CLOSING',
        role: 'LIAISON',
        input: { note: 'x' },
        grounds,
        statusBeforeClosing: 'AGREED',
      }),
    ).toEqual({
      ok: false,
      reason: 'NOT_ALLOWED_FOR_ROLE',
    })
    expect(
      planTransition({
        kind: 'COMPLAINT',
        status: 'CLOSED',
        action: 'REOPEN',
        role: 'STAFF',
        input: { note: 'x' },
        grounds,
      }),
    ).toEqual({
      ok: false,
      reason: 'UNKNOWN_ACTION',
    })
    expect(
      planTransition({
        kind: 'INQUIRY',
        status: 'CLOSED',
        action: 'CORRECT_CLOSING',
        role: 'STAFF',
        input: { note: 'x' },
        grounds,
      }),
    ).toEqual({
      ok: false,
      reason: 'NOT_FOR_KIND',
    })
  })
})

describe('consumerNextStep', () => {
  it('has a step for every status', () => {
    expect(Object.keys(CONSUMER_NEXT_STEP).sort()).toEqual([...COMPLAINT_STATUSES].sort())
  })

  it.each([
    ['SUBMITTED', 'AWAIT_ROUTING'],
    ['RECEIVED', 'AWAIT_DECISION'],
    ['ESCALATED', 'AWAIT_DECISION'],
    ['ACCEPTED', 'AWAIT_MEDIATION'],
    ['MEDIATING', 'TAKE_PART_IN_MEDIATION'],
    ['NOT_ACCEPTED', 'SEEK_OTHER_ROUTES'],
    ['MEDIATION_ENDED', 'SEEK_OTHER_ROUTES'],
    ['CLOSED', 'RATE_HANDLING'],
    ['VERIFYING', 'AWAIT_VERIFICATION'],
    ['ANSWERED', 'READ_ANSWER'],
  ] as const)('%s → %s', (status, step) => {
    expect(consumerNextStep(status)).toBe(step)
  })

  it('gives no waiting step to an ended ticket', () => {
    for (const status of COMPLAINT_STATUSES) {
      if (status !== 'CLOSED' && isOpenStatus(status)) continue
      expect(
        ['AWAIT_ROUTING', 'AWAIT_DECISION', 'AWAIT_LOCAL_MEDIATION', 'AWAIT_MEDIATION', 'AWAIT_VERIFICATION'],
        status,
      ).not.toContain(consumerNextStep(status))
    }
  })
})
