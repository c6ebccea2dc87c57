import type { Prisma } from '../../db/client.ts'

/**
 * Who did an administrative act, and from where: the OS user on the admin command line, or a Telegram user in
 * a chat (a group for /bind, the private chat for an invite).
 */
export type AuditActor = { via: 'CLI'; user: string } | { via: 'CHAT'; telegramId: bigint; chatId: bigint }

/** The acting person (by id, as the bot knows them) in a chat; their Telegram id is read from the database. */
export async function chatActor(
  tx: Prisma.TransactionClient,
  personId: number,
  chatId: number | bigint,
): Promise<AuditActor> {
  const person = await tx.person.findUniqueOrThrow({ where: { id: personId }, select: { telegramId: true } })
  return { via: 'CHAT', telegramId: person.telegramId, chatId: BigInt(chatId) }
}

/** A Telegram user in a chat, by the ids the update carries. */
export function telegramActor(telegramId: number | bigint, chatId: number | bigint): AuditActor {
  return { via: 'CHAT', telegramId: BigInt(telegramId), chatId: BigInt(chatId) }
}
