import type { Database } from '../../db/client.ts'

/**
 * Marks a person who blocked the bot (or never started it) as unreachable, from now on: by their Person id (a send
 * that Telegram refused) or their Telegram id (Telegram said so in their private chat). Nothing is sent to them until
 * they unblock the bot or write again.
 */
export async function markUnreachable(
  db: Database,
  person: number | { telegramId: bigint },
  now = new Date(),
): Promise<void> {
  const who = typeof person === 'number' ? { id: person } : { telegramId: person.telegramId }
  await db.person.updateMany({
    where: { ...who, reachable: true },
    data: { reachable: false, unreachableSince: now },
  })
}
