/**
 * Invites: the only way a person gains a role at a station. An administrator creates a one-time code, the
 * person opens the bot's /start link with it, and redeeming the code creates (or reactivates) the membership.
 */
import { randomBytes } from 'node:crypto'
import type { Database } from '../../db/client.ts'
import type { MemberRole, StationKind } from '../../generated/prisma/enums.ts'
import { type AuditActor, telegramActor } from '../audit/audit-actor.ts'
import { recordAudit } from '../audit/audit-log.ts'

/** Fits Telegram's /start payload (A-Z, a-z, 0-9, _ and -, at most 64 characters). */
export const INVITE_CODE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/
/** The shortest and longest time an invite may stay valid. */
export const INVITE_TTL_LIMITS = { minMs: 60_000, maxMs: 30 * 24 * 3600_000 } as const

export interface CreateInviteInput {
  role: MemberRole
  stationCode: string
  /** Liaisons only: the grids they will look after; each must lie in an area the station covers. */
  gridCodes?: readonly string[] | undefined
  /** How long the code stays valid, in milliseconds (1 minute to 30 days). */
  ttlMs: number
  /** The person who created the invite, when it was created in the bot. */
  createdById?: number | undefined
  /** Who creates it, for the audit log. */
  by: AuditActor
}

export interface CreatedInvite {
  code: string
  role: MemberRole
  stationCode: string
  gridCodes: string[]
  expiresAt: Date
}

export type CreateInviteFailure =
  | 'UNKNOWN_STATION'
  | 'GRIDS_ONLY_FOR_LIAISONS'
  | 'UNKNOWN_GRID'
  | 'NOT_A_GRID'
  | 'GRID_NOT_COVERED'
  | 'INVALID_TTL'

export type CreateInviteResult =
  | { ok: true; invite: CreatedInvite }
  | { ok: false; reason: CreateInviteFailure /** The offending grid code, when there is one. */; gridCode?: string }

export type RedeemInviteResult =
  | { ok: true; role: MemberRole; station: { code: string; name: string; kind: StationKind }; gridCodes: string[] }
  | { ok: false; reason: 'UNKNOWN' | 'USED' | 'EXPIRED' }

export type RevokeMembershipResult =
  | { ok: true /** How many roles were revoked. */; revoked: number }
  | { ok: false; reason: 'UNKNOWN_PERSON' | 'UNKNOWN_STATION' | 'NOT_A_MEMBER' }

// Waiting for a pool connection: an administrator's act should wait out a busy pool rather than fail (Prisma's default is 2 s).
const TRANSACTION_MAX_WAIT_MS = 10_000

/** A new invite code: 144 random bits, URL-safe, 24 characters. */
export function newInviteCode(): string {
  return randomBytes(18).toString('base64url')
}

