import { Api, GrammyError } from 'grammy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../../src/logging/logger.ts'
import { createRedis, type Redis } from '../../../src/redis.ts'
import { FakeTelegram, Faults } from '../../../src/simulator/bot-api/index.ts'
import { createChatPacer } from '../../../src/telegram/sending/chat-pacer.ts'
import type { DeliveryLimits } from '../../../src/telegram/sending/delivery-limits.ts'
import { createPacedEditor } from '../../../src/telegram/sending/paced-edit.ts'
import { createSendGate } from '../../../src/telegram/sending/send-gate.ts'
import {
  ChatNotReadyError,
  MessageRejectedError,
  RecipientUnreachableError,
} from '../../../src/telegram/sending/telegram-sender.ts'
import { TEST_BOT_TOKEN } from '../../support/app.ts'
import { flushRedisPrefix, TEST_REDIS_URL, uniqueRedisPrefix } from '../../support/redis.ts'

// Roomy windows: these tests are about Telegram's answers, not about pacing.
const LIMITS: DeliveryLimits = {
  global: { limit: 1000, windowMs: 1000 },
  privateChat: [{ limit: 1000, windowMs: 1000 }],
  groupChat: [{ limit: 1000, windowMs: 1000 }],
  marginMs: 0,
}
const KEYBOARD = { inline_keyboard: [[{ text: '⏸ 暂停', callback_data: 'wb:1:p' }]] }

let tg: FakeTelegram
let redis: Redis
let prefix: string
let editHtml: ReturnType<typeof createPacedEditor>
let api: Api
beforeAll(async () => {
  tg = await FakeTelegram.start({ token: TEST_BOT_TOKEN })
  redis = createRedis(TEST_REDIS_URL, { name: 'paced-edit-test' })
  prefix = uniqueRedisPrefix('edit')
  api = new Api(TEST_BOT_TOKEN, { apiRoot: tg.apiRoot })
  const pacer = createSendGate(createChatPacer(redis, prefix, LIMITS))
  editHtml = createPacedEditor({ api, pacer, log: createLogger({ level: 'silent' }) })
})
afterAll(async () => {
  redis.disconnect()
  await flushRedisPrefix(prefix)
  await tg.stop()
})

/** A staff member's progress message the bot posted earlier. */
async function progressMessage() {
  const user = tg.user({ startedBot: true })
  const sent = await api.sendMessage(user.id, '📢 警示 #1：排队中')
  return { user, messageId: sent.message_id }
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  )

describe('editing a message in place under the pacing', () => {
  it('shows the new text and buttons, and takes an edit that changes nothing as done', async () => {
    const { user, messageId } = await progressMessage()
    await editHtml(user.id, messageId, '📢 <b>警示 #1</b>：发送中', KEYBOARD)
    expect(user.message(messageId)?.text).toBe('📢 警示 #1：发送中')
    expect(user.message(messageId)?.reply_markup).toEqual(KEYBOARD)
    await expect(editHtml(user.id, messageId, '📢 <b>警示 #1</b>：发送中', KEYBOARD)).resolves.toBeUndefined()
  })

  it('holds the chat when Telegram asks to slow down, and edits nothing there until the hold ends', async () => {
    const { user, messageId } = await progressMessage()
    tg.failNext('editMessageText', Faults.tooManyRequests(2), { chatId: user.id })
    const slowedDown = await failure(editHtml(user.id, messageId, '发送中', KEYBOARD))
    expect(slowedDown).toBeInstanceOf(ChatNotReadyError)
    expect((slowedDown as ChatNotReadyError).waitMs).toBe(2000)
    const edits = tg.calls('editMessageText').length
    const held = await failure(editHtml(user.id, messageId, '发送中', KEYBOARD))
    expect(held).toBeInstanceOf(ChatNotReadyError)
    expect((held as ChatNotReadyError).waitMs).toBeGreaterThan(1000)
    expect(tg.calls('editMessageText')).toHaveLength(edits)
    expect(user.message(messageId)?.text).toBe('📢 警示 #1：排队中')
  })

  it('tells a blocked chat, a rejected edit and a server error apart', async () => {
    const { user, messageId } = await progressMessage()
    tg.failNext('editMessageText', Faults.blocked(), { chatId: user.id })
    expect(await failure(editHtml(user.id, messageId, 'a', KEYBOARD))).toBeInstanceOf(RecipientUnreachableError)
    tg.failNext('editMessageText', Faults.apiError(400, 'Bad Request: message to edit not found'), {
      chatId: user.id,
    })
    const rejected = await failure(editHtml(user.id, messageId, 'b', KEYBOARD))
    expect(rejected).toBeInstanceOf(MessageRejectedError)
    expect((rejected as MessageRejectedError).description).toContain('message to edit not found')
    tg.failNext('editMessageText', Faults.serverError(500), { chatId: user.id })
    const serverError = await failure(editHtml(user.id, messageId, 'c', KEYBOARD))
    expect(serverError).toBeInstanceOf(GrammyError)
    expect((serverError as GrammyError).error_code).toBe(500)
    // None of them changed the message; the next edit does.
    expect(user.message(messageId)?.text).toBe('📢 警示 #1：排队中')
    await editHtml(user.id, messageId, 'd', KEYBOARD)
    expect(user.message(messageId)?.text).toBe('d')
  })

  it('passes on an error that is not Telegram’s answer', async () => {
    const { user, messageId } = await progressMessage()
    tg.failNext('editMessageText', Faults.dropConnection(), { chatId: user.id })
    const dropped = await failure(editHtml(user.id, messageId, 'x', KEYBOARD))
    expect(dropped).toBeInstanceOf(Error)
    expect(dropped).not.toBeInstanceOf(GrammyError)
    expect(dropped).not.toBeInstanceOf(ChatNotReadyError)
  })
})
