/** What the page needs to draw a chat: its messages as a client shows them, topics, reply keyboard, commands. */
import type { BotCommand, Message } from 'grammy/types'
import type { ChatState, StoredMessage } from '../bot-api/chat-store.ts'
import { commandsKey, type FakeState } from '../bot-api/state.ts'

export interface ChatJson {
  id: number
  type: string
  title: string
  forum: boolean
  topics: { id: number; name: string }[]
  messages: MessageJson[]
  replyKeyboard: unknown
  commands: BotCommand[]
  /** A private chat whose person has blocked the bot. */
  blockedBot: boolean
}

export interface MessageJson {
  id: number
  fromBot: boolean
  from: { id: number; name: string } | undefined
  deleted: boolean
  edited: boolean
  date: number
  threadId: number | undefined
  message: Message
}

function messageJson(stored: StoredMessage): MessageJson {
  const m = stored.current
  return {
    id: stored.messageId,
    fromBot: stored.fromBot,
    from: m.from ? { id: m.from.id, name: [m.from.first_name, m.from.last_name].filter(Boolean).join(' ') } : undefined,
    deleted: stored.deleted,
    edited: stored.versions.length > 1,
    date: m.date,
    threadId: m.message_thread_id,
    message: m,
  }
}

/** The bot's command menu for a chat in a language: the most specific scope set wins, as in Telegram clients. */
function commandsFor(state: FakeState, chat: ChatState, language: string | undefined): BotCommand[] {
  const scopes =
    chat.chat.type === 'private'
      ? [{ type: 'chat', chat_id: chat.chat.id }, { type: 'all_private_chats' }, { type: 'default' }]
      : [
          { type: 'chat', chat_id: chat.chat.id },
          { type: 'all_chat_administrators' },
          { type: 'all_group_chats' },
          { type: 'default' },
        ]
  const languages = [language?.slice(0, 2), undefined]
  for (const scope of scopes) {
    for (const lang of languages) {
      const found = state.commands.get(commandsKey(scope, lang))
      if (found?.length) return found
    }
  }
  return []
}

export function chatJson(state: FakeState, chat: ChatState, language: string | undefined): ChatJson {
  return {
    id: chat.chat.id,
    type: chat.chat.type,
    title: ('title' in chat.chat ? chat.chat.title : chat.chat.first_name) ?? '',
    forum: chat.chat.type === 'supergroup' && chat.chat.is_forum === true,
    topics: [...chat.topics.values()].map((t) => ({ id: t.topic.message_thread_id, name: t.topic.name })),
    messages: chat.order.map(messageJson),
    replyKeyboard: chat.replyKeyboard ?? null,
    commands: commandsFor(state, chat, language),
    blockedBot: chat.blockedBot,
  }
}

/**
 * A cheap fingerprint of a chat: changes whenever a message is added, edited or deleted, a topic is made, or the bot
 * is blocked or unblocked.
 */
export function chatSignature(chat: ChatState): string {
  let versions = 0
  let deleted = 0
  for (const m of chat.order) {
    versions += m.versions.length
    if (m.deleted) deleted++
  }
  return `${chat.order.length}.${versions}.${deleted}.${chat.topics.size}.${chat.replyKeyboard ? 1 : 0}.${chat.blockedBot ? 1 : 0}`
}
