import { describe, expect, it } from 'vitest'
import {
  type Actor,
  canSeeContact,
  canSeeIdNumber,
  requireStationStaff,
  rolesOnComplaint,
  stationsActorMayManage,
} from '../../../src/services/access/access-policy.ts'

const complaint = { consumerId: 1, stationId: 'station-a', liaisonId: null, areaCode: '511402001001-01' }
const actor = (personId: number, memberships: Actor['memberships']): Actor => ({ personId, memberships })
/** A 网格员 of the ticket's station, assigned to it rather than looking after its grid. */
const assignedLiaison = { role: 'LIAISON', stationId: 'station-a', gridCodes: [] } as const

describe('who may act on a complaint', () => {
  it('lets staff act on their own station’s tickets only', () => {
    expect(rolesOnComplaint(actor(2, [{ role: 'STAFF', stationId: 'station-a', gridCodes: [] }]), complaint)).toEqual([
      'STAFF',
    ])
    expect(rolesOnComplaint(actor(3, [{ role: 'STAFF', stationId: 'station-b', gridCodes: [] }]), complaint)).toEqual(
      [],
    )
  })

  it('lets a liaison act in their grids or when assigned, while the ticket is at their station', () => {
    expect(
      rolesOnComplaint(
        actor(4, [{ role: 'LIAISON', stationId: 'station-a', gridCodes: ['511402001001-01'] }]),
        complaint,
      ),
    ).toEqual(['LIAISON'])
    // Escalated to the 所 (or transferred): the grid is still theirs, the ticket no longer is.
    expect(
      rolesOnComplaint(actor(4, [{ role: 'LIAISON', stationId: 'x', gridCodes: ['511402001001-01'] }]), complaint),
    ).toEqual([])
    expect(rolesOnComplaint(actor(5, [assignedLiaison]), { ...complaint, stationId: 'x', liaisonId: 5 })).toEqual([])
    expect(rolesOnComplaint(actor(5, [{ role: 'LIAISON', stationId: 'x', gridCodes: ['other'] }]), complaint)).toEqual(
      [],
    )
    expect(rolesOnComplaint(actor(5, [assignedLiaison]), { ...complaint, liaisonId: 5 })).toEqual(['LIAISON'])
  })

  it('lets consumers see only their own complaints', () => {
    expect(rolesOnComplaint(actor(1, []), complaint)).toEqual(['CONSUMER'])
    expect(rolesOnComplaint(actor(9, []), complaint)).toEqual([])
  })

  it('lets admins act everywhere', () => {
    expect(rolesOnComplaint(actor(7, [{ role: 'ADMIN', stationId: 'z', gridCodes: [] }]), complaint)).toEqual(['ADMIN'])
  })
})

describe('who may manage a station and see a consumer’s contact', () => {
  it('lets staff manage their own station only, and admins any station', () => {
    const staff = actor(2, [{ role: 'STAFF', stationId: 'station-a', gridCodes: [] }])
    const liaison = actor(4, [{ role: 'LIAISON', stationId: 'station-a', gridCodes: ['511402001001-01'] }])
    const admin = actor(7, [{ role: 'ADMIN', stationId: 'z', gridCodes: [] }])
    expect(requireStationStaff(staff, 'station-a')).toEqual({ ok: true, asAdmin: false })
    expect(requireStationStaff(staff, 'station-b')).toEqual({ ok: false, reason: 'NOT_STAFF' })
    expect(requireStationStaff(liaison, 'station-a')).toEqual({ ok: false, reason: 'NOT_STAFF' })
    expect(requireStationStaff(admin, 'station-b')).toEqual({ ok: true, asAdmin: true })
    expect(stationsActorMayManage(liaison)).toEqual([])
    expect(stationsActorMayManage(staff)).toEqual(['station-a'])
  })

  it('shows the phone only to people who handle the ticket, and to the consumer', () => {
    const otherStaff = actor(3, [{ role: 'STAFF', stationId: 'station-b', gridCodes: [] }])
    const otherLiaison = actor(5, [{ role: 'LIAISON', stationId: 'x', gridCodes: ['other'] }])
    const scope = { kind: 'COMPLAINT', stationKind: 'COMMUNITY_LIAISON_STATION' } as const
    expect(canSeeContact(rolesOnComplaint(otherStaff, complaint), scope)).toBe(false)
    expect(canSeeContact(rolesOnComplaint(otherLiaison, complaint), scope)).toBe(false)
    expect(
      canSeeContact(
        rolesOnComplaint(actor(2, [{ role: 'STAFF', stationId: 'station-a', gridCodes: [] }]), complaint),
        scope,
      ),
    ).toBe(true)
    expect(canSeeContact(rolesOnComplaint(actor(5, [assignedLiaison]), { ...complaint, liaisonId: 5 }), scope)).toBe(
      true,
    )
    expect(canSeeContact(rolesOnComplaint(actor(1, []), complaint), scope)).toBe(true)
  })

  it('keeps a named reporter and every ID number in full to the staff of the handling bureau station', () => {
    const staff = rolesOnComplaint(actor(2, [{ role: 'STAFF', stationId: 'station-a', gridCodes: [] }]), complaint)
    const liaison = rolesOnComplaint(actor(5, [assignedLiaison]), { ...complaint, liaisonId: 5 })
    const admin = rolesOnComplaint(actor(9, [{ role: 'ADMIN', stationId: 'x', gridCodes: [] }]), complaint)
    for (const stationKind of ['COUNTY_CENTER', 'CITY_CENTER', 'MARKET_SUPERVISION_OFFICE'] as const) {
      expect(canSeeContact(staff, { kind: 'REPORT', stationKind })).toBe(true)
      expect(canSeeIdNumber(staff, { kind: 'COMPLAINT', stationKind })).toBe(true)
    }
    for (const stationKind of ['COMMUNITY_LIAISON_STATION', 'COMPLAINT_STATION'] as const) {
      expect(canSeeContact(staff, { kind: 'REPORT', stationKind })).toBe(false)
      expect(canSeeIdNumber(staff, { kind: 'COMPLAINT', stationKind })).toBe(false)
    }
    expect(canSeeContact(liaison, { kind: 'REPORT', stationKind: 'COUNTY_CENTER' })).toBe(false)
    expect(canSeeContact(admin, { kind: 'REPORT', stationKind: 'COUNTY_CENTER' })).toBe(false)
    expect(canSeeIdNumber(liaison, { kind: 'COMPLAINT', stationKind: 'COUNTY_CENTER' })).toBe(false)
  })
})
