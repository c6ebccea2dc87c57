/**
 * Binding a Telegram group as a station's ticket chat (Station.chatId): one group per station, one station per
 * group. Staff of the station (or an admin) bind it with /bind in the group, after the bot has the rights it
 * needs there; /unbind, or removing the bot from the group, undoes it.
 */
import { type Database, Prisma } from '../../db/client.ts'
import type { Logger } from '../../logging/logger.ts'
import { chatActor, telegramActor } from '../audit/audit-actor.ts'
import { recordAudit } from '../audit/audit-log.ts'
import { loadActor, requireStationStaff, stationsActorMayManage } from './access-policy.ts'
import { type BotStandingInGroup, type GroupRequirement, missingGroupRequirements } from './group-readiness.ts'
import { STATION_REF_SELECT, type StationRef } from './station-ref.ts'

/** Which station to bind: typed after /bind (code), from a button (id), or the actor's only station. */
export type StationChoice = { code: string } | { id: string } | undefined

export interface BindStationGroupInput {
  /** The person who sent /bind; their roles are loaded here, never taken from the update. */
  personId: number
  chatId: number | bigint
  /** The bot's standing in the group, read from the Bot API just before. */
  standing: BotStandingInGroup
  station?: StationChoice
}

export type BindStationGroupResult =
  | {
      status: 'BOUND'
      station: StationRef /** The station's previous group, now replaced. */
      replacedChatId: bigint | null
    }
  | { status: 'ALREADY_BOUND'; station: StationRef }
  | { status: 'NOT_STAFF' }
  | { status: 'UNKNOWN_STATION' }
  | { status: 'CHOOSE_STATION'; stations: StationRef[] }
  | { status: 'GROUP_TAKEN'; station: StationRef }
  | { status: 'BOT_NOT_READY'; station: StationRef; missing: GroupRequirement[] }

export type UnbindStationGroupResult =
  | { status: 'UNBOUND'; station: StationRef }
  | { status: 'NOT_BOUND' }
  | { status: 'NOT_STAFF'; station: StationRef }

