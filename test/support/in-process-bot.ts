/**
 * The fast bot tier: the real `createBot` with its real middleware, services, PostgreSQL and Redis, but no process and
 * no network. Updates go in through `bot.handleUpdate`; every Bot API call is caught by an API transformer that
 * records it and answers as Telegram would (a sent message comes back with an id). Use it for what happens inside
 * one update: the intake lane, middleware order, callback data and keyboards. Anything about delivery, restarts,
 * pacing or Telegram's errors belongs to the process tier (test/support/bot-under-test.ts + the fake Bot API).
 */

import type { Bot } from 'grammy'
import type { Message, Update, User } from 'grammy/types'
import { afterAll, beforeAll } from 'vitest'
import type { BotContext } from '../../src/bot/context.ts'
import { createBot } from '../../src/bot/create-bot.ts'
import { createTranslator } from '../../src/i18n/translator.ts'
import { createLogger } from '../../src/logging/logger.ts'
import { createTestApp, TEST_BOT_TOKEN, type TestApp } from './app.ts'
import { seedAreas } from './world.ts'

/** One Bot API call the bot made while handling an update. */
export interface RecordedCall {
  method: string
  payload: Record<string, unknown>
}

/** An inline button as a user sees it. */
export interface InlineButton {
  text: string
  callback_data?: string
}

export interface InProcessBot {
  bot: Bot<BotContext>
  /** Every call since the last `clear()`, in order. */
  calls: RecordedCall[]
  clear(): void
  /** A private-chat user; `languageCode` is what their Telegram client reports. */
  user(options?: { languageCode?: string }): InProcessUser
  /** A supergroup with a made-up id; a station whose `chatId` is `id` has it as its group. */
  group(): InProcessGroup
}

export interface InProcessGroup {
  id: number
}

export interface InProcessUser {
  info: User
  /** Sends a text message and resolves when the bot has handled it; returns the calls it made. */
  send(text: string): Promise<RecordedCall[]>
  /** Presses a button carrying `data` under `message` (default: the last message the bot sent this user). */
  press(data: string, message?: Message): Promise<RecordedCall[]>
  /** The last message the bot sent or edited in this user's chat. */
  lastMessage(): Message | undefined
  /** Sends a photo (a file id of its own) in the private chat, with an optional caption. */
  sendPhoto(caption?: string): Promise<RecordedCall[]>
  /** Sends a sticker in the private chat. */
  sendSticker(): Promise<RecordedCall[]>
  /** Sends a text message in a group the user is a member of. */
  sendIn(group: InProcessGroup, text: string): Promise<RecordedCall[]>
  /**
   * Presses a button carrying `data` under `message` in a group (default: the bot's last message there, or one the
   * workers posted, such as a ticket card).
   */
  pressIn(group: InProcessGroup, data: string, message?: Message): Promise<RecordedCall[]>
}

export const BOT_INFO = {
  id: 7_000_000_001,
  is_bot: true as const,
  first_name: 'Grid 12315',
  username: 'grid_12315_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
}

let nextUserId = 6_100_000_000 + Math.floor(Math.random() * 1_000_000) * 100
let nextGroupId = -1_006_100_000_000 - Math.floor(Math.random() * 1_000_000) * 100

