/** Who acts on a ticket. Mirrors the database enum `ActorRole`. */
export const ACTOR_ROLES = ['CONSUMER', 'LIAISON', 'STAFF', 'ADMIN', 'SYSTEM'] as const

/**
 * The role an actor plays on one ticket. `CONSUMER` means the ticket's own consumer:
 * the caller establishes ownership; the lifecycle only sees the role.
 */
export type ActorRole = (typeof ACTOR_ROLES)[number]
