import type { Message, Update } from 'grammy/types'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findInlineButton, type TestUser } from '../../../src/simulator/bot-api/index.ts'
import { TEST_REDIS_URL } from '../../support/redis.ts'
import type { RuntimeInProcess } from '../../support/runtime-in-process.ts'
import { answerComplaintZh, pressWhenShown, replyMatching, startIntakeBot, zh } from './intake-driver.ts'

let harness: RuntimeInProcess
let redis: Redis
beforeAll(async () => {
  harness = await startIntakeBot({ MAX_COMPLAINTS_PER_DAY: '1' })
  redis = new Redis(TEST_REDIS_URL)
})
afterAll(async () => {
  redis.disconnect()
  await harness.close()
})

const countComplaints = (telegramId: number) =>
  harness.app.database.db.complaint.count({ where: { consumer: { telegramId: BigInt(telegramId) } } })
const forms = () => harness.app.services.intake.forms

/** Queues a press of a button as a raw update, so that the test can deliver the same update again. */
function pressUpdate(user: TestUser, message: Message, label: string): Update {
  const button = findInlineButton(message, label)
  if (!button || !('callback_data' in button)) throw new Error(`no button ${label}`)
  return harness.tg.pushUpdate({
    callback_query: {
      id: `raw-${Date.now()}-${Math.random()}`,
      from: user.user,
      message,
      chat_instance: '1',
      data: button.callback_data,
    },
  })
}

async function startComplaint(user: TestUser): Promise<Message> {
  await user.send('/start')
  await pressWhenShown(user, zh.complaint)
  return replyMatching(user, '商家叫什么名字')
}

describe('a form survives the bot process', () => {
  it('continues where it was after the bot restarts mid-form', async () => {
    const user = harness.tg.user({ languageCode: 'zh-hans' })
    await startComplaint(user)
    await user.send('重启测试商店')
    await replyMatching(user, '商家在哪里')
    await harness.restartBot()
    for (const area of ['东坡区', '通惠街道', '诗书社区', '诗书社区第2网格']) await pressWhenShown(user, area)
    await replyMatching(user, '详细地址')
    await user.send('东坡区某路8号')
    await replyMatching(user, '请先选择大类')
    await user.send('/start')
    const menu = await replyMatching(user, '请选择')
    expect(findInlineButton(menu, '▶️ 继续填写未完成的投诉')).toBeDefined()
    await user.press('▶️ 继续填写未完成的投诉')
    await replyMatching(user, '请先选择大类')
    const loaded = await forms().load(user.id)
    expect(loaded.status === 'active' && loaded.form.draft).toMatchObject({
      respondentName: '重启测试商店',
      respondentAddress: '东坡区某路8号',
    })
  })
})

describe('exactly one complaint per form', () => {
  it('files once when confirm is tapped twice', async () => {
    const user = harness.tg.user({ languageCode: 'zh-hans' })
    const card = await answerComplaintZh(user)
    const [first, second] = await Promise.all([
      user.press(zh.confirm, { inMessage: card }),
      user.press(zh.confirm, { inMessage: card }),
    ])
    const filed = await replyMatching(user, '投诉已提交')
    expect([first.text, second.text].filter(Boolean)).toEqual([
      expect.stringMatching(/这份表单已提交，编号 MS-\d{8}-\d{4}/),
    ])
    expect(await countComplaints(user.id)).toBe(1)
    await user.expectNoMessage()
    expect(filed.text).toBeTruthy()
  })

  it('files once when Telegram delivers the confirm twice, even after a crash before the form was cleared', async () => {
    const user = harness.tg.user({ languageCode: 'zh-hans' })
    const card = await answerComplaintZh(user)
    const beforeConfirm = await forms().load(user.id)
    if (beforeConfirm.status !== 'active') throw new Error('no form at the review card')
    const update = pressUpdate(user, card, zh.confirm)
    const filed = await replyMatching(user, '投诉已提交')
    const tracking = /MS-\d{8}-\d{4}/.exec(filed.text ?? '')?.[0]

    harness.tg.redeliver(update)
    await harness.tg.idle()
    await user.expectNoMessage()
    expect(await countComplaints(user.id)).toBe(1)

    // As if the process died after filing but before clearing the form: such an update is never marked handled and
    // the journal hands it over again (a press with a new update id stands in for that); it finds the form filed.
    await forms().save(user.id, beforeConfirm.form)
    pressUpdate(user, card, zh.confirm)
    const again = await replyMatching(user, '投诉已提交')
    expect(again.text).toContain(tracking)
    expect(await countComplaints(user.id)).toBe(1)
  })

  it('applies a redelivered answer once', async () => {
    const user = harness.tg.user({ languageCode: 'zh-hans' })
    await startComplaint(user)
    const update = harness.tg.pushUpdate({
      message: {
        message_id: 90_001,
        date: Math.floor(Date.now() / 1000),
        chat: { id: user.id, type: 'private', first_name: user.name },
        from: user.user,
        text: '只答一次的商店',
      },
    })
    await replyMatching(user, '商家在哪里')
    harness.tg.redeliver(update)
    await harness.tg.idle()
    await user.expectNoMessage()
    const loaded = await forms().load(user.id)
    expect(loaded.status === 'active' && loaded.form).toMatchObject({
      step: 'location',
      draft: { respondentName: '只答一次的商店' },
    })
  })

  it('explains the daily limit and keeps the form', async () => {
    const user = harness.tg.user({ languageCode: 'zh-hans' })
    await user.press(zh.confirm, { inMessage: await answerComplaintZh(user) })
    await replyMatching(user, '投诉已提交')
    await user.press(zh.confirm, { inMessage: await answerComplaintZh(user) })
    await replyMatching(user, '每人每天最多提交1件')
    expect(await countComplaints(user.id)).toBe(1)
    expect((await forms().load(user.id)).status).toBe('active')
  })
})

