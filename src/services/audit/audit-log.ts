/**
 * The audit log: one append-only row per administrative act (binding a group, invites issued and redeemed,
 * revocations, directory imports, listings with full names). Written in the same transaction as the act, so an
 * act is never done without its record. The table refuses UPDATE and DELETE (a trigger); this file only inserts
 * and reads.
 */
import type { Database, Prisma } from '../../db/client.ts'
import type { AuditActor } from './audit-actor.ts'

export const AUDIT_ACTIONS = [
  'station.bind',
  'station.unbind',
  'station.move',
  'invite.create',
  'invite.redeem',
  'membership.revoke',
  'directory.import',
  'people.list',
  'tickets.export',
] as const

export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/** JSON values only (bigints as strings); never an invite code, a name or a phone number. */
export type AuditDetails = Record<string, Prisma.InputJsonValue | null>

export interface AuditRecord {
  by: AuditActor
  action: AuditAction
  stationCode?: string | null
  /** The Telegram id of the person the act concerns, when that is not the actor. */
  subjectTelegramId?: bigint | null
  details?: AuditDetails
}

/** Appends one record; pass the transaction of the act itself. */
export async function recordAudit(
  tx: Prisma.TransactionClient | Database,
  record: AuditRecord,
  at = new Date(),
): Promise<void> {
  const { by } = record
  await tx.auditLog.create({
    data: {
      at,
      channel: by.via,
      actor: by.via === 'CLI' ? by.user : by.telegramId.toString(),
      chatId: by.via === 'CHAT' ? by.chatId : null,
      action: record.action,
      stationCode: record.stationCode ?? null,
      subjectTelegramId: record.subjectTelegramId ?? null,
      details: (record.details ?? {}) as Prisma.InputJsonObject,
    },
  })
}

export interface AuditFilter {
  since?: Date | undefined
  /** An OS user or a Telegram id, exactly. */
  actor?: string | undefined
  /** An action (`invite.create`) or its group (`invite`). */
  action?: string | undefined
  /** The newest this many, returned oldest first. */
  limit: number
}

export interface AuditEntry {
  id: bigint
  at: Date
  channel: 'CLI' | 'CHAT'
  actor: string
  /** The name of a Telegram actor, as the bot knows them (to be masked before showing). */
  actorName: string | null
  chatId: bigint | null
  action: string
  stationCode: string | null
  subjectTelegramId: bigint | null
  subjectName: string | null
  details: Record<string, unknown>
}

/** The records matching the filter, with the names of the Telegram users they mention. */
export async function listAudit(db: Database, filter: AuditFilter): Promise<AuditEntry[]> {
  const action = filter.action?.trim()
  const rows = await db.auditLog.findMany({
    where: {
      ...(filter.since ? { at: { gte: filter.since } } : {}),
      ...(filter.actor ? { actor: filter.actor.trim() } : {}),
      ...(action ? { OR: [{ action }, { action: { startsWith: `${action}.` } }] } : {}),
    },
    orderBy: { id: 'desc' },
    take: filter.limit,
  })
  rows.reverse()
  const telegramIds = new Set<bigint>()
  for (const row of rows) {
    if (row.channel === 'CHAT' && /^\d+$/.test(row.actor)) telegramIds.add(BigInt(row.actor))
    if (row.subjectTelegramId !== null) telegramIds.add(row.subjectTelegramId)
  }
  const people = await db.person.findMany({
    where: { telegramId: { in: [...telegramIds] } },
    select: { telegramId: true, displayName: true },
  })
  const nameOf = new Map(people.map((person) => [person.telegramId.toString(), person.displayName]))
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    channel: row.channel,
    actor: row.actor,
    actorName: row.channel === 'CHAT' ? (nameOf.get(row.actor) ?? null) : null,
    chatId: row.chatId,
    action: row.action,
    stationCode: row.stationCode,
    subjectTelegramId: row.subjectTelegramId,
    subjectName: row.subjectTelegramId === null ? null : (nameOf.get(row.subjectTelegramId.toString()) ?? null),
    details:
      typeof row.details === 'object' && row.details !== null && !Array.isArray(row.details)
        ? (row.details as Record<string, unknown>)
        : {},
  }))
}
