import { Api } from 'grammy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTranslator } from '../../src/i18n/translator.ts'
import { createLogger } from '../../src/logging/logger.ts'
import { createRedis, type Redis } from '../../src/redis.ts'
import { createNotifications } from '../../src/services/notifications/create-notifications.ts'
import { createBroadcaster } from '../../src/services/warnings/broadcaster.ts'
import { Faults } from '../../src/simulator/bot-api/index.ts'
import type { DeliveryLimits } from '../../src/telegram/sending/delivery-limits.ts'
import { TEST_BOT_TOKEN } from '../support/app.ts'
import { TEST_REDIS_URL } from '../support/redis.ts'
import { AREAS, createDeliveryWorld, type DeliveryWorld } from './support/delivery-world.ts'
import { type Author, adminAuthor, progressText, subscribers, warningsReceived } from './support/warning-world.ts'

// 10 messages a second for the whole bot, so that a broadcast of 20 lasts long enough to be stopped half-way.
const LIMITS: DeliveryLimits = {
  global: { limit: 10, windowMs: 1000 },
  privateChat: [{ limit: 1, windowMs: 100 }],
  groupChat: [
    { limit: 1, windowMs: 100 },
    { limit: 20, windowMs: 5000 },
  ],
  groupReserve: 2,
  broadcastReserve: 0,
  marginMs: 0,
}

let world: DeliveryWorld
let redis: Redis
beforeAll(async () => {
  // No workers: each test runs the broadcast engine itself, as the broadcast worker would.
  world = await createDeliveryWorld()
  redis = createRedis(TEST_REDIS_URL, { name: 'test-broadcast-faults' })
})
afterAll(async () => {
  redis.disconnect()
  await world.close()
})

const db = () => world.app.database.db

async function broadcaster(options: { concurrency?: number; progressIntervalMs?: number } = {}) {
  const translator = await createTranslator('zh-CN')
  const log = createLogger({ level: 'silent' })
  const { sender, editHtml } = createNotifications({
    db: db(),
    outbox: world.app.services.outbox,
    translator,
    log,
    api: new Api(TEST_BOT_TOKEN, { apiRoot: world.tg.apiRoot }),
    redis,
    redisPrefix: world.app.redisPrefix,
    defaultLocale: 'zh-CN',
    limits: LIMITS,
  })
  return createBroadcaster({ db: db(), sender, editHtml, translator, log, ...options })
}

/** Composes and confirms a warning as the composer would (the progress message posted first), with a photo. */
async function confirmWarning(author: Author, areaCode: string, text: string, photo?: string): Promise<number> {
  const drafts = world.app.services.warnings.drafts
  const opened = await drafts.open(author.personId, { areaCodes: [areaCode], textZhCN: text })
  if (opened.status !== 'opened') throw new Error('the author may not warn')
  if (photo) await drafts.setAttachment(author.personId, opened.draft.id, { kind: 'PHOTO', fileId: photo })
  const api = new Api(TEST_BOT_TOKEN, { apiRoot: world.tg.apiRoot })
  const progress = await api.sendMessage(author.user.id, '…')
  const confirmed = await drafts.confirm(author.personId, opened.draft.id, {
    chatId: author.user.id,
    messageId: progress.message_id,
  })
  if (confirmed.status !== 'queued') throw new Error(`not confirmed: ${confirmed.status}`)
  return confirmed.warningId
}

const deliveryStatuses = async (warningId: number, people: Array<{ personId: number }>) => {
  const rows = await db().warningDelivery.findMany({ where: { warningId } })
  return people.map(({ personId }) => rows.find((row) => row.personId === personId)?.status)
}