/** Station binding use cases. `now` is the clock, replaceable in tests. */
export function createStationBinding({
  db,
  log,
  onBound,
  now = () => new Date(),
}: {
  db: Database
  log: Logger
  /** Called once a station has a new group: tickets waiting for one are delivered (a failure only logs). */
  onBound?: (stationId: string) => Promise<void>
  now?: () => Date
}) {
  /** The station the actor means, or why there is none. */
  async function resolveStation(personId: number, choice: StationChoice) {
    const actor = await loadActor(db, personId)
    const manageable = stationsActorMayManage(actor)
    if (manageable.length === 0) return { status: 'NOT_STAFF' } as const
    if (!choice) {
      const stations = await db.station.findMany({
        where: { id: { in: manageable } },
        select: STATION_REF_SELECT,
        orderBy: { code: 'asc' },
      })
      const [only] = stations
      if (stations.length === 1 && only) return { status: 'FOUND', station: only } as const
      return { status: 'CHOOSE_STATION', stations } as const
    }
    const station = await db.station.findUnique({
      where: 'code' in choice ? { code: choice.code } : { id: choice.id },
      select: STATION_REF_SELECT,
    })
    if (!station) return { status: 'UNKNOWN_STATION' } as const
    if (!requireStationStaff(actor, station.id).ok) return { status: 'NOT_STAFF' } as const
    return { status: 'FOUND', station } as const
  }

  return {
    /**
     * Binds the group as the ticket chat of a station the actor is staff of. Refused for non-staff, for a group
     * already bound to another station, and while the bot lacks a right it needs (nothing changes then).
     * Binding the same group again is a no-op; binding a new group replaces the station's old one.
     */
    async bindStationGroup(input: BindStationGroupInput): Promise<BindStationGroupResult> {
      const resolved = await resolveStation(input.personId, input.station)
      if (resolved.status !== 'FOUND') return resolved
      const { station } = resolved
      const chatId = BigInt(input.chatId)
      const holder = await db.station.findUnique({ where: { chatId }, select: STATION_REF_SELECT })
      if (holder && holder.id !== station.id) return { status: 'GROUP_TAKEN', station: holder }
      const missing = missingGroupRequirements(input.standing)
      if (missing.length > 0) return { status: 'BOT_NOT_READY', station, missing }
      if (holder) {
        await db.station.update({ where: { id: station.id }, data: { chatIsForum: input.standing.isForum } })
        return { status: 'ALREADY_BOUND', station }
      }
      try {
        const replacedChatId = await db.$transaction(async (tx) => {
          const at = now()
          const before = await tx.station.findUniqueOrThrow({ where: { id: station.id }, select: { chatId: true } })
          await tx.station.update({
            where: { id: station.id },
            data: { chatId, chatIsForum: input.standing.isForum, boundAt: at },
          })
          const details = {
            chatId: chatId.toString(),
            forum: input.standing.isForum,
            replacedChatId: before.chatId?.toString() ?? null,
          }
          await recordAudit(
            tx,
            {
              by: await chatActor(tx, input.personId, chatId),
              action: 'station.bind',
              stationCode: station.code,
              details,
            },
            at,
          )
          return before.chatId
        })
        log.info({ stationCode: station.code, chatId, replacedChatId, personId: input.personId }, 'station group bound')
        await onBound?.(station.id).catch((error: unknown) =>
          log.warn(
            { err: error, stationCode: station.code },
            'waiting tickets not re-sent after binding; retries will',
          ),
        )
        return { status: 'BOUND', station, replacedChatId }
      } catch (error) {
        // Another station bound this group in the meantime (chat_id is unique).
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
          const winner = await db.station.findUnique({ where: { chatId }, select: STATION_REF_SELECT })
          if (winner && winner.id !== station.id) return { status: 'GROUP_TAKEN', station: winner }
          if (winner) return { status: 'ALREADY_BOUND', station }
        }
        throw error
      }
    },

    /** Unbinds the group from its station; only that station's staff or an admin may. */
    async unbindStationGroup(personId: number, chatId: number | bigint): Promise<UnbindStationGroupResult> {
      const station = await db.station.findUnique({ where: { chatId: BigInt(chatId) }, select: STATION_REF_SELECT })
      if (!station) return { status: 'NOT_BOUND' }
      if (!requireStationStaff(await loadActor(db, personId), station.id).ok) return { status: 'NOT_STAFF', station }
      const cleared = await db.$transaction(async (tx) => {
        const done = await clearChat(tx, station.id, chatId)
        if (done)
          await recordAudit(
            tx,
            {
              by: await chatActor(tx, personId, chatId),
              action: 'station.unbind',
              stationCode: station.code,
              details: { chatId: String(chatId) },
            },
            now(),
          )
        return done
      })
      if (!cleared) return { status: 'NOT_BOUND' }
      log.info({ stationCode: station.code, chatId, personId }, 'station group unbound')
      return { status: 'UNBOUND', station }
    },

    /**
     * The bot left or was removed from a group: a bound station loses it (and tickets wait for a new /bind).
     * `removedBy` is the Telegram user who removed the bot, for the audit log.
     */
    async forgetGroup(chatId: number | bigint, removedBy: number | bigint): Promise<StationRef | null> {
      const station = await db.station.findUnique({ where: { chatId: BigInt(chatId) }, select: STATION_REF_SELECT })
      if (!station) return null
      const cleared = await db.$transaction(async (tx) => {
        const done = await clearChat(tx, station.id, chatId)
        const details = { chatId: String(chatId), reason: 'bot removed from the group' }
        if (done)
          await recordAudit(
            tx,
            { by: telegramActor(removedBy, chatId), action: 'station.unbind', stationCode: station.code, details },
            now(),
          )
        return done
      })
      if (!cleared) return null
      log.warn(
        { stationCode: station.code, chatId },
        'bot removed from a station group: the station has no ticket group until someone sends /bind',
      )
      return station
    },

    /** A basic group became a supergroup (upgraded by `movedBy`) and got a new id: its binding follows it. */
    async moveGroup(
      fromChatId: number | bigint,
      toChatId: number | bigint,
      movedBy: number | bigint,
    ): Promise<StationRef | null> {
      const station = await db.station.findUnique({ where: { chatId: BigInt(fromChatId) }, select: STATION_REF_SELECT })
      if (!station) return null
      await db.$transaction(async (tx) => {
        await tx.station.update({ where: { id: station.id }, data: { chatId: BigInt(toChatId) } })
        const details = { fromChatId: String(fromChatId), toChatId: String(toChatId) }
        await recordAudit(
          tx,
          { by: telegramActor(movedBy, fromChatId), action: 'station.move', stationCode: station.code, details },
          now(),
        )
      })
      log.info({ stationCode: station.code, fromChatId, toChatId }, 'station group moved to its supergroup')
      return station
    },
  }
}

/** Clears the station's group if it is still `chatId`; false when something else changed it first. */
async function clearChat(tx: Prisma.TransactionClient, stationId: string, chatId: number | bigint): Promise<boolean> {
  const cleared = await tx.station.updateMany({
    where: { id: stationId, chatId: BigInt(chatId) },
    data: { chatId: null, chatIsForum: false, boundAt: null },
  })
  return cleared.count > 0
}
