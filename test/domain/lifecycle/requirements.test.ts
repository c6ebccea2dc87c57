import { describe, expect, it } from 'vitest'
import {
  type ActorRole,
  type CaseState,
  type ComplaintKind,
  type ComplaintStatus,
  type GroundCodes,
  planTransition,
  type TransitionInput,
} from '../../../src/domain/lifecycle/index.ts'
import { EXPECTED_LIFECYCLE, parseExpected } from './expected-lifecycle.ts'

const grounds: GroundCodes = {
  notAccepted: ['OUTSIDE_DUTIES', 'IMPERSONATION'],
  mediationEnded: ['AGREEMENT_IMPOSSIBLE', 'PARTY_CEASED_TO_EXIST'],
}

const plan = (
  kind: ComplaintKind,
  status: ComplaintStatus,
  action: string,
  input: TransitionInput,
  role: ActorRole = 'STAFF',
  caseStatus: CaseState = 'NONE',
) => planTransition({ kind, status, action, role, input, grounds, caseStatus, statusBeforeClosing: 'AGREED' })

const reasonOf = (p: ReturnType<typeof planTransition>): string => (p.ok ? 'ok' : p.reason)

const FULL: Readonly<Record<string, Partial<TransitionInput>>> = {
  NOTE: { note: 'why' },
  NOT_ACCEPTED_GROUND: { ground: 'OUTSIDE_DUTIES' },
  MEDIATION_ENDED_GROUND: { ground: 'AGREEMENT_IMPOSSIBLE' },
  AMOUNT: { amountFen: 0 },
  TARGET_STATION: { targetStationId: 'station-2' },
  LIAISON: { liaisonId: 7 },
  OUTCOME: { outcome: 'UNRESOLVED' },
}
const MISSING_REASON: Readonly<Record<string, string>> = {
  NOTE: 'NOTE_REQUIRED',
  NOT_ACCEPTED_GROUND: 'GROUND_REQUIRED',
  MEDIATION_ENDED_GROUND: 'GROUND_REQUIRED',
  AMOUNT: 'AMOUNT_REQUIRED',
  TARGET_STATION: 'TARGET_STATION_REQUIRED',
  LIAISON: 'LIAISON_REQUIRED',
  OUTCOME: 'OUTCOME_REQUIRED',
}

describe('requirements of every row', () => {
  const cases = parseExpected(EXPECTED_LIFECYCLE).flatMap((e) =>
    e.requires.map((missing) => ({ ...e, missing, role: e.roles[0] as ActorRole })),
  )

  it.each(cases.map((c) => [`${c.kind} ${c.from}:${c.action} without ${c.missing}`, c] as const))('%s', (_, c) => {
    const others = c.requires.filter((r) => r !== c.missing).map((r) => FULL[r])
    const input: TransitionInput = Object.assign({}, ...others)
    const caseStatus = (c.caseStep?.from ?? 'NONE') as CaseState
    expect(
      reasonOf(plan(c.kind as ComplaintKind, c.from as ComplaintStatus, c.action, input, c.role, caseStatus)),
    ).toBe(MISSING_REASON[c.missing])
  })
})

describe('grounds', () => {
  it('requires a ground to reject, and records it', () => {
    expect(reasonOf(plan('COMPLAINT', 'RECEIVED', 'REJECT', {}))).toBe('GROUND_REQUIRED')
    expect(reasonOf(plan('COMPLAINT', 'RECEIVED', 'REJECT', { ground: '  ' }))).toBe('GROUND_REQUIRED')
    const p = plan('COMPLAINT', 'ESCALATED', 'REJECT', { ground: 'IMPERSONATION' })
    expect(p).toMatchObject({ ok: true, to: 'NOT_ACCEPTED', event: { ground: 'IMPERSONATION' } })
  })

  it('refuses grounds not in the list given, including the other list’s', () => {
    expect(reasonOf(plan('COMPLAINT', 'RECEIVED', 'REJECT', { ground: 'MADE_UP' }))).toBe('GROUND_UNKNOWN')
    expect(reasonOf(plan('COMPLAINT', 'RECEIVED', 'REJECT', { ground: 'AGREEMENT_IMPOSSIBLE' }))).toBe('GROUND_UNKNOWN')
    expect(reasonOf(plan('COMPLAINT', 'MEDIATING', 'END_MEDIATION', { ground: 'OUTSIDE_DUTIES' }))).toBe(
      'GROUND_UNKNOWN',
    )
    expect(reasonOf(plan('COMPLAINT', 'MEDIATING', 'END_MEDIATION', { ground: 'outside_duties' }))).toBe(
      'GROUND_UNKNOWN',
    )
  })

  it('follows the rule in force: a ground only Order 121 has is unknown under an Order 20 list', () => {
    const order20: GroundCodes = { notAccepted: ['OUTSIDE_DUTIES'], mediationEnded: ['AGREEMENT_IMPOSSIBLE'] }
    const p = planTransition({
      kind: 'COMPLAINT',
      status: 'MEDIATING',
      action: 'END_MEDIATION',
      role: 'STAFF',
      input: { ground: 'PARTY_CEASED_TO_EXIST' },
      grounds: order20,
    })
    expect(reasonOf(p)).toBe('GROUND_UNKNOWN')
    expect(reasonOf(plan('COMPLAINT', 'MEDIATING', 'END_MEDIATION', { ground: 'PARTY_CEASED_TO_EXIST' }))).toBe('ok')
  })

  it('ignores a ground on actions that take none', () => {
    const p = plan('COMPLAINT', 'RECEIVED', 'ACCEPT', { ground: 'MADE_UP' })
    expect(p.ok && p.event.ground).toBe(undefined)
  })
})

