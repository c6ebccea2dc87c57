/** Chat info, membership, forum topics and the chat menu button. */
import type { ChatFullInfo, ForumTopic, MenuButton, Message } from 'grammy/types'
import { Errors } from '../api-error.ts'
import type { ChatState } from '../chat-store.ts'
import type { FakeState } from '../state.ts'
import { assertCanWrite } from './outgoing.ts'
import type { MethodTable } from './types.ts'

/** Telegram's default topic icon color (blue). */
export const DEFAULT_TOPIC_COLOR = 0x6fb9f0

function forum(state: FakeState, chatId: string | undefined): ChatState {
  const chat = state.chats.resolve(chatId)
  assertCanWrite(chat)
  if (!(chat.chat.type === 'supergroup' && chat.chat.is_forum)) throw Errors.notAForum()
  return chat
}

function canManageTopics(chat: ChatState): boolean {
  return chat.bot.status === 'administrator' && chat.bot.rights.can_manage_topics === true
}

function topicOf(chat: ChatState, threadId: number) {
  const topic = chat.topics.get(threadId)
  if (!topic) throw Errors.threadNotFound()
  return topic
}

export const chatMethods: MethodTable = {
  getChat({ state, params }) {
    const chat = state.chats.resolve(params.str('chat_id'))
    if (chat.chat.type !== 'private' && (chat.bot.status === 'left' || chat.bot.status === 'kicked'))
      throw Errors.chatNotFound()
    const info: Record<string, unknown> = {
      ...chat.chat,
      accent_color_id: 0,
      max_reaction_count: 11,
      accepted_gift_types: {
        unlimited_gifts: false,
        limited_gifts: false,
        unique_gifts: false,
        premium_subscription: false,
      },
    }
    if (chat.chat.type !== 'private') {
      info.permissions = {
        can_send_messages: true,
        can_send_photos: true,
        can_send_documents: true,
        can_invite_users: true,
        can_pin_messages: false,
        can_manage_topics: false,
      }
    }
    return info as unknown as ChatFullInfo
  },

  getChatMember({ state, params }) {
    const chat = state.chats.resolve(params.str('chat_id'))
    return state.chats.member(chat, params.requireInt('user_id'))
  },

  getChatAdministrators({ state, params }) {
    return state.chats.administrators(state.chats.resolve(params.str('chat_id')))
  },

  getChatMemberCount({ state, params }) {
    const chat = state.chats.resolve(params.str('chat_id'))
    if (chat.chat.type === 'private') return 2
    const members = [...chat.members.values()].filter((m) => m.status !== 'left' && m.status !== 'kicked').length
    return members + (chat.bot.status === 'left' || chat.bot.status === 'kicked' ? 0 : 1)
  },

  leaveChat({ state, params }) {
    const chat = state.chats.resolve(params.str('chat_id'))
    if (chat.chat.type === 'private') throw Errors.badRequest("chat member status can't be changed in private chats")
    assertCanWrite(chat)
    chat.bot = { status: 'left', rights: {} }
    state.touch()
    return true
  },

  createForumTopic({ state, params }) {
    const chat = forum(state, params.str('chat_id'))
    if (!canManageTopics(chat)) throw Errors.notEnoughRightsTopic()
    const name = params.requireStr('name')
    if (name.length < 1 || name.length > 128) throw Errors.badRequest('TOPIC_TITLE_EMPTY')
    const topic: ForumTopic = {
      message_thread_id: 0,
      name,
      icon_color: params.int('icon_color') ?? DEFAULT_TOPIC_COLOR,
      ...(params.str('icon_custom_emoji_id') ? { icon_custom_emoji_id: params.str('icon_custom_emoji_id') } : {}),
    }
    const stored = state.chats.addMessage(
      chat,
      (message_id) => {
        topic.message_thread_id = message_id
        return {
          message_id,
          message_thread_id: message_id,
          from: state.botAsUser(),
          chat: chat.chat,
          date: Math.floor(Date.now() / 1000),
          is_topic_message: true,
          forum_topic_created: {
            name: topic.name,
            icon_color: topic.icon_color,
            ...(topic.icon_custom_emoji_id ? { icon_custom_emoji_id: topic.icon_custom_emoji_id } : {}),
          },
        } as Message
      },
      { fromBot: true },
    )
    chat.topics.set(topic.message_thread_id, { topic, closed: false, creation: stored.current })
    state.touch()
    return topic
  },

  editForumTopic({ state, params }) {
    const chat = forum(state, params.str('chat_id'))
    const t = topicOf(chat, params.requireInt('message_thread_id'))
    if (!canManageTopics(chat) && t.creation.from?.id !== state.bot.id)
      throw Errors.badRequest('not enough rights to edit a topic')
    const name = params.str('name')
    const emoji = params.str('icon_custom_emoji_id')
    if (
      (name === undefined || name === t.topic.name) &&
      (emoji === undefined || emoji === t.topic.icon_custom_emoji_id)
    )
      throw Errors.badRequest('TOPIC_NOT_MODIFIED')
    if (name !== undefined) t.topic.name = name
    if (emoji !== undefined) t.topic.icon_custom_emoji_id = emoji
    state.touch()
    return true
  },

  closeForumTopic({ state, params }) {
    const chat = forum(state, params.str('chat_id'))
    const t = topicOf(chat, params.requireInt('message_thread_id'))
    if (!canManageTopics(chat) && t.creation.from?.id !== state.bot.id)
      throw Errors.badRequest('not enough rights to close a topic')
    if (t.closed) throw Errors.badRequest('TOPIC_NOT_MODIFIED')
    t.closed = true
    state.touch()
    return true
  },

  reopenForumTopic({ state, params }) {
    const chat = forum(state, params.str('chat_id'))
    const t = topicOf(chat, params.requireInt('message_thread_id'))
    if (!canManageTopics(chat) && t.creation.from?.id !== state.bot.id)
      throw Errors.badRequest('not enough rights to reopen a topic')
    if (!t.closed) throw Errors.badRequest('TOPIC_NOT_MODIFIED')
    t.closed = false
    state.touch()
    return true
  },

  deleteForumTopic({ state, params }) {
    const chat = forum(state, params.str('chat_id'))
    const threadId = params.requireInt('message_thread_id')
    topicOf(chat, threadId)
    if (!canManageTopics(chat)) throw Errors.badRequest('not enough rights to delete a topic')
    chat.topics.delete(threadId)
    for (const m of chat.order) if (m.current.message_thread_id === threadId) m.deleted = true
    state.touch()
    return true
  },

  setChatMenuButton({ state, params }) {
    const button = params.json<MenuButton>('menu_button') ?? { type: 'default' }
    if (params.has('chat_id')) state.chats.resolve(params.str('chat_id')).menuButton = button
    else state.defaultMenuButton = button
    return true
  },

  getChatMenuButton({ state, params }) {
    if (params.has('chat_id')) return state.chats.resolve(params.str('chat_id')).menuButton ?? state.defaultMenuButton
    return state.defaultMenuButton
  },
}
