// Telegram updates as a simulated consumer in a private chat sends them.
import type { Update, User } from 'grammy/types'

let nextUpdateId = 1
let nextIncomingMessageId = 1_000_000_000

/** A private-chat user. */
export function benchUser(id: number): User {
  return { id, is_bot: false, first_name: `Consumer${id}`, language_code: 'zh-hans' }
}

/** A private message from the user with the given content. */
function messageUpdate(user: User, content: Record<string, unknown>): Update {
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextIncomingMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: user.id, type: 'private', first_name: user.first_name },
      from: user,
      ...content,
    },
  } as Update
}

/** A text message (a command gets its bot_command entity). */
export function textUpdate(user: User, text: string): Update {
  const command = /^\/\w+/.exec(text)
  return messageUpdate(user, {
    text,
    ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
  })
}

/** A photo message. */
export function photoUpdate(user: User, uniqueId: string): Update {
  return messageUpdate(user, {
    photo: [{ file_id: `photo-${uniqueId}`, file_unique_id: uniqueId, width: 1280, height: 960, file_size: 200_000 }],
  })
}

/** A press of an inline button of a bot message. */
export function pressUpdate(user: User, messageId: number, data: string): Update {
  return {
    update_id: nextUpdateId++,
    callback_query: {
      id: `cb-${nextUpdateId}`,
      from: user,
      chat_instance: String(user.id),
      data,
      message: {
        message_id: messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: user.id, type: 'private', first_name: user.first_name },
        text: '',
      },
    },
  } as Update
}
