/**
 * Messages written by simulated users: building realistic Message objects
 * (entities, forum threads, replies) and turning them into updates, applying
 * Telegram's group privacy mode (a bot without admin rights and with privacy
 * mode on only sees commands, replies to itself and mentions).
 */
import type { Message, MessageEntity, Update, User } from 'grammy/types'
import type { ChatState, StoredMessage } from './chat-store.ts'
import { stripReply } from './methods/outgoing.ts'
import type { FakeState } from './state.ts'

/** Entities a Telegram client would attach: bot_command, mention, url. */
export function detectEntities(text: string): MessageEntity[] {
  const out: MessageEntity[] = []
  const rules: [RegExp, MessageEntity['type']][] = [
    [/(?<=^|\s)\/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{3,32})?(?=$|\s)/g, 'bot_command'],
    [/(?<=^|\s)@[a-zA-Z0-9_]{4,32}/g, 'mention'],
    [/https?:\/\/[^\s]+/g, 'url'],
  ]
  for (const [re, type] of rules)
    for (const m of text.matchAll(re)) out.push({ type, offset: m.index ?? 0, length: m[0].length } as MessageEntity)
  return out.sort((a, b) => a.offset - b.offset)
}

export interface Placement {
  replyTo?: Message | number
  threadId?: number
}

/** Should the bot receive this group message? (privacy mode rules) */
function botSees(state: FakeState, chat: ChatState, m: Message): boolean {
  if (chat.chat.type === 'private') return true
  if (chat.bot.status === 'left' || chat.bot.status === 'kicked') return false
  if (state.bot.can_read_all_group_messages || chat.bot.status === 'administrator') return true
  const text = m.text ?? m.caption ?? ''
  const username = state.bot.username.toLowerCase()
  const command = /^\/[a-zA-Z0-9_]+(?:@([a-zA-Z0-9_]+))?/.exec(text)
  if (command) return command[1] === undefined || command[1].toLowerCase() === username
  if (m.reply_to_message?.from?.id === state.bot.id && !m.reply_to_message.forum_topic_created) return true
  if (text.toLowerCase().includes(`@${username}`)) return true
  return m.new_chat_members !== undefined || m.left_chat_member !== undefined || m.forum_topic_created !== undefined
}

/**
 * Stores a user's message and queues the `message` update (if the bot can see
 * it). Throws a plain Error for impossible test setups (user not in group,
 * unknown topic).
 */
export function postUserMessage(
  state: FakeState,
  chat: ChatState,
  from: User,
  content: Partial<Message>,
  where: Placement = {},
): StoredMessage {
  const isForum = chat.chat.type === 'supergroup' && chat.chat.is_forum === true
  if (chat.chat.type !== 'private') {
    const title = chat.chat.title
    const member = chat.members.get(from.id)
    if (!member || member.status === 'left' || member.status === 'kicked')
      throw new Error(`${from.first_name} is not a member of "${title}"`)
  }
  let replyTo: Message | undefined
  if (where.replyTo !== undefined) {
    const id = typeof where.replyTo === 'number' ? where.replyTo : where.replyTo.message_id
    const target = state.chats.message(chat, id)
    if (!target) throw new Error(`message ${id} does not exist in chat ${chat.chat.id}`)
    replyTo = stripReply(target.current)
  }
  let threadId = where.threadId ?? replyTo?.message_thread_id
  if (threadId !== undefined && isForum) {
    const topic = chat.topics.get(threadId)
    if (!topic) throw new Error(`topic ${threadId} does not exist in chat ${chat.chat.id}`)
    replyTo ??= topic.creation
  } else if (!isForum) threadId = undefined
  const stored = state.chats.addMessage(
    chat,
    (message_id) =>
      ({
        message_id,
        from,
        chat: chat.chat,
        date: Math.floor(Date.now() / 1000),
        ...(threadId !== undefined ? { message_thread_id: threadId, is_topic_message: true } : {}),
        ...(replyTo ? { reply_to_message: replyTo } : {}),
        ...content,
      }) as Message,
    { fromBot: false },
  )
  if (chat.chat.type === 'private') chat.startedBot = true
  if (botSees(state, chat, stored.current)) state.updates.push({ message: stored.current } as Omit<Update, 'update_id'>)
  state.feed.notify()
  return stored
}
