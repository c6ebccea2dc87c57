/**
 * Shared rules for everything the bot posts into a chat: who may be written
 * to (blocked users, users who never started the bot, chats the bot left),
 * forum threads, replies, reply keyboards, and the Message envelope.
 */
import type { Message, ReplyParameters } from 'grammy/types'
import { Errors } from '../api-error.ts'
import type { ChatState, StoredMessage } from '../chat-store.ts'
import { type AnyReplyMarkup, inlineMarkupOf, validateMarkup } from '../markup.ts'
import type { Params } from '../params.ts'
import type { FakeState } from '../state.ts'

/** Resolves `chat_id` and checks the bot may write there (403s like Telegram). */
export function writableChat(state: FakeState, params: Params, key = 'chat_id'): ChatState {
  const chat = state.chats.resolve(params.str(key))
  assertCanWrite(chat)
  return chat
}

export function assertCanWrite(chat: ChatState): void {
  if (chat.chat.type === 'private') {
    if (chat.blockedBot) throw Errors.blockedByUser()
    if (!chat.startedBot) throw Errors.cantInitiate()
    return
  }
  const where = chat.chat.type === 'group' ? 'group chat' : 'supergroup chat'
  if (chat.bot.status === 'kicked') throw Errors.forbidden(`bot was kicked from the ${where}`)
  if (chat.bot.status === 'left') throw Errors.forbidden(`bot is not a member of the ${where}`)
}

export interface Placement {
  threadId: number | undefined
  replyTo: Message | undefined
}

/** Validates message_thread_id and reply_parameters / reply_to_message_id. */
export function placement(state: FakeState, chat: ChatState, params: Params): Placement {
  let threadId = params.int('message_thread_id')
  let topicCreation: Message | undefined
  if (threadId !== undefined && chat.chat.type === 'supergroup' && chat.chat.is_forum) {
    const topic = chat.topics.get(threadId)
    if (!topic) throw Errors.threadNotFound()
    if (topic.closed && !(chat.bot.status === 'administrator' && chat.bot.rights.can_manage_topics))
      throw Errors.topicClosed()
    topicCreation = topic.creation
  } else if (threadId !== undefined && chat.chat.type !== 'supergroup') {
    threadId = undefined // Telegram ignores thread ids outside supergroups
  }
  const rp = params.json<ReplyParameters>('reply_parameters')
  const replyId = rp?.message_id ?? params.int('reply_to_message_id')
  let replyTo: Message | undefined
  if (replyId !== undefined) {
    const target = state.chats.message(rp?.chat_id !== undefined ? state.chats.resolve(rp.chat_id) : chat, replyId)
    const allowMissing = rp?.allow_sending_without_reply ?? params.bool('allow_sending_without_reply') ?? false
    if (!target && !allowMissing) throw Errors.replyNotFound()
    if (target) {
      replyTo = stripReply(target.current)
      if (threadId === undefined && target.current.message_thread_id !== undefined)
        threadId = target.current.message_thread_id
    }
  }
  if (!replyTo && topicCreation) replyTo = topicCreation
  return { threadId, replyTo }
}

/** Telegram nests reply_to_message only one level deep. */
export function stripReply(m: Message): Message {
  const { reply_to_message: _drop, ...rest } = m
  return rest as Message
}

/** Posts a bot message: allocates the id, applies placement and reply_markup, notifies waiters. */
export function postBotMessage(
  state: FakeState,
  chat: ChatState,
  params: Params,
  content: Partial<Message>,
): StoredMessage {
  const where = placement(state, chat, params)
  const markup = validateMarkup(params.json<AnyReplyMarkup>('reply_markup'))
  const inline = inlineMarkupOf(markup)
  const isForum = chat.chat.type === 'supergroup' && chat.chat.is_forum === true
  const stored = state.chats.addMessage(
    chat,
    (message_id) =>
      ({
        message_id,
        from: state.botAsUser(),
        chat: chat.chat,
        date: Math.floor(Date.now() / 1000),
        ...(where.threadId !== undefined ? { message_thread_id: where.threadId } : {}),
        ...(where.threadId !== undefined && isForum ? { is_topic_message: true } : {}),
        ...(where.replyTo ? { reply_to_message: where.replyTo } : {}),
        ...content,
        ...(inline ? { reply_markup: inline } : {}),
      }) as Message,
    { fromBot: true, sentMarkup: markup },
  )
  if (markup && 'keyboard' in markup) chat.replyKeyboard = markup
  if (markup && 'remove_keyboard' in markup) chat.replyKeyboard = undefined
  state.touch()
  return stored
}

/** Finds the bot's message addressed by chat_id + message_id for editing. */
export function messageToEdit(state: FakeState, params: Params): StoredMessage {
  if (params.has('inline_message_id')) throw Errors.badRequest('inline messages are not simulated by the fake Bot API')
  const chat = state.chats.resolve(params.str('chat_id'))
  assertCanWrite(chat)
  const stored = state.chats.message(chat, params.requireInt('message_id'))
  if (!stored) throw Errors.messageToEditNotFound()
  if (!stored.fromBot) throw Errors.messageCantBeEdited()
  return stored
}
