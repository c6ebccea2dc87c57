import { describe, expect, it } from 'vitest'
import {
  ACTOR_ROLES,
  type ActorRole,
  availableActions,
  CASE_STATUSES,
  type CaseState,
  COMPLAINT_KINDS,
  type ComplaintKind,
  findRule,
  LIFECYCLE_ACTIONS,
  type LifecycleAction,
  planTransition,
  STATION_KINDS,
  STATUSES_BY_KIND,
  type StationKind,
  stationMayTake,
} from '../../../src/domain/lifecycle/index.ts'

/**
 * Who may take which act, written out by hand (12315-process.md §12): a first-mile station's staff and 网格员 do
 * the first mile only; a bureau station (county/city center, 市场监管所) takes the formal acts but does not
 * escalate (it transfers); an admin acts within the kind of the station holding the ticket (plus moving a ticket
 * away from a first-mile station, and routing one no station holds); the system and the consumer are not bound.
 */
const FIRST_MILE_MAY: ReadonlySet<LifecycleAction> = new Set([
  'ASSIGN_LIAISON',
  'START_LOCAL_MEDIATION',
  'SETTLE_LOCALLY',
  'ESCALATE',
  'ANSWER',
  'ADD_NOTE',
])
const CASE_STATES: readonly CaseState[] = ['NONE', ...CASE_STATUSES]
const FIRST_MILE: readonly StationKind[] = ['COMMUNITY_LIAISON_STATION', 'COMPLAINT_STATION']
const BUREAU: readonly StationKind[] = ['COUNTY_CENTER', 'CITY_CENTER', 'MARKET_SUPERVISION_OFFICE']
const FORMAL_ACTS: readonly LifecycleAction[] = [
  'ACCEPT',
  'REJECT',
  'START_MEDIATION',
  'RECORD_AGREEMENT',
  'END_MEDIATION',
  'START_VERIFICATION',
  'EXTEND_FILING_DECISION',
  'FILE_CASE',
  'NOT_FILE',
  'CASE_FILE',
  'CASE_NOT_FILE',
  'CASE_DECIDE',
  'CORRECT_CLOSING',
]

function expected(station: StationKind | null, role: ActorRole, action: LifecycleAction, kind: ComplaintKind): boolean {
  if (role === 'SYSTEM' || role === 'CONSUMER') return true
  if (station === null) return role === 'ADMIN'
  if (BUREAU.includes(station)) return action !== 'ESCALATE'
  if (action === 'CLOSE') return kind === 'INQUIRY'
  return FIRST_MILE_MAY.has(action) || (role === 'ADMIN' && action === 'TRANSFER')
}

