/** Text messages: send, edit, delete, copy, forward, chat actions. */
import type { InlineKeyboardMarkup, Message, MessageEntity } from 'grammy/types'
import { Errors } from '../api-error.ts'
import type { StoredMessage } from '../chat-store.ts'
import { type AnyReplyMarkup, inlineMarkupOf, validateMarkup } from '../markup.ts'
import { formatText } from '../parse-mode.ts'
import { assertCanWrite, messageToEdit, postBotMessage, writableChat } from './outgoing.ts'
import type { MethodTable } from './types.ts'

export const MAX_TEXT_LENGTH = 4096
export const MAX_CAPTION_LENGTH = 1024

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
])

/** Parses text + parse_mode/entities and enforces the 4096 limit. */
export function messageText(text: string | undefined, parseMode: string | undefined, entities?: MessageEntity[]) {
  if (text === undefined || text.trim() === '') throw Errors.textEmpty()
  const formatted = formatText(text, parseMode, entities)
  if (formatted.text === '') throw Errors.textEmpty()
  if (formatted.text.length > MAX_TEXT_LENGTH) throw Errors.messageTooLong()
  return formatted
}

/** Parses caption + parse_mode and enforces the 1024 limit. */
export function captionFields(
  caption: string | undefined,
  parseMode: string | undefined,
  entities?: MessageEntity[],
): Partial<Message> {
  if (caption === undefined || caption === '') return {}
  const f = formatText(caption, parseMode, entities)
  if (f.text.length > MAX_CAPTION_LENGTH) throw Errors.captionTooLong()
  if (f.text === '') return {}
  return { caption: f.text, ...(f.entities.length ? { caption_entities: f.entities } : {}) }
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

function applyEdit(stored: StoredMessage, patch: Partial<Message>, markup: InlineKeyboardMarkup | undefined): Message {
  const { reply_markup: _old, ...rest } = stored.current
  const next = {
    ...rest,
    ...patch,
    ...(markup ? { reply_markup: markup } : {}),
    edit_date: Math.floor(Date.now() / 1000),
  } as Message
  return next
}

export const messageMethods: MethodTable = {
  sendMessage({ state, params }) {
    const chat = writableChat(state, params)
    const f = messageText(params.str('text'), params.str('parse_mode'), params.json<MessageEntity[]>('entities'))
    const stored = postBotMessage(state, chat, params, {
      text: f.text,
      ...(f.entities.length ? { entities: f.entities } : {}),
    })
    return stored.current
  },

  editMessageText({ state, params }) {
    const stored = messageToEdit(state, params)
    if (stored.current.text === undefined) throw Errors.noTextToEdit()
    const f = messageText(params.str('text'), params.str('parse_mode'), params.json<MessageEntity[]>('entities'))
    const markup = inlineMarkupOf(validateMarkup(params.json<AnyReplyMarkup>('reply_markup')))
    if (
      f.text === stored.current.text &&
      same(f.entities, stored.current.entities ?? []) &&
      same(markup, stored.current.reply_markup)
    )
      throw Errors.notModified()
    const next = applyEdit(stored, { text: f.text }, markup)
    if (f.entities.length) next.entities = f.entities
    else delete next.entities
    state.chats.edit(stored, next)
    state.touch()
    return next
  },

  editMessageCaption({ state, params }) {
    const stored = messageToEdit(state, params)
    if (stored.current.text !== undefined) throw Errors.badRequest('there is no caption in the message to edit')
    const cap = captionFields(
      params.str('caption'),
      params.str('parse_mode'),
      params.json<MessageEntity[]>('caption_entities'),
    )
    const markup = inlineMarkupOf(validateMarkup(params.json<AnyReplyMarkup>('reply_markup')))
    if (
      same(cap.caption, stored.current.caption) &&
      same(cap.caption_entities ?? [], stored.current.caption_entities ?? []) &&
      same(markup, stored.current.reply_markup)
    )
      throw Errors.notModified()
    const next = applyEdit(stored, {}, markup)
    delete next.caption
    delete next.caption_entities
    Object.assign(next, cap)
    state.chats.edit(stored, next)
    state.touch()
    return next
  },

  editMessageReplyMarkup({ state, params }) {
    const stored = messageToEdit(state, params)
    const markup = inlineMarkupOf(validateMarkup(params.json<AnyReplyMarkup>('reply_markup')))
    if (same(markup, stored.current.reply_markup)) throw Errors.notModified()
    const next = applyEdit(stored, {}, markup)
    state.chats.edit(stored, next)
    state.touch()
    return next
  },

  deleteMessage({ state, params }) {
    const chat = state.chats.resolve(params.str('chat_id'))
    const stored = state.chats.message(chat, params.requireInt('message_id'))
    if (!stored) throw Errors.messageToDeleteNotFound()
    if (
      !stored.fromBot &&
      chat.chat.type !== 'private' &&
      !(chat.bot.status === 'administrator' && chat.bot.rights.can_delete_messages !== false)
    )
      throw Errors.badRequest("message can't be deleted")
    stored.deleted = true
    state.touch()
    return true
  },

  deleteMessages({ state, params }) {
    const chat = state.chats.resolve(params.str('chat_id'))
    for (const id of params.json<number[]>('message_ids') ?? []) {
      const stored = state.chats.message(chat, id)
      if (stored) stored.deleted = true
    }
    state.touch()
    return true
  },

  copyMessage({ state, params }) {
    const from = state.chats.resolve(params.str('from_chat_id'))
    const source = state.chats.message(from, params.requireInt('message_id'))
    if (!source) throw Errors.badRequest('message to copy not found')
    const chat = writableChat(state, params)
    const content = copyableContent(source.current)
    if (params.has('caption'))
      Object.assign(
        content,
        { caption: undefined, caption_entities: undefined },
        captionFields(params.str('caption'), params.str('parse_mode')),
      )
    const stored = postBotMessage(state, chat, params, content)
    return { message_id: stored.messageId }
  },

  forwardMessage({ state, params }) {
    const from = state.chats.resolve(params.str('from_chat_id'))
    const source = state.chats.message(from, params.requireInt('message_id'))
    if (!source) throw Errors.badRequest('message to forward not found')
    const chat = writableChat(state, params)
    const origin =
      from.chat.type === 'private' || source.current.from
        ? { type: 'user' as const, sender_user: source.current.from ?? state.botAsUser(), date: source.current.date }
        : { type: 'chat' as const, sender_chat: from.chat, date: source.current.date }
    const stored = postBotMessage(state, chat, params, { ...copyableContent(source.current), forward_origin: origin })
    return stored.current
  },

  sendChatAction({ state, params }) {
    const chat = state.chats.resolve(params.str('chat_id'))
    assertCanWrite(chat)
    if (!CHAT_ACTIONS.has(params.str('action') ?? '')) throw Errors.badRequest('wrong parameter action in request')
    return true
  },
}

/** The content part of a message (what copyMessage reproduces). */
function copyableContent(m: Message): Partial<Message> {
  const keys = [
    'text',
    'entities',
    'caption',
    'caption_entities',
    'photo',
    'document',
    'voice',
    'audio',
    'video',
    'sticker',
    'animation',
    'video_note',
    'contact',
    'location',
    'venue',
    'poll',
    'dice',
  ] as const
  const out: Record<string, unknown> = {}
  for (const k of keys) if (m[k] !== undefined) out[k] = m[k]
  if (Object.keys(out).length === 0) throw Errors.badRequest("message can't be copied")
  return out as Partial<Message>
}
