/** A sliding-window limit: at most `limit` messages in any `windowMs`. */
export interface WindowLimit {
  limit: number
  windowMs: number
}

/**
 * Telegram's flood limits as the notifier enforces them (12315-process.md §10). A message counts from when its
 * slot is taken until its answer comes, and for the window after that, so a later message can never reach
 * Telegram inside a window an earlier one still occupies. `marginMs` widens every window further (tests use it
 * to make scaled-down windows robust; Telegram's own limits need none).
 */
export interface DeliveryLimits {
  /** Every message of the bot, all chats together (~30/s; paid broadcast allows more). */
  global: WindowLimit
  /** One private chat (~1/s). */
  privateChat: WindowLimit[]
  /** One group: ~1/s and ~20/min. */
  groupChat: WindowLimit[]
  /**
   * Slots of each of a group's windows (those allowing more than this many) that only new ticket cards and card
   * edits may use, so that evidence and other messages cannot hold a new card back for a minute. Default 0.
   */
  groupReserve?: number
  /**
   * Slots of the bot's overall window that a warning broadcast leaves to everything else, so that a ticket card
   * sent by another worker process (whose send gate does not know the broadcast) finds a slot at once instead of
   * taking the next one that frees (tens of ms). Default 0; every slot kept costs the broadcast 1/30 of its rate.
   */
  broadcastReserve?: number
  marginMs: number
}

/** The defaults, from Telegram's published guidance. */
export const TELEGRAM_LIMITS: DeliveryLimits = {
  global: { limit: 30, windowMs: 1000 },
  privateChat: [{ limit: 1, windowMs: 1000 }],
  groupChat: [
    { limit: 1, windowMs: 1000 },
    { limit: 20, windowMs: 60_000 },
  ],
  groupReserve: 5,
  // None: within a process the send gate already puts ticket messages first, and a reserve of 2 held the broadcast
  // at 84 % of what 5 complaints/s leave (docs/performance.md, `npm run bench -- broadcast`).
  broadcastReserve: 0,
  // Windows count from each message's answer (chat-pacer.ts), which is never before Telegram received it.
  marginMs: 0,
}

/** Telegram chat ids of groups and channels are negative; users' private chats are positive. */
export function isGroupChat(chatId: number | bigint): boolean {
  return BigInt(chatId) < 0n
}
