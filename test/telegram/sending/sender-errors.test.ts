import { Api, GrammyError, InputFile } from 'grammy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../../src/logging/logger.ts'
import { createRedis, type Redis } from '../../../src/redis.ts'
import { FakeTelegram, Faults } from '../../../src/simulator/bot-api/index.ts'
import { createChatPacer } from '../../../src/telegram/sending/chat-pacer.ts'
import type { DeliveryLimits } from '../../../src/telegram/sending/delivery-limits.ts'
import { DELIVERY_PRIORITY } from '../../../src/telegram/sending/delivery-priority.ts'
import { createSendGate } from '../../../src/telegram/sending/send-gate.ts'
import { runInSendScope, type SendScope } from '../../../src/telegram/sending/send-scope.ts'
import {
  ChatNotReadyError,
  createTelegramSender,
  MessageRejectedError,
  RecipientUnreachableError,
  type UncertainReason,
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

let tg: FakeTelegram
let redis: Redis
let prefix: string
let sender: ReturnType<typeof createTelegramSender>
const sent: string[] = []
const uncertain: Array<[string, UncertainReason]> = []
beforeAll(async () => {
  tg = await FakeTelegram.start({ token: TEST_BOT_TOKEN })
  redis = createRedis(TEST_REDIS_URL, { name: 'sender-errors-test' })
  prefix = uniqueRedisPrefix('send')
  sender = createTelegramSender({
    api: new Api(TEST_BOT_TOKEN, { apiRoot: tg.apiRoot }),
    pacer: createSendGate(createChatPacer(redis, prefix, LIMITS)),
    log: createLogger({ level: 'silent' }),
    onSent: (method) => sent.push(method),
    onUncertain: (method, reason) => uncertain.push([method, reason]),
  })
})
afterAll(async () => {
  redis.disconnect()
  await flushRedisPrefix(prefix)
  await tg.stop()
})

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  )

