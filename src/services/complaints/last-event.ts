import type { Database, Prisma } from '../../db/client.ts'
import { LIFECYCLE_ACTIONS, RETIRED_ACTIONS } from '../../domain/lifecycle/index.ts'

/** The latest lifecycle step of a ticket, for "someone else acted first" answers and the card's footer. */
export interface LastAction {
  /** The actor's display name; null for the system, and always null when shown to the consumer. */
  actorName: string | null
  actorRole: 'CONSUMER' | 'LIAISON' | 'STAFF' | 'ADMIN' | 'SYSTEM'
  action: string
  at: Date
}

/** Actions that change or annotate the ticket (relayed messages are conversation, not steps). */
export const STEP_ACTIONS: readonly string[] = ['SUBMIT', ...LIFECYCLE_ACTIONS, ...RETIRED_ACTIONS, 'RATE']

type Db = Database | Prisma.TransactionClient

/** The latest lifecycle event of the complaint, with its actor's name; null before any. */
export async function lastAction(db: Db, complaintId: string): Promise<LastAction | null> {
  const event = await db.complaintEvent.findFirst({
    where: { complaintId, action: { in: [...STEP_ACTIONS] } },
    orderBy: { id: 'desc' },
    include: { actor: { select: { displayName: true } } },
  })
  if (!event) return null
  return {
    actorName: event.actor?.displayName ?? null,
    actorRole: event.actorRole,
    action: event.action,
    at: event.createdAt,
  }
}
