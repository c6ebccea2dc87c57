import type { LifecycleAction } from './actions.ts'
import type { ComplaintKind } from './kinds.ts'
import type { ActorRole } from './roles.ts'

/** Every kind of station. Mirrors the database enum `StationKind`. */
export const STATION_KINDS = [
  'COMMUNITY_LIAISON_STATION',
  'COMPLAINT_STATION',
  'COUNTY_CENTER',
  'MARKET_SUPERVISION_OFFICE',
  'CITY_CENTER',
] as const

/** 12315联络站, 消费者投诉站, the county or city 12315 center, or a 市场监管所. */
export type StationKind = (typeof STATION_KINDS)[number]

/** Stations acting in the market-regulation bureau's name: receipt by one starts the statutory clocks (§12). */
export const BUREAU_STATION_KINDS: readonly StationKind[] = [
  'COUNTY_CENTER',
  'CITY_CENTER',
  'MARKET_SUPERVISION_OFFICE',
]

/** True for a bureau station (county/city center, 市场监管所); false for a first-mile station or none. */
export function isBureauStation(kind: StationKind | null | undefined): boolean {
  return kind !== null && kind !== undefined && BUREAU_STATION_KINDS.includes(kind)
}

/**
 * What the staff and liaisons of a first-mile station (community liaison station, complaint station) may do:
 * record, mediate informally (就地化解), pass the matter up (上报), answer an inquiry, note, assign their 网格员.
 * They never take the bureau's formal acts (受理 / 不予受理, formal mediation, 核查, extending the filing decision,
 * 立案, the case track's 立案 / 不予立案 / 处罚决定, closing a formally handled complaint or correcting a closing).
 * CLOSE is allowed for the inquiry it answered only.
 */
const FIRST_MILE_ACTIONS: ReadonlySet<LifecycleAction> = new Set([
  'ASSIGN_LIAISON',
  'START_LOCAL_MEDIATION',
  'SETTLE_LOCALLY',
  'ESCALATE',
  'ANSWER',
  'ADD_NOTE',
])

/**
 * An admin's administrative corrections at a first-mile station, beyond its own acts: moving a misrouted ticket to
 * the right station (移送). Still no formal act: the law gives those to the bureau, not to whoever runs the system.
 */
const ADMIN_AT_FIRST_MILE: ReadonlySet<LifecycleAction> = new Set([...FIRST_MILE_ACTIONS, 'TRANSFER'])

/** Roles whose power does not come from the station holding the ticket. */
const STATION_INDEPENDENT: ReadonlySet<ActorRole> = new Set(['SYSTEM', 'CONSUMER'])

/**
 * Whether someone acting as `role` through a station of `stationKind` (the station holding the ticket;
 * null while unrouted) may take `action` on a ticket of `kind`. Combined with the role rows of TRANSITIONS by
 * planTransition: both must allow it. The system and the consumer are not bound by a station's kind. Staff and
 * 网格员 of a first-mile station only by {@link FIRST_MILE_ACTIONS}, plus closing an answered inquiry. An admin acts
 * for any station but within its kind (§12: 受理 / 不予受理 and 立案 are the bureau's, whoever presses), may also
 * move a ticket a first-mile station holds, and routes a ticket no station holds yet.
 */
export function stationMayTake(
  stationKind: StationKind | null,
  role: ActorRole,
  action: LifecycleAction,
  kind: ComplaintKind,
): boolean {
  if (STATION_INDEPENDENT.has(role)) return true
  if (stationKind === null) return role === 'ADMIN'
  if (isBureauStation(stationKind)) return action !== 'ESCALATE'
  if (action === 'CLOSE') return kind === 'INQUIRY'
  return (role === 'ADMIN' ? ADMIN_AT_FIRST_MILE : FIRST_MILE_ACTIONS).has(action)
}

/**
 * Whether a ticket may be handed to a station of `targetKind`. Once a bureau station has received it, its statutory
 * clocks run and only a bureau station can take the acts they time (§12), so it moves between bureau stations only.
 */
export function mayTakeOver(bureauReceived: boolean, targetKind: StationKind): boolean {
  return !bureauReceived || isBureauStation(targetKind)
}