describe('station powers', () => {
  it('knows the five station kinds, three of them bureau stations', () => {
    expect([...STATION_KINDS].sort()).toEqual([...FIRST_MILE, ...BUREAU].sort())
  })

  it('answers every station kind × role × action × ticket kind as the hand-written rule says', () => {
    const wrong: string[] = []
    for (const station of [...STATION_KINDS, null]) {
      for (const role of ACTOR_ROLES) {
        for (const action of LIFECYCLE_ACTIONS) {
          for (const kind of COMPLAINT_KINDS) {
            if (stationMayTake(station, role, action, kind) !== expected(station, role, action, kind))
              wrong.push(`${station} ${role} ${action} ${kind}`)
          }
        }
      }
    }
    expect(wrong).toEqual([])
  })

  it('never lets staff or a 网格员 of a first-mile station take a formal act, whatever the status or case step', () => {
    for (const station of FIRST_MILE) {
      for (const role of ['STAFF', 'LIAISON'] as const) {
        for (const kind of COMPLAINT_KINDS) {
          for (const status of STATUSES_BY_KIND[kind]) {
            for (const caseStatus of CASE_STATES) {
              const offered = availableActions(kind, status, role, station, caseStatus)
              expect(
                offered.filter((action) => FORMAL_ACTS.includes(action)),
                `${station} ${role} ${kind} ${status} case=${caseStatus}`,
              ).toEqual([])
              if (kind === 'COMPLAINT') expect(offered).not.toContain('CLOSE')
            }
          }
        }
      }
    }
  })

  it('keeps the case track (诉转案 立案, 不予立案, 处罚决定) and correcting a closing for bureau stations', () => {
    const grounds = { notAccepted: ['OUTSIDE_DUTIES'], mediationEnded: ['AGREEMENT_IMPOSSIBLE'] }
    const caseFile = (stationKind: StationKind) =>
      planTransition({
        kind: 'COMPLAINT',
        status: 'MEDIATING',
        action: 'CASE_FILE',
        role: 'STAFF',
        grounds,
        caseStatus: 'VERIFYING',
        input: { note: '经局负责人批准立案' },
        stationKind,
      })
    const correct = (stationKind: StationKind) =>
      planTransition({
        kind: 'COMPLAINT',
        status: 'CLOSED',
        action: 'CORRECT_CLOSING',
        role: 'STAFF',
        grounds,
        statusBeforeClosing: 'AGREED',
        input: { note: '办结有误' },
        stationKind,
      })
    for (const station of FIRST_MILE) {
      expect(caseFile(station)).toEqual({ ok: false, reason: 'NOT_ALLOWED_FOR_STATION' })
      expect(correct(station)).toEqual({ ok: false, reason: 'NOT_ALLOWED_FOR_STATION' })
    }
    for (const station of BUREAU) {
      expect(caseFile(station)).toMatchObject({ ok: true })
      expect(correct(station)).toMatchObject({ ok: true, to: 'AGREED' })
    }
    expect(availableActions('COMPLAINT', 'MEDIATING', 'STAFF', 'MARKET_SUPERVISION_OFFICE', 'FILED')).toContain(
      'CASE_DECIDE',
    )
    expect(availableActions('COMPLAINT', 'MEDIATING', 'STAFF', 'COMMUNITY_LIAISON_STATION', 'FILED')).not.toContain(
      'CASE_DECIDE',
    )
  })

  it('refuses a formal act at a first-mile station with its own reason, to staff and admins alike', () => {
    const grounds = { notAccepted: ['OUTSIDE_DUTIES'], mediationEnded: ['AGREEMENT_IMPOSSIBLE'] }
    const accept = (role: ActorRole, stationKind: StationKind | null) =>
      planTransition({ kind: 'COMPLAINT', status: 'RECEIVED', action: 'ACCEPT', role, grounds, stationKind })
    for (const station of FIRST_MILE)
      expect(accept('STAFF', station)).toEqual({ ok: false, reason: 'NOT_ALLOWED_FOR_STATION' })
    for (const station of BUREAU) expect(accept('STAFF', station)).toMatchObject({ ok: true, to: 'ACCEPTED' })
    // An admin runs the system, not the bureau: 受理 stays the bureau's even when an admin presses it (§12).
    for (const station of FIRST_MILE)
      expect(accept('ADMIN', station)).toEqual({ ok: false, reason: 'NOT_ALLOWED_FOR_STATION' })
    for (const station of BUREAU) expect(accept('ADMIN', station)).toMatchObject({ ok: true, to: 'ACCEPTED' })
    // The role rows still come first: a 网格员 never accepts, at any station.
    expect(accept('LIAISON', 'MARKET_SUPERVISION_OFFICE')).toEqual({ ok: false, reason: 'NOT_ALLOWED_FOR_ROLE' })
  })

  it('offers on a card exactly what both the role rows and the station allow', () => {
    for (const station of STATION_KINDS) {
      for (const role of ACTOR_ROLES) {
        for (const kind of COMPLAINT_KINDS) {
          for (const status of STATUSES_BY_KIND[kind]) {
            for (const caseStatus of CASE_STATES) {
              const want = LIFECYCLE_ACTIONS.filter(
                (action) =>
                  findRule(kind, status, action, caseStatus)?.roles.includes(role) === true &&
                  expected(station, role, action, kind),
              )
              expect(availableActions(kind, status, role, station, caseStatus)).toEqual(want)
            }
          }
        }
      }
    }
  })

  it('lets first-mile staff mediate locally, settle, escalate and answer', () => {
    expect(availableActions('COMPLAINT', 'RECEIVED', 'STAFF', 'COMMUNITY_LIAISON_STATION')).toEqual([
      'ASSIGN_LIAISON',
      'START_LOCAL_MEDIATION',
      'ESCALATE',
      'ADD_NOTE',
    ])
    expect(availableActions('COMPLAINT', 'LOCAL_MEDIATION', 'LIAISON', 'COMPLAINT_STATION')).toEqual([
      'SETTLE_LOCALLY',
      'ESCALATE',
      'ADD_NOTE',
    ])
    expect(availableActions('INQUIRY', 'RECEIVED', 'LIAISON', 'COMMUNITY_LIAISON_STATION')).toEqual([
      'ESCALATE',
      'ANSWER',
      'ADD_NOTE',
    ])
    expect(availableActions('INQUIRY', 'ANSWERED', 'STAFF', 'COMMUNITY_LIAISON_STATION')).toEqual(['CLOSE', 'ADD_NOTE'])
    expect(availableActions('COMPLAINT', 'RECEIVED', 'STAFF', 'MARKET_SUPERVISION_OFFICE')).toEqual([
      'ASSIGN_LIAISON',
      'START_LOCAL_MEDIATION',
      'ACCEPT',
      'REJECT',
      'TRANSFER',
      'ADD_NOTE',
    ])
  })
})