describe('unexpected input gets a hint about the current question', () => {
  it('answers a sticker, a voice message, a photo and an over-long text where text is asked', async () => {
    const user = harness.tg.user({ languageCode: 'zh-hans' })
    await startComplaint(user)
    await user.sendSticker()
    expect((await replyMatching(user, '这一步收不了这种消息')).text).toContain('请直接输入文字回答')
    await user.sendVoice()
    expect((await replyMatching(user, '这一步收不了这种消息')).text).toContain('商家叫什么名字')
    await user.sendPhoto(50_000)
    await replyMatching(user, '这一步收不了这种消息')
    await user.send('长'.repeat(4100))
    await replyMatching(user, '超过4096个字')
    await user.send('好又多超市')
    await replyMatching(user, '商家在哪里')
    await user.send('随便写写')
    await replyMatching(user, '请点按钮选择地区，或发送位置')
  })

  it('answers a button of a question already answered, or of an older form, with a hint', async () => {
    const user = harness.tg.user({ languageCode: 'zh-hans' })
    const oldQuestion = await startComplaint(user)
    await user.send('/cancel')
    await replyMatching(user, '已取消')
    await startComplaint(user)
    const old = await user.press(zh.cancel, { inMessage: oldQuestion })
    expect(old).toMatchObject({ text: '这个按钮属于一份已结束的表单，已失效。', show_alert: true })
    await replyMatching(user, '商家叫什么名字')
    await user.send('好又多超市')
    const picker = await replyMatching(user, '商家在哪里')
    for (const area of ['东坡区', '通惠街道', '诗书社区', '诗书社区第2网格']) await pressWhenShown(user, area)
    await replyMatching(user, '详细地址')
    const stale = await user.press(zh.back, { inMessage: picker })
    expect(stale.text).toBe('这个按钮属于已经回答过的问题。请回答当前问题。')
    await replyMatching(user, '详细地址')
    expect((await forms().load(user.id)).status === 'active').toBe(true)
  })

  it('explains a file over Telegram’s 20 MB download limit instead of dropping it', async () => {
    const user = harness.tg.user({ languageCode: 'zh-hans' })
    const card = await answerComplaintZh(user)
    await user.press('✏️ 证据', { inMessage: card })
    await replyMatching(user, '请发送证据')
    await user.sendDocument({ fileName: 'video.pdf', mimeType: 'application/pdf', size: 25 * 1024 * 1024 })
    const refused = await replyMatching(user, '超过了Telegram机器人可下载的 20 MB 上限')
    expect(refused.text).toContain('25.0 MB')
  })
})

describe('old forms', () => {
  it('says a form idle for more than 24 hours has expired', async () => {
    const user = harness.tg.user({ languageCode: 'zh-hans' })
    await startComplaint(user)
    const loaded = await forms().load(user.id)
    if (loaded.status !== 'active') throw new Error('no form')
    await forms().save(user.id, { ...loaded.form, updatedAt: new Date(Date.now() - 25 * 3600 * 1000).toISOString() })
    await user.send('好又多超市')
    await replyMatching(user, '超过24小时没有继续填写，已经失效')
    await replyMatching(user, '请选择')
    expect(await forms().load(user.id)).toEqual({ status: 'none' })
  })

  it('apologises for a form saved by a release with other steps instead of wedging the chat', async () => {
    const user = harness.tg.user({ languageCode: 'zh-hans' })
    await startComplaint(user)
    const key = `${harness.app.redisPrefix}:form:${user.id}`
    const stored = JSON.parse((await redis.get(key))!) as Record<string, unknown>
    await redis.set(key, JSON.stringify({ ...stored, version: 0, step: 'someStepThatNoLongerExists' }))
    await user.send('好又多超市')
    await replyMatching(user, '系统刚刚升级')
    await pressWhenShown(user, zh.complaint)
    await replyMatching(user, '商家叫什么名字')
  })
})
