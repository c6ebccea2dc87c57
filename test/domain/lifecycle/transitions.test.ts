import { describe, expect, it } from 'vitest'
import {
  ACTOR_ROLES,
  availableActions,
  CASE_STATUSES,
  type CaseState,
  COMPLAINT_KINDS,
  COMPLAINT_STATUSES,
  type ComplaintKind,
  type ComplaintStatus,
  type GroundCodes,
  LIFECYCLE_ACTIONS,
  planTransition,
  STATUSES_BY_KIND,
  TRANSITIONS,
  type TransitionInput,
} from '../../../src/domain/lifecycle/index.ts'
import {
  EXPECTED_LIFECYCLE,
  EXPECTED_STATUSES_BY_KIND,
  type ExpectedEntry,
  entryKey,
  parseExpected,
} from './expected-lifecycle.ts'

const grounds: GroundCodes = { notAccepted: ['OUTSIDE_DUTIES'], mediationEnded: ['AGREEMENT_IMPOSSIBLE'] }

/** Input that satisfies every requirement; FROM_INPUT closings state RESOLVED. */
const fullInput = (action: string): TransitionInput => ({
  note: 'details',
  ground: action === 'REJECT' ? 'OUTSIDE_DUTIES' : 'AGREEMENT_IMPOSSIBLE',
  amountFen: 12_300,
  targetStationId: 'station-2',
  liaisonId: 7,
  outcome: 'RESOLVED',
})

const expected = parseExpected(EXPECTED_LIFECYCLE)
const expectedByKey = new Map(expected.map((e) => [entryKey(e.kind, e.from, e.action), e]))

/** The table expanded the same way as the hand-written list. */
function tableEntries(): ExpectedEntry[] {
  return TRANSITIONS.flatMap((rule) =>
    rule.kinds.flatMap((kind) =>
      rule.from
        .filter((from) => STATUSES_BY_KIND[kind].includes(from))
        .map((from) => ({
          kind,
          from,
          action: rule.action,
          to: rule.to ?? from,
          roles: [...rule.roles],
          requires: [...rule.requires],
          outcome: rule.outcome,
          caseStep: rule.case && { from: rule.case.from.join(','), to: rule.case.to },
          ground: rule.ground,
          restores: rule.restoresStatusBeforeClosing === true,
        })),
    ),
  )
}

const describeEntry = (e: ExpectedEntry): string =>
  `${e.kind} ${e.from}:${e.action}:${e.to} roles=${[...e.roles].sort().join(',')} requires=${[...e.requires].sort().join(',')}` +
  ` outcome=${e.outcome ?? '-'} case=${e.caseStep ? `${e.caseStep.from}>${e.caseStep.to}` : '-'} ground=${e.ground ?? '-'} restores=${e.restores}`