/** Invites and memberships. `now` is the clock, replaceable in tests. */
export function createInvites({ db, now = () => new Date() }: { db: Database; now?: () => Date }) {
  return {
    /**
     * Stores a one-time invite for a role at a station. Grids are for liaisons only, must be GRID areas,
     * and must lie in (or be) an area the station covers.
     */
    async createInvite(input: CreateInviteInput): Promise<CreateInviteResult> {
      if (
        !Number.isFinite(input.ttlMs) ||
        input.ttlMs < INVITE_TTL_LIMITS.minMs ||
        input.ttlMs > INVITE_TTL_LIMITS.maxMs
      ) {
        return { ok: false, reason: 'INVALID_TTL' }
      }
      const gridCodes = [...new Set(input.gridCodes ?? [])]
      if (gridCodes.length > 0 && input.role !== 'LIAISON') return { ok: false, reason: 'GRIDS_ONLY_FOR_LIAISONS' }
      const station = await db.station.findUnique({
        where: { code: input.stationCode },
        select: { id: true, code: true, coverages: { select: { areaCode: true } } },
      })
      if (!station) return { ok: false, reason: 'UNKNOWN_STATION' }
      const covered = new Set(station.coverages.map((coverage) => coverage.areaCode))
      for (const gridCode of gridCodes) {
        const problem = await gridProblem(db, gridCode, covered)
        if (problem) return { ok: false, reason: problem, gridCode }
      }
      const at = now()
      const expiresAt = new Date(at.getTime() + input.ttlMs)
      const invite = await db.$transaction(
        async (tx) => {
          const created = await tx.invite.create({
            data: {
              code: newInviteCode(),
              role: input.role,
              stationId: station.id,
              gridCodes,
              expiresAt,
              createdById: input.createdById ?? null,
            },
          })
          const details = { inviteId: created.id, role: created.role, gridCodes, expiresAt: expiresAt.toISOString() }
          await recordAudit(tx, { by: input.by, action: 'invite.create', stationCode: station.code, details }, at)
          return created
        },
        { maxWait: TRANSACTION_MAX_WAIT_MS },
      )
      return {
        ok: true,
        invite: {
          code: invite.code,
          role: invite.role,
          stationCode: station.code,
          gridCodes: invite.gridCodes,
          expiresAt,
        },
      }
    },

    /**
     * Redeems an invite for a person, once: the claim is a conditional update (not yet redeemed, not expired),
     * so of two concurrent redemptions exactly one wins. Creates the membership, or reactivates a revoked one
     * (whose old grids are dropped); a liaison's invite grids are added to the membership's. Invites are
     * redeemed in the person's private chat, which the audit record names.
     */
    async redeemInvite(code: string, person: { id: number }): Promise<RedeemInviteResult> {
      if (!INVITE_CODE_PATTERN.test(code)) return { ok: false, reason: 'UNKNOWN' }
      const at = now()
      return db.$transaction(async (tx) => {
        const claimed = await tx.invite.updateMany({
          where: { code, redeemedAt: null, expiresAt: { gt: at } },
          data: { redeemedAt: at, redeemedById: person.id },
        })
        // No nested include: inside a transaction Prisma would load it with a concurrent query on the one connection.
        const invite = await tx.invite.findUnique({ where: { code } })
        if (!invite) return { ok: false as const, reason: 'UNKNOWN' as const }
        if (claimed.count === 0)
          return { ok: false as const, reason: invite.redeemedAt ? ('USED' as const) : ('EXPIRED' as const) }
        const station = await tx.station.findUniqueOrThrow({
          where: { id: invite.stationId },
          select: { code: true, name: true, kind: true },
        })

        const key = { personId: person.id, stationId: invite.stationId, role: invite.role }
        const before = await tx.membership.findUnique({ where: { personId_stationId_role: key } })
        if (!before) {
          await tx.membership.createMany({ data: [key], skipDuplicates: true })
        } else if (before.revokedAt !== null) {
          await tx.liaisonGrid.deleteMany({ where: { membershipId: before.id } })
          await tx.membership.update({ where: { id: before.id }, data: { revokedAt: null } })
        }
        const membership = await tx.membership.findUniqueOrThrow({ where: { personId_stationId_role: key } })
        if (invite.role === 'LIAISON' && invite.gridCodes.length > 0) {
          await tx.liaisonGrid.createMany({
            data: invite.gridCodes.map((areaCode) => ({ membershipId: membership.id, areaCode })),
            skipDuplicates: true,
          })
        }
        const { telegramId } = await tx.person.findUniqueOrThrow({
          where: { id: person.id },
          select: { telegramId: true },
        })
        const by = telegramActor(telegramId, telegramId)
        const details = {
          inviteId: invite.id,
          role: invite.role,
          gridCodes: invite.gridCodes,
          reactivated: before !== null && before.revokedAt !== null,
        }
        await recordAudit(tx, { by, action: 'invite.redeem', stationCode: station.code, details }, at)
        return { ok: true as const, role: invite.role, station, gridCodes: invite.gridCodes }
      })
    },

    /** Revokes a person's roles at a station (all of them, or one); the rows stay, with revokedAt set. */
    async revokeMembership(
      telegramId: bigint | number,
      stationCode: string,
      options: { by: AuditActor; role?: MemberRole | undefined },
    ): Promise<RevokeMembershipResult> {
      const [person, station] = await Promise.all([
        db.person.findUnique({ where: { telegramId: BigInt(telegramId) }, select: { id: true, telegramId: true } }),
        db.station.findUnique({ where: { code: stationCode }, select: { id: true, code: true } }),
      ])
      if (!person) return { ok: false, reason: 'UNKNOWN_PERSON' }
      if (!station) return { ok: false, reason: 'UNKNOWN_STATION' }
      const at = now()
      return db.$transaction(
        async (tx) => {
          const revoked = await tx.membership.updateManyAndReturn({
            where: {
              personId: person.id,
              stationId: station.id,
              revokedAt: null,
              ...(options.role ? { role: options.role } : {}),
            },
            data: { revokedAt: at },
            select: { role: true },
          })
          if (revoked.length === 0) return { ok: false as const, reason: 'NOT_A_MEMBER' as const }
          const roles = revoked.map((membership) => membership.role).sort()
          await recordAudit(
            tx,
            {
              by: options.by,
              action: 'membership.revoke',
              stationCode: station.code,
              subjectTelegramId: person.telegramId,
              details: { roles },
            },
            at,
          )
          return { ok: true as const, revoked: revoked.length }
        },
        { maxWait: TRANSACTION_MAX_WAIT_MS },
      )
    },
  }
}

export type Invites = ReturnType<typeof createInvites>

/** Why a grid cannot go on an invite for a station covering `covered`, or null when it can. */
async function gridProblem(
  db: Database,
  gridCode: string,
  covered: ReadonlySet<string>,
): Promise<CreateInviteFailure | null> {
  const grid = await db.area.findUnique({ where: { code: gridCode }, select: { level: true, parentCode: true } })
  if (!grid) return 'UNKNOWN_GRID'
  if (grid.level !== 'GRID') return 'NOT_A_GRID'
  // Walk up the tree (grid → community → street → district → city) until a covered area turns up.
  let code: string | null = gridCode
  let parentCode: string | null = grid.parentCode
  for (let depth = 0; code !== null && depth < 6; depth += 1) {
    if (covered.has(code)) return null
    code = parentCode
    parentCode =
      code === null
        ? null
        : ((await db.area.findUnique({ where: { code }, select: { parentCode: true } }))?.parentCode ?? null)
  }
  return 'GRID_NOT_COVERED'
}
