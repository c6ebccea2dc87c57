/** A sliding-window limit: at most `limit` messages in any `windowMs`. */
export interface WindowLimit {
  limit: number
  windowMs: number
}

/**
 * Telegram's flood limits as the notifier enforces them (12315-process.md §10). Every window is widened by
 * `marginMs`, because a message is counted when its slot is taken and reaches Telegram a few milliseconds
 * later; a later message overtaking an earlier one must not squeeze two into one of Telegram's windows.
 */
export interface DeliveryLimits {
  /** Every message of the bot, all chats together (~30/s; paid broadcast allows more). */
  global: WindowLimit
  /** One private chat (~1/s). */
  privateChat: WindowLimit[]
  /** One group: ~1/s and ~20/min. */
  groupChat: WindowLimit[]
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
  marginMs: 100,
}

/** Telegram chat ids of groups and channels are negative; users' private chats are positive. */
export function isGroupChat(chatId: number | bigint): boolean {
  return BigInt(chatId) < 0n
}
