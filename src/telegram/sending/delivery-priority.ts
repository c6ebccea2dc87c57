/**
 * The order in which outgoing messages use Telegram's budget when it is short (lower goes first): a new ticket
 * card before an edit of one, an edit before other messages, evidence after them, a warning broadcast last (it
 * uses what the others leave). Used as the notify job's BullMQ
 * priority (jobs are fetched in this order) and by the send gate (a fetched job waiting for the bot's overall
 * limit is let through in this order).
 */
export const DELIVERY_PRIORITY = {
  CARD: 1,
  EDIT: 2,
  MESSAGE: 3,
  EVIDENCE: 4,
  BROADCAST: 5,
} as const

export type DeliveryPriority = (typeof DELIVERY_PRIORITY)[keyof typeof DELIVERY_PRIORITY]

/**
 * Priorities above this may not use the slots a group keeps in reserve for new cards and card edits
 * (DeliveryLimits.groupReserve).
 */
export const RESERVE_USERS_UP_TO: DeliveryPriority = DELIVERY_PRIORITY.EDIT
