/** "Who am I here?": a person's roles, stations and grids, and which station a group serves. */
import type { Database } from '../../db/client.ts'
import type { MemberRole } from '../../generated/prisma/enums.ts'
import { AREA_REF_SELECT, type AreaRef, STATION_REF_SELECT, type StationRef } from './station-ref.ts'

/** One active role of a person. */
export interface RoleAtStation {
  role: MemberRole
  station: StationRef
  /** A liaison's grids; empty for other roles. */
  grids: AreaRef[]
}

/** What /whoami shows about a person. Everyone is a consumer; `roles` lists what they hold on top. */
export interface PersonOverview {
  personId: number
  telegramId: bigint
  displayName: string
  username: string | null
  roles: RoleAtStation[]
}

/** A group bound as a station's ticket chat. */
export interface BoundGroup {
  station: StationRef
  isForum: boolean
  boundAt: Date | null
}

const ROLE_ORDER: readonly MemberRole[] = ['ADMIN', 'STAFF', 'LIAISON']

/** Read-only views of people and groups for /whoami. */
export function createWhoami(db: Database) {
  return {
    /** The person with their active (not revoked) roles, strongest first; null for an unknown id. */
    async describePerson(personId: number): Promise<PersonOverview | null> {
      const person = await db.person.findUnique({
        where: { id: personId },
        include: {
          memberships: {
            where: { revokedAt: null },
            include: {
              station: { select: STATION_REF_SELECT },
              grids: { include: { area: { select: AREA_REF_SELECT } } },
            },
          },
        },
      })
      if (!person) return null
      const roles = person.memberships
        .map((m) => ({
          role: m.role,
          station: m.station,
          grids: m.grids.map((g) => g.area).sort((a, b) => a.code.localeCompare(b.code)),
        }))
        .sort(
          (a, b) =>
            ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.station.code.localeCompare(b.station.code),
        )
      return {
        personId: person.id,
        telegramId: person.telegramId,
        displayName: person.displayName,
        username: person.username,
        roles,
      }
    },

    /** The station whose ticket chat this is, or null when the group is not bound. */
    async boundGroup(chatId: number | bigint): Promise<BoundGroup | null> {
      const station = await db.station.findUnique({
        where: { chatId: BigInt(chatId) },
        select: { ...STATION_REF_SELECT, chatIsForum: true, boundAt: true },
      })
      if (!station) return null
      const { chatIsForum, boundAt, ...ref } = station
      return { station: ref, isForum: chatIsForum, boundAt }
    },
  }
}