describe('transition table', () => {
  it('applies each status to the kinds written out by hand', () => {
    expect(STATUSES_BY_KIND).toEqual(EXPECTED_STATUSES_BY_KIND)
  })

  it('equals the hand-written lifecycle', () => {
    const actual = tableEntries().map(describeEntry).sort()
    expect(actual).toEqual(expected.map(describeEntry).sort())
  })

  it('has at most one row per (kind, status, action)', () => {
    const keys = tableEntries().map((e) => entryKey(e.kind, e.from, e.action))
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('leads only to statuses of the row’s kinds, and no row is dead for a kind', () => {
    for (const rule of TRANSITIONS) {
      for (const kind of rule.kinds) {
        if (rule.to !== null) expect(STATUSES_BY_KIND[kind], `${rule.action} → ${rule.to}`).toContain(rule.to)
        expect(
          rule.from.some((s) => STATUSES_BY_KIND[kind].includes(s)),
          `${rule.action} for ${kind}`,
        ).toBe(true)
      }
    }
  })

  it('reaches every status of every kind from SUBMITTED', () => {
    for (const kind of COMPLAINT_KINDS) {
      const reached = new Set<string>(['SUBMITTED'])
      for (let grew = true; grew; ) {
        grew = false
        for (const e of tableEntries()) {
          if (e.kind === kind && reached.has(e.from) && !reached.has(e.to)) {
            reached.add(e.to)
            grew = true
          }
        }
      }
      expect([...reached].sort(), kind).toEqual([...STATUSES_BY_KIND[kind]].sort())
    }
  })
})

describe('planTransition: every allowed transition, generated from the table', () => {
  const allowed = tableEntries().flatMap((e) => e.roles.map((role) => ({ ...e, role })))

  it.each(allowed.map((a) => [`${a.kind} ${a.from}:${a.action}:${a.to} by ${a.role}`, a] as const))('%s', (_, a) => {
    const plan = planTransition({
      kind: a.kind as ComplaintKind,
      status: a.from as ComplaintStatus,
      action: a.action,
      role: a.role as (typeof ACTOR_ROLES)[number],
      input: fullInput(a.action),
      grounds,
      caseStatus: (a.caseStep?.from ?? 'NONE') as CaseState,
      statusBeforeClosing: 'AGREED',
    })
    if (!plan.ok) throw new Error(`refused: ${plan.reason}`)
    const to = a.restores ? 'AGREED' : a.to
    expect(plan.to).toBe(to)
    expect(plan.event.action).toBe(a.action)
    expect(plan.event.from).toBe(a.from)
    expect(plan.event.to).toBe(to)
    expect(plan.effects.case).toEqual(a.caseStep ? { from: a.caseStep.from, to: a.caseStep.to } : null)
    if (a.ground !== undefined) expect(plan.event.ground).toBe(a.ground)
    const outcome = a.outcome === 'FROM_INPUT' ? 'RESOLVED' : a.outcome
    expect(plan.event.outcome).toBe(outcome)
  })
})

describe('planTransition: every combination', () => {
  /** The refusal the hand-written list predicts, or undefined if the combination is allowed. */
  function expectedReason(
    kind: string,
    status: string,
    action: string,
    role: string,
    caseState: string,
  ): string | undefined {
    if (!(LIFECYCLE_ACTIONS as readonly string[]).includes(action)) return 'UNKNOWN_ACTION'
    if (!EXPECTED_STATUSES_BY_KIND[kind]?.includes(status)) return 'STATUS_NOT_FOR_KIND'
    if (!expected.some((e) => e.kind === kind && e.action === action)) return 'NOT_FOR_KIND'
    const entry = expectedByKey.get(entryKey(kind, status, action))
    if (entry === undefined) return 'NOT_ALLOWED_FROM_STATUS'
    if (entry.caseStep !== undefined && entry.caseStep.from !== caseState) return 'NOT_ALLOWED_FROM_STATUS'
    if (!entry.roles.includes(role)) return 'NOT_ALLOWED_FOR_ROLE'
    return undefined
  }

  const actions = [...LIFECYCLE_ACTIONS, 'LAUNCH_ROCKET']
  const caseStates: CaseState[] = ['NONE', ...CASE_STATUSES]
  const cases = COMPLAINT_KINDS.flatMap((kind) =>
    COMPLAINT_STATUSES.flatMap((status) =>
      actions.flatMap((action) =>
        ACTOR_ROLES.flatMap((role) => caseStates.map((caseStatus) => ({ kind, status, action, role, caseStatus }))),
      ),
    ),
  )

  it(`answers all ${cases.length} (kind × status × action × role × case state) as the hand-written list predicts`, () => {
    const mismatches: string[] = []
    for (const c of cases) {
      const plan = planTransition({ ...c, input: fullInput(c.action), grounds, statusBeforeClosing: 'AGREED' })
      const want = expectedReason(c.kind, c.status, c.action, c.role, c.caseStatus)
      const got = plan.ok ? undefined : plan.reason
      if (got !== want)
        mismatches.push(
          `${c.kind} ${c.status} ${c.action} ${c.role} case=${c.caseStatus}: want ${want ?? 'ok'}, got ${got ?? 'ok'}`,
        )
    }
    expect(mismatches).toEqual([])
  })

  it('refuses some combinations with the reason of the first failing check', () => {
    const plan = (kind: ComplaintKind, status: ComplaintStatus, action: string, role: (typeof ACTOR_ROLES)[number]) =>
      planTransition({ kind, status, action, role, grounds })
    expect(plan('COMPLAINT', 'RECEIVED', 'ACCEPT', 'CONSUMER')).toEqual({ ok: false, reason: 'NOT_ALLOWED_FOR_ROLE' })
    expect(plan('COMPLAINT', 'RECEIVED', 'START_VERIFICATION', 'STAFF')).toEqual({ ok: false, reason: 'NOT_FOR_KIND' })
    expect(plan('COMPLAINT', 'CLOSED', 'ACCEPT', 'STAFF')).toEqual({ ok: false, reason: 'NOT_ALLOWED_FROM_STATUS' })
    expect(plan('REPORT', 'MEDIATING', 'ADD_NOTE', 'STAFF')).toEqual({ ok: false, reason: 'STATUS_NOT_FOR_KIND' })
    expect(plan('COMPLAINT', 'RECEIVED', 'accept', 'STAFF')).toEqual({ ok: false, reason: 'UNKNOWN_ACTION' })
    // The role is checked before the input: no hint about missing grounds to the unauthorized.
    expect(plan('COMPLAINT', 'RECEIVED', 'REJECT', 'LIAISON')).toEqual({ ok: false, reason: 'NOT_ALLOWED_FOR_ROLE' })
    expect(plan('COMPLAINT', 'SUBMITTED', 'ADD_NOTE', 'SYSTEM')).toEqual({ ok: false, reason: 'NOT_ALLOWED_FOR_ROLE' })
  })
})

describe('availableActions', () => {
  it('offers exactly the allowed actions, in button order', () => {
    for (const kind of COMPLAINT_KINDS) {
      for (const status of COMPLAINT_STATUSES) {
        for (const role of ACTOR_ROLES) {
          for (const caseStatus of ['NONE', ...CASE_STATUSES] as const) {
            const want = LIFECYCLE_ACTIONS.filter((action) => {
              const entry = expectedByKey.get(entryKey(kind, status, action))
              return (
                entry?.roles.includes(role) === true &&
                (entry.caseStep === undefined || entry.caseStep.from === caseStatus)
              )
            })
            expect(
              availableActions(kind, status, role, undefined, caseStatus),
              `${kind} ${status} ${role} case=${caseStatus}`,
            ).toEqual(want)
          }
        }
      }
    }
  })

  it('offers a liaison the local-mediation buttons on a received complaint', () => {
    expect(availableActions('COMPLAINT', 'RECEIVED', 'LIAISON')).toEqual([
      'START_LOCAL_MEDIATION',
      'ESCALATE',
      'ADD_NOTE',
    ])
    expect(availableActions('COMPLAINT', 'LOCAL_MEDIATION', 'LIAISON')).toEqual([
      'SETTLE_LOCALLY',
      'ESCALATE',
      'ADD_NOTE',
    ])
  })

  it('offers the consumer only withdrawal, and the routing worker only routing', () => {
    expect(availableActions('COMPLAINT', 'MEDIATING', 'CONSUMER')).toEqual(['WITHDRAW'])
    expect(availableActions('COMPLAINT', 'CLOSED', 'CONSUMER')).toEqual([])
    expect(availableActions('REPORT', 'SUBMITTED', 'SYSTEM')).toEqual(['ROUTE'])
    expect(availableActions('REPORT', 'RECEIVED', 'SYSTEM')).toEqual([])
  })
})
