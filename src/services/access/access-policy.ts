import type { Database } from '../../db/client.ts'
import { isBureauStation, type StationKind } from '../../domain/lifecycle/station-powers.ts'

/** The roles a person can hold towards one complaint, strongest first. */
export type ComplaintRole = 'ADMIN' | 'STAFF' | 'LIAISON' | 'CONSUMER'

export interface ActorMembership {
  role: 'ADMIN' | 'STAFF' | 'LIAISON'
  stationId: string
  /** Grids a liaison looks after. */
  gridCodes: readonly string[]
}

/** Who is acting: loaded from the database for every action, never taken from button data. */
export interface Actor {
  personId: number
  memberships: readonly ActorMembership[]
}

/** The parts of a complaint access depends on. */
export interface ComplaintScope {
  consumerId: number
  stationId: string | null
  liaisonId: number | null
  areaCode: string | null
}

/**
 * Every role the actor holds towards the complaint: admins everywhere; staff on their station's tickets;
 * liaisons on tickets of their station assigned to them or in their grids; consumers on their own. Empty = no
 * access. A 网格员's part ends when the ticket leaves their station (上报 to the 所, a transfer): from then on the
 * bureau speaks to the consumer and holds their contact, not the first mile (§12).
 */
export function rolesOnComplaint(actor: Actor, complaint: ComplaintScope): ComplaintRole[] {
  const roles: ComplaintRole[] = []
  const active = actor.memberships
  if (active.some((m) => m.role === 'ADMIN')) roles.push('ADMIN')
  if (complaint.stationId && active.some((m) => m.role === 'STAFF' && m.stationId === complaint.stationId))
    roles.push('STAFF')
  const inMyGrid = (m: ActorMembership) => complaint.areaCode !== null && m.gridCodes.includes(complaint.areaCode)
  const mine = (m: ActorMembership) => complaint.liaisonId === actor.personId || inMyGrid(m)
  if (active.some((m) => m.role === 'LIAISON' && m.stationId === complaint.stationId && mine(m))) roles.push('LIAISON')
  if (complaint.consumerId === actor.personId) roles.push('CONSUMER')
  return roles
}

/** Loads the actor's active memberships (revoked ones do not count). */
export async function loadActor(db: Database, personId: number): Promise<Actor> {
  const memberships = await db.membership.findMany({ where: { personId, revokedAt: null }, include: { grids: true } })
  return {
    personId,
    memberships: memberships.map((m) => ({
      role: m.role,
      stationId: m.stationId,
      gridCodes: m.grids.map((g) => g.areaCode),
    })),
  }
}

/** The stations whose ticket group the actor may bind or unbind: where they are staff or admin. */
export function stationsActorMayManage(actor: Actor): string[] {
  return [...new Set(actor.memberships.filter((m) => m.role === 'STAFF' || m.role === 'ADMIN').map((m) => m.stationId))]
}

/** The actor's standing towards a station's own business (binding its group, acting in its name). */
export type StationStaffCheck = { ok: true; asAdmin: boolean } | { ok: false; reason: 'NOT_STAFF' }

/** Staff of the station, or an admin (who may act everywhere); anyone else is refused. */
export function requireStationStaff(actor: Actor, stationId: string): StationStaffCheck {
  if (actor.memberships.some((m) => m.role === 'STAFF' && m.stationId === stationId))
    return { ok: true, asAdmin: false }
  if (actor.memberships.some((m) => m.role === 'ADMIN')) return { ok: true, asAdmin: true }
  return { ok: false, reason: 'NOT_STAFF' }
}

/** What disclosure of a ticket's identity depends on besides the viewer's roles. */
export interface IdentityScope {
  kind: 'COMPLAINT' | 'REPORT' | 'INQUIRY'
  /** The kind of the station handling the ticket. */
  stationKind: StationKind | null
}

/** Staff of the bureau station handling the ticket: the only ones who see a reporter or an ID number in full. */
function isHandlingBureau(roles: readonly ComplaintRole[], scope: IdentityScope): boolean {
  return roles.includes('STAFF') && isBureauStation(scope.stationKind)
}

/**
 * Whether someone holding `roles` on a ticket (from {@link rolesOnComplaint}) may see the person's phone and name.
 * A complaint's: whoever handles the ticket (an empty list means no access at all). A named reporter's identity is
 * confidential by law towards everyone but the handling bureau (old Art. 33): only its staff see it.
 */
export function canSeeContact(roles: readonly ComplaintRole[], scope: IdentityScope): boolean {
  if (scope.kind === 'REPORT') return isHandlingBureau(roles, scope)
  return roles.length > 0
}

/** Whether the viewer may see the identity-document number in full (everyone else sees it masked). */
export function canSeeIdNumber(roles: readonly ComplaintRole[], scope: IdentityScope): boolean {
  return isHandlingBureau(roles, scope)
}
