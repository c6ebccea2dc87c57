import type { Database } from '../../db/client.ts'
import type { MemberRole, StationKind } from '../../generated/prisma/enums.ts'

const KIND_ORDER: readonly StationKind[] = [
  'CITY_CENTER',
  'COUNTY_CENTER',
  'MARKET_SUPERVISION_OFFICE',
  'COMMUNITY_LIAISON_STATION',
  'COMPLAINT_STATION',
]

/** A station as the admin command line lists it. */
export interface StationListing {
  code: string
  kind: StationKind
  name: string
  districtCode: string | null
  /** True once the station's Telegram group is bound. */
  chatBound: boolean
  coverageCount: number
  /** Active (not revoked) memberships per role. */
  members: Record<MemberRole, number>
}

/** One membership of a listed person. */
export interface MembershipListing {
  stationCode: string
  stationName: string
  role: MemberRole
  since: Date
  revokedAt: Date | null
  /** The grids of a liaison; empty for other roles. */
  gridCodes: string[]
}

/** A person who holds (or held) a role at a station. */
export interface PersonListing {
  telegramId: bigint
  displayName: string
  username: string | null
  reachable: boolean
  memberships: MembershipListing[]
}

export type PeopleListingResult = { ok: true; people: PersonListing[] } | { ok: false; reason: 'UNKNOWN_STATION' }

/**
 * Every station, city center first, then county centers, liaison stations and complaint stations, each group by
 * district and code.
 */
export async function listStations(db: Database): Promise<StationListing[]> {
  const [stations, memberCounts] = await Promise.all([
    db.station.findMany({
      select: {
        id: true,
        code: true,
        kind: true,
        name: true,
        districtCode: true,
        chatId: true,
        _count: { select: { coverages: true } },
      },
    }),
    db.membership.groupBy({ by: ['stationId', 'role'], where: { revokedAt: null }, _count: { _all: true } }),
  ])
  const counts = new Map<string, Record<MemberRole, number>>()
  for (const row of memberCounts) {
    const station = counts.get(row.stationId) ?? { STAFF: 0, LIAISON: 0, ADMIN: 0 }
    station[row.role] = row._count._all
    counts.set(row.stationId, station)
  }
  return stations
    .map((station) => ({
      code: station.code,
      kind: station.kind,
      name: station.name,
      districtCode: station.districtCode,
      chatBound: station.chatId !== null,
      coverageCount: station._count.coverages,
      members: counts.get(station.id) ?? { STAFF: 0, LIAISON: 0, ADMIN: 0 },
    }))
    .sort(
      (a, b) =>
        KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
        (a.districtCode ?? '').localeCompare(b.districtCode ?? '') ||
        a.code.localeCompare(b.code),
    )
}

/**
 * People with a role at any station, or at one station; revoked memberships are left out unless asked for.
 * Ordered by Telegram id; memberships by station code and role.
 */
export async function listPeople(
  db: Database,
  options: { stationCode?: string | undefined; includeRevoked?: boolean } = {},
): Promise<PeopleListingResult> {
  if (options.stationCode !== undefined) {
    const station = await db.station.findUnique({ where: { code: options.stationCode }, select: { id: true } })
    if (!station) return { ok: false, reason: 'UNKNOWN_STATION' }
  }
  const membershipFilter = {
    ...(options.includeRevoked ? {} : { revokedAt: null }),
    ...(options.stationCode === undefined ? {} : { station: { code: options.stationCode } }),
  }
  const people = await db.person.findMany({
    where: { memberships: { some: membershipFilter } },
    orderBy: { telegramId: 'asc' },
    select: {
      telegramId: true,
      displayName: true,
      username: true,
      reachable: true,
      memberships: {
        where: membershipFilter,
        select: {
          role: true,
          createdAt: true,
          revokedAt: true,
          station: { select: { code: true, name: true } },
          grids: { select: { areaCode: true }, orderBy: { areaCode: 'asc' } },
        },
      },
    },
  })
  return {
    ok: true,
    people: people.map((person) => ({
      telegramId: person.telegramId,
      displayName: person.displayName,
      username: person.username,
      reachable: person.reachable,
      memberships: person.memberships
        .map((membership) => ({
          stationCode: membership.station.code,
          stationName: membership.station.name,
          role: membership.role,
          since: membership.createdAt,
          revokedAt: membership.revokedAt,
          gridCodes: membership.grids.map((grid) => grid.areaCode),
        }))
        .sort((a, b) => a.stationCode.localeCompare(b.stationCode) || a.role.localeCompare(b.role)),
    })),
  }
}