/** Builds the bot over the test app's services; nothing leaves the process. */
export async function createInProcessBot(app: TestApp): Promise<InProcessBot> {
  const translator = await createTranslator('zh-CN')
  const bot = createBot({
    token: TEST_BOT_TOKEN,
    services: app.services,
    translator,
    log: createLogger({ level: 'silent' }),
  })
  bot.botInfo = BOT_INFO
  const calls: RecordedCall[] = []
  const lastInChat = new Map<number, Message>()
  let messageId = 1
  let updateId = 1

  bot.api.config.use(async (_previous, method, payload) => {
    const call = { method, payload: { ...(payload as Record<string, unknown>) } }
    calls.push(call)
    const result = answerAs(method, call.payload, () => messageId++)
    if (isMessage(result)) lastInChat.set(result.chat.id, result)
    // biome-ignore lint/suspicious/noExplicitAny: the transformer answers for every method; grammY types it per call
    return { ok: true, result } as any
  })

  async function handle(update: Omit<Update, 'update_id'>): Promise<RecordedCall[]> {
    const from = calls.length
    await bot.handleUpdate({ update_id: updateId++, ...update } as Update)
    return calls.slice(from)
  }

  const commandEntities = (text: string) =>
    text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] } : {}
  const messageIn = (chat: Message['chat'], from: User, content: Record<string, unknown>) =>
    handle({
      message: {
        message_id: messageId++,
        date: Math.floor(Date.now() / 1000),
        chat,
        from,
        ...content,
      } as Update['message'],
    })
  const postedBefore = (chat: Message['chat']): Message =>
    ({ message_id: messageId++, date: Math.floor(Date.now() / 1000), chat, from: BOT_INFO, text: '📋' }) as Message
  const pressUnder = (from: User, data: string, message: Message | undefined) => {
    if (!message) throw new Error('no message with buttons to press')
    return handle({ callback_query: { id: String(updateId), from, chat_instance: '1', data, message } })
  }

  return {
    bot,
    calls,
    clear: () => {
      calls.length = 0
    },
    user(options = {}) {
      const info: User = {
        id: nextUserId++,
        is_bot: false,
        first_name: '王小明',
        language_code: options.languageCode ?? 'zh-hans',
      }
      const chat = { id: info.id, type: 'private' as const, first_name: info.first_name }
      const groupChat = (group: InProcessGroup) => ({ id: group.id, type: 'supergroup' as const, title: '工单群' })
      return {
        info,
        send: (text) => messageIn(chat, info, { text, ...commandEntities(text) }),
        press: (data, message = lastInChat.get(info.id)) => pressUnder(info, data, message),
        lastMessage: () => lastInChat.get(info.id),
        sendPhoto: (caption) =>
          messageIn(chat, info, {
            photo: [{ file_id: `photo-${messageId}`, file_unique_id: `p${messageId}`, width: 800, height: 600 }],
            ...(caption === undefined ? {} : { caption }),
          }),
        sendSticker: () =>
          messageIn(chat, info, {
            sticker: {
              file_id: `sticker-${messageId}`,
              file_unique_id: `s${messageId}`,
              type: 'regular',
              width: 512,
              height: 512,
              is_animated: false,
              is_video: false,
            },
          }),
        sendIn: (group, text) => messageIn(groupChat(group), info, { text, ...commandEntities(text) }),
        pressIn: (group, data, message = lastInChat.get(group.id) ?? postedBefore(groupChat(group))) =>
          pressUnder(info, data, message),
      }
    },
    group: () => ({ id: nextGroupId-- }),
  }
}

/** The buttons of a call's inline keyboard, row by row flattened. */
export function inlineButtons(call: RecordedCall | Message | undefined): InlineButton[] {
  const markup = call && ('payload' in call ? call.payload.reply_markup : call.reply_markup)
  const rows = (markup as { inline_keyboard?: InlineButton[][] } | undefined)?.inline_keyboard ?? []
  return rows.flat()
}

function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && 'message_id' in value && 'chat' in value
}

/** What Telegram answers: the message for sends and edits, `true` for everything else. */
function answerAs(method: string, payload: Record<string, unknown>, newId: () => number): unknown {
  const chat = { id: Number(payload.chat_id), type: Number(payload.chat_id) > 0 ? 'private' : 'supergroup' }
  const message = (id: number) => ({
    message_id: id,
    date: Math.floor(Date.now() / 1000),
    chat,
    from: BOT_INFO,
    ...(typeof payload.text === 'string' ? { text: payload.text } : {}),
    ...(payload.reply_markup ? { reply_markup: payload.reply_markup } : {}),
  })
  if (method.startsWith('send')) return message(newId())
  if (method === 'editMessageText' || method === 'editMessageReplyMarkup') return message(Number(payload.message_id))
  return true
}

/** The calls of one Bot API method among those an update caused. */
export function callsOf(calls: readonly RecordedCall[], method: string): RecordedCall[] {
  return calls.filter((call) => call.method === method)
}

/**
 * A test file's in-process bot over its own database with the 眉山 areas: built before the file's tests, closed
 * after them. Read it (and its app) inside tests, once beforeAll has run. `env` overrides the app's variables.
 */
export function inProcessBotPerFile(env: Record<string, string> = {}): { bot(): InProcessBot; app(): TestApp } {
  let app: TestApp | undefined
  let harness: InProcessBot | undefined
  beforeAll(async () => {
    app = await createTestApp(env)
    await seedAreas(app.database.db)
    harness = await createInProcessBot(app)
  })
  afterAll(async () => {
    await app?.close()
  })
  return {
    bot: () => harness ?? raise('the in-process bot is read before beforeAll ran'),
    app: () => app ?? raise('the test app is read before beforeAll ran'),
  }
}

function raise(message: string): never {
  throw new Error(message)
}
