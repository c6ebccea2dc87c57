/** Updates as Telegram delivers them, for tests that hand them to the bot themselves (webhook posts, the journal). */
import type { Update, User } from 'grammy/types'

type PrivateMessage = NonNullable<Update['message']>

/** A private `/start` of `user`, as the message of an update. */
export function startMessage(user: User): PrivateMessage {
  return {
    message_id: Math.floor(Math.random() * 1e9),
    date: Math.floor(Date.now() / 1000),
    chat: { id: user.id, type: 'private', first_name: user.first_name },
    from: user,
    text: '/start',
    entities: [{ type: 'bot_command', offset: 0, length: 6 }],
  }
}

/** The update of a private `/start` of `user`. */
export function startUpdate(user: User, updateId: number): Update {
  return { update_id: updateId, message: startMessage(user) }
}