describe('amounts', () => {
  it.each([
    ['RECORD_AGREEMENT', 'MEDIATING', 'STAFF'],
    ['SETTLE_LOCALLY', 'LOCAL_MEDIATION', 'LIAISON'],
  ] as const)('%s takes a whole, non-negative number of fen', (action, status, role) => {
    expect(reasonOf(plan('COMPLAINT', status, action, {}, role))).toBe('AMOUNT_REQUIRED')
    for (const amountFen of [-1, -0.5, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(reasonOf(plan('COMPLAINT', status, action, { amountFen }, role)), String(amountFen)).toBe('AMOUNT_INVALID')
    }
    expect(plan('COMPLAINT', status, action, { amountFen: 0 }, role)).toMatchObject({
      ok: true,
      event: { amountFen: 0 },
    })
    expect(plan('COMPLAINT', status, action, { amountFen: 49_900 }, role)).toMatchObject({
      ok: true,
      event: { amountFen: 49_900 },
    })
  })

  it('ignores an amount on actions that take none, even an invalid one', () => {
    const p = plan('COMPLAINT', 'ACCEPTED', 'START_MEDIATION', { amountFen: -5 })
    expect(p.ok && 'amountFen' in p.event).toBe(false)
  })
})

describe('notes and other input', () => {
  it('treats a blank note as missing and trims the note it records', () => {
    expect(reasonOf(plan('COMPLAINT', 'RECEIVED', 'ESCALATE', { note: ' \n ' }, 'LIAISON'))).toBe('NOTE_REQUIRED')
    expect(plan('COMPLAINT', 'RECEIVED', 'ESCALATE', { note: '  merchant is online ' }, 'LIAISON')).toMatchObject({
      ok: true,
      event: { note: 'merchant is online' },
    })
  })

  it('needs the reason of a transfer once the station is chosen', () => {
    expect(reasonOf(plan('COMPLAINT', 'RECEIVED', 'TRANSFER', {}))).toBe('TARGET_STATION_REQUIRED')
    expect(reasonOf(plan('COMPLAINT', 'RECEIVED', 'TRANSFER', { targetStationId: 's9' }))).toBe('NOTE_REQUIRED')
    expect(reasonOf(plan('COMPLAINT', 'RECEIVED', 'TRANSFER', { targetStationId: 's9', note: '  ' }))).toBe(
      'NOTE_REQUIRED',
    )
  })

  it('keeps an optional note', () => {
    expect(plan('COMPLAINT', 'LOCAL_MEDIATION', 'WITHDRAW', { note: 'refunded' }, 'CONSUMER')).toMatchObject({
      ok: true,
      event: { action: 'WITHDRAW', from: 'LOCAL_MEDIATION', to: 'WITHDRAWN', note: 'refunded' },
    })
  })

  it('records the station of a route or transfer and the liaison of an assignment', () => {
    expect(plan('INQUIRY', 'SUBMITTED', 'ROUTE', { targetStationId: 's1' }, 'SYSTEM')).toMatchObject({
      ok: true,
      event: { to: 'RECEIVED', targetStationId: 's1' },
    })
    expect(plan('REPORT', 'VERIFYING', 'TRANSFER', { targetStationId: 's9', note: '不在本辖区' })).toMatchObject({
      ok: true,
      to: 'VERIFYING',
      event: { from: 'VERIFYING', to: 'VERIFYING', targetStationId: 's9' },
    })
    expect(plan('COMPLAINT', 'RECEIVED', 'ASSIGN_LIAISON', { liaisonId: 42 })).toMatchObject({
      ok: true,
      event: { liaisonId: 42 },
    })
  })

  it('needs a known outcome to close a complaint directly', () => {
    expect(reasonOf(plan('COMPLAINT', 'ACCEPTED', 'CLOSE', { note: 'refunded' }))).toBe('OUTCOME_REQUIRED')
    expect(reasonOf(plan('COMPLAINT', 'ACCEPTED', 'CLOSE', { note: 'refunded', outcome: 'MAYBE' }))).toBe(
      'OUTCOME_UNKNOWN',
    )
    expect(plan('COMPLAINT', 'ACCEPTED', 'CLOSE', { note: 'refunded', outcome: 'RESOLVED' })).toMatchObject({
      ok: true,
      event: { outcome: 'RESOLVED' },
    })
  })

  it('ignores a stated outcome where the path implies one', () => {
    expect(plan('COMPLAINT', 'MEDIATION_ENDED', 'CLOSE', { outcome: 'RESOLVED' })).toMatchObject({
      ok: true,
      event: { outcome: 'UNRESOLVED' },
    })
  })
})

describe('case filing (诉转案)', () => {
  it('files a report as a case by moving it to CASE_FILED and opening its case record as filed', () => {
    expect(plan('REPORT', 'VERIFYING', 'FILE_CASE', {})).toEqual({
      ok: true,
      to: 'CASE_FILED',
      event: { action: 'FILE_CASE', from: 'VERIFYING', to: 'CASE_FILED' },
      effects: { case: { from: 'NONE', to: 'FILED' } },
    })
  })

  it('keeps a complaint on its track and opens its case for verification', () => {
    expect(plan('COMPLAINT', 'MEDIATING', 'FILE_CASE', { note: 'forged labels' })).toEqual({
      ok: true,
      to: 'MEDIATING',
      event: { action: 'FILE_CASE', from: 'MEDIATING', to: 'MEDIATING', note: 'forged labels' },
      effects: { case: { from: 'NONE', to: 'VERIFYING' } },
    })
  })

  it('is not the liaison’s to decide', () => {
    expect(reasonOf(plan('COMPLAINT', 'ACCEPTED', 'FILE_CASE', {}, 'LIAISON'))).toBe('NOT_ALLOWED_FOR_ROLE')
  })
})
