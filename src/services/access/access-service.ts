/**
 * The access use cases the bot calls: redeeming invites, binding station groups, /whoami, and the request rate
 * limit. Who may do what is decided in access-policy.ts, and only there.
 */
import type { Config } from '../../config.ts'
import type { Database } from '../../db/client.ts'
import type { Logger } from '../../logging/logger.ts'
import type { Redis } from '../../redis.ts'
import { type Actor, loadActor } from './access-policy.ts'
import type { Invites, RedeemInviteResult } from './invites.ts'
import { createRequestRateLimit } from './request-rate-limit.ts'
import { createStationBinding } from './station-binding.ts'
import { AREA_REF_SELECT, type AreaRef, STATION_REF_SELECT, type StationRef } from './station-ref.ts'
import { createWhoami } from './whoami.ts'

/** A redeemed invite with the names the greeting needs. */
export type InviteRedemption =
  | { ok: true; role: Extract<RedeemInviteResult, { ok: true }>['role']; station: StationRef; grids: AreaRef[] }
  | Extract<RedeemInviteResult, { ok: false }>

export interface AccessDeps {
  db: Database
  redis: Redis
  log: Logger
  config: Pick<Config, 'REDIS_PREFIX' | 'RATE_LIMIT_PER_MINUTE' | 'RATE_LIMIT_BURST'>
  invites: Invites
  /** Called once a station has a new group (station-binding.ts). */
  onStationBound?: (stationId: string) => Promise<void>
}

/** Access use cases, built once per process. */
export function createAccess({ db, redis, log, config, invites, onStationBound }: AccessDeps) {
  return {
    ...createStationBinding({ db, log, ...(onStationBound ? { onBound: onStationBound } : {}) }),
    ...createWhoami(db),
    rateLimit: createRequestRateLimit({
      redis,
      prefix: config.REDIS_PREFIX,
      perMinute: config.RATE_LIMIT_PER_MINUTE,
      burst: config.RATE_LIMIT_BURST,
    }),

    /** The person's active roles, loaded fresh for every action (never from button data). */
    loadActor: (personId: number): Promise<Actor> => loadActor(db, personId),

    /**
     * Redeems an invite code for the person (once; see invites.ts) and returns the new role with the station's
     * and grids' names for the greeting.
     */
    async redeemInvite(code: string, personId: number): Promise<InviteRedemption> {
      const result = await invites.redeemInvite(code, { id: personId })
      if (!result.ok) return result
      const [station, grids] = await Promise.all([
        db.station.findUniqueOrThrow({ where: { code: result.station.code }, select: STATION_REF_SELECT }),
        db.area.findMany({
          where: { code: { in: result.gridCodes } },
          select: AREA_REF_SELECT,
          orderBy: { code: 'asc' },
        }),
      ])
      log.info({ personId, role: result.role, stationCode: station.code }, 'invite redeemed')
      return { ok: true, role: result.role, station, grids }
    },

    /** The language a person chose in the bot, if any (for answers sent before the sender is loaded). */
    async chosenLocale(telegramId: number): Promise<string | null> {
      const person = await db.person.findUnique({ where: { telegramId: BigInt(telegramId) }, select: { locale: true } })
      return person?.locale ?? null
    },
  }
}