describe('the paced sender and Telegram’s errors', () => {
  it('holds a chat Telegram slowed down: nothing more is sent to it until retry_after has passed', async () => {
    const user = tg.user({ startedBot: true })
    tg.failNext('sendMessage', Faults.tooManyRequests(3), { chatId: user.id })
    const slowedDown = await failure(sender.sendHtml(user.id, '第一条'))
    expect(slowedDown).toBeInstanceOf(ChatNotReadyError)
    expect(slowedDown).toMatchObject({ waitMs: 3000, scope: 'chat' })
    const calls = tg.calls('sendMessage').length
    expect(await failure(sender.sendHtml(user.id, '第二条'))).toBeInstanceOf(ChatNotReadyError)
    expect(tg.calls('sendMessage')).toHaveLength(calls)
    expect(user.messages()).toHaveLength(0)
    // Another chat is not held.
    const other = tg.user({ startedBot: true })
    await sender.sendHtml(other.id, '别的聊天')
    expect(other.messages().map((m) => m.text)).toEqual(['别的聊天'])
  })

  it('counts a blocked bot and a chat that is gone as unreachable, a malformed message as rejected', async () => {
    const blocker = tg.user({ startedBot: true })
    blocker.blockBot()
    const blocked = await failure(sender.sendHtml(blocker.id, '你好'))
    expect(blocked).toBeInstanceOf(RecipientUnreachableError)
    expect((blocked as RecipientUnreachableError).description).toContain('blocked')

    const user = tg.user({ startedBot: true })
    tg.failNext('sendMessage', Faults.apiError(400, 'Bad Request: chat not found'), { chatId: user.id })
    expect(await failure(sender.sendHtml(user.id, '你好'))).toBeInstanceOf(RecipientUnreachableError)
    const malformed = await failure(sender.sendHtml(user.id, '<b>未闭合'))
    expect(malformed).toBeInstanceOf(MessageRejectedError)
    expect((malformed as MessageRejectedError).message).toMatch(/^Telegram rejected sendMessage: .*can't parse/i)
    expect(user.messages()).toHaveLength(0)
  })

  it('passes a server error on for the queue’s backoff, and reports a send whose answer was lost', async () => {
    const user = tg.user({ startedBot: true })
    tg.failNext('sendMessage', Faults.serverError(500), { chatId: user.id })
    const serverError = await failure(sender.sendHtml(user.id, '服务器错误'))
    expect(serverError).toBeInstanceOf(GrammyError)
    expect(user.messages()).toHaveLength(0)
    tg.failNext('sendMessage', Faults.dropConnection({ afterProcessing: true }), { chatId: user.id })
    await failure(sender.sendHtml(user.id, '回答丢失'))
    expect(user.messages().map((m) => m.text)).toEqual(['回答丢失'])
    expect(uncertain).toContainEqual(['sendMessage', 'answer-lost'])
  })
})

describe('the paced sender’s kinds of message', () => {
  it('re-sends a consumer’s photo and document by file id, into a topic and as a reply', async () => {
    const consumer = tg.user({ startedBot: true })
    const photo = (await consumer.sendPhoto(2048)).photo!.at(-1)!.file_id
    const document = (await consumer.sendDocument({ fileName: '发票.pdf', size: 1000 })).document!.file_id
    const staff = tg.user({ startedBot: true })
    const group = tg.group({ title: '工单群', members: [staff], botIsAdmin: true, forum: true })
    const thread = await sender.createForumTopic(group.id, `MS-0001 ${'很长的标题'.repeat(40)}`)
    const card = await sender.sendHtml(group.id, '📋 MS-0001', { threadId: thread })
    const sentPhoto = await sender.sendEvidence(group.id, { kind: 'PHOTO', fileId: photo }, { threadId: thread })
    const sentDocument = await sender.sendEvidence(
      group.id,
      { kind: 'DOCUMENT', fileId: document },
      { threadId: thread, replyTo: card.message_id },
    )
    expect(sentPhoto.photo?.at(-1)?.file_id).toBe(photo)
    expect(sentPhoto.message_thread_id).toBe(thread)
    expect(sentDocument.document?.file_name).toBe('发票.pdf')
    expect(sentDocument.reply_to_message?.message_id).toBe(card.message_id)
    expect(tg.chat(group.id)?.topics.get(thread)?.topic.name).toHaveLength(128)
  })

  it('uploads a file the bot made with its caption, and sends a warning’s document with an HTML caption', async () => {
    const user = tg.user({ startedBot: true })
    const upload = await sender.sendUpload(user.id, new InputFile(Buffer.from('a,b\n1,2\n'), '工单.csv'), {}, '共 1 件')
    expect(upload.document?.file_name).toBe('工单.csv')
    expect(upload.caption).toBe('共 1 件')
    const keyboard = { inline_keyboard: [[{ text: '🔕 不再接收', callback_data: 'wu:1' }]] }
    const warning = await sender.sendFileWithCaption(
      user.id,
      { kind: 'DOCUMENT', fileId: upload.document!.file_id },
      '⚠️ <b>消费警示</b>',
      keyboard,
    )
    expect(warning.caption).toBe('⚠️ 消费警示')
    expect(warning.reply_markup).toEqual(keyboard)
    expect(sent).toEqual(expect.arrayContaining(['sendDocument']))
  })
})

describe('the paced sender inside a job’s scope', () => {
  const scope = (overrides: Partial<SendScope>): SendScope => ({
    priority: DELIVERY_PRIORITY.BROADCAST,
    markSending: async () => undefined,
    clearSending: async () => undefined,
    ...overrides,
  })

  it('sends nothing when the job refuses at the last moment, and sends although the mark cannot be cleared', async () => {
    const user = tg.user({ startedBot: true })
    const refused = runInSendScope(
      scope({
        beforeRequest: async () => {
          throw new Error('another run took this recipient')
        },
      }),
      () => sender.sendHtml(user.id, '不应发出'),
    )
    await expect(refused).rejects.toThrow('another run took this recipient')
    expect(user.messages()).toHaveLength(0)

    const marks: string[] = []
    const message = await runInSendScope(
      scope({
        markSending: async (method) => {
          marks.push(method)
        },
        clearSending: () => Promise.reject(new Error('Redis went away')),
      }),
      () => sender.sendHtml(user.id, '照常发出'),
    )
    expect(message.text).toBe('照常发出')
    expect(marks).toEqual(['sendMessage'])
    expect(user.messages().map((m) => m.text)).toEqual(['照常发出'])
  })
})