describe('a warning broadcast meeting Telegram’s errors', () => {
  it('sends the photo with the text as its caption; a rejected message fails, a lost answer is not sent again', async () => {
    const author = await adminAuthor(world)
    const uploaded = await author.user.sendPhoto(4096)
    const photo = uploaded.photo!.at(-1)!.file_id
    const people = await subscribers(world, AREAS.grid1, 4)
    const [rejected, lost, slowedDown, serverError] = people.map(({ user }) => user.id)
    world.tg.failNext('sendPhoto', Faults.apiError(400, 'Bad Request: wrong type of the web page content'), {
      chatId: rejected,
    })
    world.tg.failNext('sendPhoto', Faults.dropConnection({ afterProcessing: true }), { chatId: lost })
    world.tg.failNext('sendPhoto', Faults.tooManyRequests(1), { chatId: slowedDown })
    world.tg.failNext('sendPhoto', Faults.serverError(500), { chatId: serverError })
    const warningId = await confirmWarning(author, AREAS.grid1, '警示：某店出售假冒电池', photo)

    expect(await (await broadcaster()).run(warningId)).toBe('DONE')
    expect(people.map(({ user }) => warningsReceived(user, '假冒电池').length)).toEqual([0, 1, 1, 1])
    const received = warningsReceived(people[2]!.user, '假冒电池')[0]!
    expect(received.photo?.at(-1)?.file_id).toBe(photo)
    expect(received.caption).toContain('消费警示')
    expect(await deliveryStatuses(warningId, people)).toEqual(['FAILED', 'UNCONFIRMED', 'SENT', 'SENT'])
    const progress = progressText(world, author)
    expect(progress).toContain('发送完毕')
    expect(progress).toContain('已发送 3，已屏蔽 0，失败 1，剩余 0（共 4）')
    expect(progress).toContain('其中 1 条在发送时进程中断，未能确认送达，不会重发')
    expect(world.tg.pendingFaults()).toEqual([])
  })

  it('gives up on a recipient after three server errors in a row, and still reports the end', async () => {
    const author = await adminAuthor(world)
    const [person] = await subscribers(world, AREAS.grid2, 1)
    world.tg.failNext('sendMessage', Faults.serverError(502), { chatId: person!.user.id, times: 3 })
    // The last progress edit is slowed down once: it waits and lands.
    world.tg.failNext('editMessageText', Faults.tooManyRequests(1), { chatId: author.user.id })
    const warningId = await confirmWarning(author, AREAS.grid2, '警示：网购退款诈骗')

    expect(await (await broadcaster()).run(warningId)).toBe('DONE')
    expect(warningsReceived(person!.user, '退款诈骗')).toHaveLength(0)
    expect(await deliveryStatuses(warningId, [person!])).toEqual(['FAILED'])
    expect(progressText(world, author)).toContain('已发送 0，已屏蔽 0，失败 1，剩余 0（共 1）')
  }, 30_000)

  it('still delivers when the author deleted the progress message', async () => {
    const author = await adminAuthor(world)
    const people = await subscribers(world, AREAS.grid5, 2)
    world.tg.failNext('editMessageText', Faults.apiError(400, 'Bad Request: message to edit not found'), {
      chatId: author.user.id,
    })
    const warningId = await confirmWarning(author, AREAS.grid5, '警示：上门维修乱收费')
    expect(await (await broadcaster()).run(warningId)).toBe('DONE')
    expect(people.map(({ user }) => warningsReceived(user, '乱收费').length)).toEqual([1, 1])
    expect((await db().warning.findUniqueOrThrow({ where: { id: warningId } })).status).toBe('DONE')
  })
})

describe('a warning broadcast stopped half-way', () => {
  it('resumes after a shutdown where it stopped, reaching everyone exactly once', async () => {
    const author = await adminAuthor(world)
    const people = await subscribers(world, AREAS.grid3, 20)
    const warningId = await confirmWarning(author, AREAS.grid3, '警示：健身房跑路')
    const delivered = () => people.filter(({ user }) => warningsReceived(user, '健身房跑路').length > 0).length
    const shutdown = new AbortController()
    const first = (await broadcaster({ concurrency: 2, progressIntervalMs: 100 })).run(warningId, {
      signal: shutdown.signal,
    })
    await expect.poll(delivered, { timeout: 10_000 }).toBeGreaterThanOrEqual(4)
    // While it runs, the author sees the counts move.
    await expect.poll(() => progressText(world, author), { timeout: 5_000 }).toContain('发送中')
    shutdown.abort()
    expect(await first).toBe('INTERRUPTED')
    expect(delivered()).toBeLessThan(20)
    expect(progressText(world, author)).toContain('发送中')

    expect(await (await broadcaster()).run(warningId)).toBe('DONE')
    expect(people.map(({ user }) => warningsReceived(user, '健身房跑路').length)).toEqual(people.map(() => 1))
    expect(progressText(world, author)).toContain('已发送 20，已屏蔽 0，失败 0，剩余 0（共 20）')
    // A finished broadcast run again sends nothing; an unknown one is reported missing.
    const calls = world.tg.calls('sendMessage').length
    expect(await (await broadcaster()).run(warningId)).toBe('DONE')
    expect(await (await broadcaster()).run(2_000_000_000)).toBe('MISSING')
    expect(world.tg.calls('sendMessage')).toHaveLength(calls)
  }, 30_000)

  it('stops at the author’s cancel, and tells them so', async () => {
    const author = await adminAuthor(world)
    const people = await subscribers(world, AREAS.grid4, 20)
    const warningId = await confirmWarning(author, AREAS.grid4, '警示：预付卡商家关门')
    const delivered = () => people.filter(({ user }) => warningsReceived(user, '关门').length > 0).length
    const running = (await broadcaster({ concurrency: 2 })).run(warningId)
    await expect.poll(delivered, { timeout: 10_000 }).toBeGreaterThanOrEqual(2)
    const cancelled = await world.app.services.warnings.broadcasts.control(author.personId, warningId, 'cancel')
    expect(cancelled).toEqual({ status: 'done', state: 'CANCELLED' })
    expect(await running).toBe('CANCELLED')
    const reached = delivered()
    expect(reached).toBeLessThan(20)
    expect(progressText(world, author)).toContain('已取消')
    expect(await (await broadcaster()).run(warningId)).toBe('CANCELLED')
    expect(delivered()).toBe(reached)
  }, 30_000)
})
