import { describe, expect, it } from 'vitest'
import { rolesOnComplaint, type Actor } from '../../../src/services/access/access-policy.ts'

const complaint = { consumerId: 1, stationId: 'station-a', liaisonId: null, areaCode: '511402001001-01' }
const actor = (personId: number, memberships: Actor['memberships']): Actor => ({ personId, memberships })

describe('who may act on a complaint', () => {
  it('lets staff act on their own station’s tickets only', () => {
    expect(rolesOnComplaint(actor(2, [{ role: 'STAFF', stationId: 'station-a', gridCodes: [] }]), complaint)).toEqual(['STAFF'])
    expect(rolesOnComplaint(actor(3, [{ role: 'STAFF', stationId: 'station-b', gridCodes: [] }]), complaint)).toEqual([])
  })

  it('lets a liaison act in their grids or when assigned', () => {
    expect(rolesOnComplaint(actor(4, [{ role: 'LIAISON', stationId: 'x', gridCodes: ['511402001001-01'] }]), complaint)).toEqual(['LIAISON'])
    expect(rolesOnComplaint(actor(5, [{ role: 'LIAISON', stationId: 'x', gridCodes: ['other'] }]), complaint)).toEqual([])
    expect(rolesOnComplaint(actor(5, []), { ...complaint, liaisonId: 5 })).toEqual(['LIAISON'])
  })

  it('lets consumers see only their own complaints', () => {
    expect(rolesOnComplaint(actor(1, []), complaint)).toEqual(['CONSUMER'])
    expect(rolesOnComplaint(actor(9, []), complaint)).toEqual([])
  })

  it('lets admins act everywhere', () => {
    expect(rolesOnComplaint(actor(7, [{ role: 'ADMIN', stationId: 'z', gridCodes: [] }]), complaint)).toEqual(['ADMIN'])
  })
})
