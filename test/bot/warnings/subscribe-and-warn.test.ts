import { describe, expect, it } from 'vitest'
import { yearPeriod } from '../../../src/domain/statistics/period.ts'
import { createTranslator } from '../../../src/i18n/translator.ts'
import { createLogger } from '../../../src/logging/logger.ts'
import { createRedis } from '../../../src/redis.ts'
import { createNotifications } from '../../../src/services/notifications/create-notifications.ts'
import { writeWorkSummary } from '../../../src/services/statistics/work-summary-text.ts'
import { createBroadcaster } from '../../../src/services/warnings/broadcaster.ts'
import {
  broadcastControlCallback,
  composeData,
  subscriptionData,
} from '../../../src/telegram/callback-data/warnings.ts'
import { callsOf, type InProcessUser, inlineButtons, inProcessBotPerFile } from '../../support/in-process-bot.ts'
import { TEST_REDIS_URL } from '../../support/redis.ts'
import { addMembership, createStation, DONGPO } from '../../support/world.ts'

// 东坡区 › 通惠街道 (511402001) › 诗书社区 (DONGPO.community); a second street of the file's own for "elsewhere".
const STREET = '511402001'
const OTHER_STREET = '511402009'
const OTHER_COMMUNITY = '511402009001'

const harness = inProcessBotPerFile()
const db = () => harness.app().database.db

/** The broadcast engine over the in-process bot's API (every call recorded), as a worker would run it. */
async function broadcast(warningId: number) {
  const app = harness.app()
  const redis = createRedis(TEST_REDIS_URL, { name: 'test-broadcast' })
  const translator = await createTranslator('zh-CN')
  const log = createLogger({ level: 'silent' })
  const { sender, editHtml } = createNotifications({
    db: db(),
    outbox: app.services.outbox,
    translator,
    log,
    api: harness.bot().bot.api,
    redis,
    redisPrefix: app.redisPrefix,
    defaultLocale: 'zh-CN',
  })
  try {
    return await createBroadcaster({ db: db(), sender, editHtml, translator, log }).run(warningId)
  } finally {
    redis.disconnect()
  }
}

async function personOf(user: InProcessUser) {
  return db().person.findUniqueOrThrow({ where: { telegramId: BigInt(user.info.id) } })
}

async function subscribe(user: InProcessUser, path: string[], choose: string) {
  await user.send('/subscribe')
  for (const code of path) await user.press(subscriptionData('d', code, 0))
  return user.press(subscriptionData('a', choose))
}

/** A staff member of a station covering 诗书社区, with a draft of a warning to it. */
async function staffWithDraft() {
  const station = await createStation(db(), DONGPO)
  const staff = harness.bot().user()
  await staff.send('/start')
  await addMembership(db(), (await personOf(staff)).id, station.id, 'STAFF')
  await staff.send('/warn')
  const draft = await db().warning.findFirstOrThrow({
    where: { authorId: (await personOf(staff)).id, status: 'DRAFT' },
  })
  return { staff, draftId: draft.id }
}

const sentTo = (user: InProcessUser) =>
  harness
    .bot()
    .calls.filter((call) => call.method === 'sendMessage' && call.payload.chat_id === user.info.id)
    .map((call) => String(call.payload.text))

describe('consumer warnings', () => {
  it('reach a street’s subscriber for a community in it, not a subscriber elsewhere; the unsubscribe button stops the next', async () => {
    await db().area.createMany({
      skipDuplicates: true,
      data: [
        { code: OTHER_STREET, level: 'STREET', name: '苏祠街道', parentCode: DONGPO.district },
        { code: OTHER_COMMUNITY, level: 'COMMUNITY', name: '三苏社区', parentCode: OTHER_STREET },
      ],
    })
    const near = harness.bot().user()
    const subscribed = await subscribe(near, [DONGPO.district], STREET)
    expect(String(callsOf(subscribed, 'editMessageText')[0]?.payload.text)).toContain('已订阅：东坡区 › 通惠街道')
    const far = harness.bot().user()
    await subscribe(far, [DONGPO.district, OTHER_STREET], OTHER_COMMUNITY)

    const { staff, draftId } = await staffWithDraft()
    // The picker opens at the station's own area; the community is chosen as a whole.
    const picker = await staff.press(composeData(draftId, 'd'))
    expect(inlineButtons(callsOf(picker, 'editMessageText')[0]).map((b) => b.text)).toContain('诗书社区')
    await staff.press(composeData(draftId, 'A', DONGPO.community))
    await staff.press(composeData(draftId, 'tz'))
    await staff.send('近期有商家以“免费体检”为名推销保健品，请勿轻信。')
    const preview = await staff.press(composeData(draftId, 'p'))
    expect(String(callsOf(preview, 'editMessageText')[0]?.payload.text)).toContain('将发送给 1 人')
    await staff.press(composeData(draftId, 's'))

    expect(await broadcast(draftId)).toBe('DONE')
    const received = sentTo(near)
    expect(received.filter((text) => text.includes('免费体检'))).toHaveLength(1)
    expect(received.at(-1)).toContain('诗书社区')
    expect(sentTo(far).filter((text) => text.includes('免费体检'))).toHaveLength(0)
    const progress = harness
      .bot()
      .calls.filter((c) => c.method === 'editMessageText' && c.payload.chat_id === staff.info.id)
    expect(String(progress.at(-1)?.payload.text)).toContain('已发送 1，已屏蔽 0，失败 0，剩余 0')

    // One tap on the warning's button; a second tap (a stale button) is answered, not ignored.
    const warning = harness
      .bot()
      .calls.filter((c) => c.method === 'sendMessage' && c.payload.chat_id === near.info.id)
      .at(-1)!
    const unsubscribe = inlineButtons(warning).find((b) => b.callback_data?.startsWith('wu:'))!

    // /warnings shows the subscriber the recent warning of their street; the other subscriber has none.
    const recent = (user: InProcessUser) =>
      user.send('/warnings').then((calls) => String(callsOf(calls, 'sendMessage')[0]?.payload.text))
    expect(await recent(near)).toContain('免费体检')
    expect(await recent(far)).not.toContain('免费体检')
    const answer = callsOf(await near.press(unsubscribe.callback_data!), 'answerCallbackQuery')[0]
    expect(String(answer?.payload.text)).toContain('已取消订阅：东坡区 › 通惠街道')
    const again = callsOf(await near.press(unsubscribe.callback_data!), 'answerCallbackQuery')[0]
    expect(String(again?.payload.text)).toContain('已经取消')

    await staff.send('/warn')
    const second = await db().warning.findFirstOrThrow({ where: { status: 'DRAFT' }, orderBy: { id: 'desc' } })
    await staff.press(composeData(second.id, 'A', DONGPO.community))
    await staff.press(composeData(second.id, 'tz'))
    await staff.send('第二条警示：预付卡陷阱。')
    await staff.press(composeData(second.id, 'p'))
    await staff.press(composeData(second.id, 's'))
    expect(await broadcast(second.id)).toBe('DONE')
    expect(sentTo(near).filter((text) => text.includes('预付卡陷阱'))).toHaveLength(0)

    // The statistics count the warning that reached someone, and the people it reached.
    const report = await harness
      .app()
      .services.statistics.report({ level: 'CITY' }, yearPeriod(new Date().getFullYear()))
    const translator = await createTranslator('zh-CN')
    const summary = (locale: 'zh-CN' | 'en') =>
      writeWorkSummary(report!, translator.forLocale(locale), locale).paragraphs.join('\n')
    expect(summary('zh-CN')).toContain('及时发布消费提示和警示1次，覆盖1人')
    expect(summary('en')).toContain('A consumer tip or warning was published in good time, reaching 1 people')
  })

  it('refuses staff an area outside their station, also when the area is forged into the button data', async () => {
    const { staff, draftId } = await staffWithDraft()
    for (const data of [composeData(draftId, 'A', OTHER_COMMUNITY), composeData(draftId, 'd', OTHER_STREET, 0)]) {
      const answer = callsOf(await staff.press(data), 'answerCallbackQuery')[0]
      expect(answer?.payload.show_alert).toBe(true)
      expect(String(answer?.payload.text)).toContain('不在您所在站点的辖区内')
    }
    expect((await db().warning.findUniqueOrThrow({ where: { id: draftId } })).areaCodes).toEqual([])
    // Someone else's draft is not theirs to change either.
    const stranger = harness.bot().user()
    await stranger.send('/start')
    const answer = callsOf(await stranger.press(composeData(draftId, 'A', DONGPO.community)), 'answerCallbackQuery')[0]
    expect(String(answer?.payload.text)).toContain('草稿已不存在')
    // A consumer cannot open the composer at all.
    expect(String(callsOf(await stranger.send('/warn'), 'sendMessage')[0]?.payload.text)).toContain(
      '只有站点工作人员和管理员',
    )
  })

  it('opens a prefilled draft (a hot-spot suggestion) with the station’s areas only, naming the ones left out', async () => {
    const { staff } = await staffWithDraft()
    const opened = await harness.app().services.warnings.drafts.open((await personOf(staff)).id, {
      areaCodes: [DONGPO.grid, OTHER_COMMUNITY],
      categoryCode: 'FOOD_PACKAGED',
      textZhCN: '近期多起投诉涉及过期预包装食品。',
    })
    expect(opened.status === 'opened' && opened.refusedAreas).toEqual([OTHER_COMMUNITY])
    expect(opened.status === 'opened' && [opened.draft.areaCodes, opened.draft.categoryCode]).toEqual([
      [DONGPO.grid],
      'FOOD_PACKAGED',
    ])
  })

  it('gives an English subscriber the English version, and lets only the sender’s side pause or cancel', async () => {
    const reader = harness.bot().user({ languageCode: 'en' })
    await subscribe(reader, [DONGPO.district], STREET)
    expect(String(callsOf(await reader.send('/subscriptions'), 'sendMessage')[0]?.payload.text)).toContain(
      '1. Dongpo District › 通惠街道',
    )
    const { staff, draftId } = await staffWithDraft()
    await staff.press(composeData(draftId, 'A', DONGPO.community))
    await staff.press(composeData(draftId, 'tz'))
    await staff.send('警惕“以旧换新”骗局。')
    await staff.press(composeData(draftId, 'te'))
    await staff.send('Beware of trade-in scams.')
    await staff.press(composeData(draftId, 'p'))
    await staff.press(composeData(draftId, 's'))

    const outsider = harness.bot().user()
    await outsider.send('/start')
    const refused = callsOf(
      await outsider.press(broadcastControlCallback.encode({ warningId: draftId, control: 'cancel' })),
      'answerCallbackQuery',
    )[0]
    expect(String(refused?.payload.text)).toContain('只有发布者')
    await staff.press(broadcastControlCallback.encode({ warningId: draftId, control: 'pause' }))
    expect(await broadcast(draftId)).toBe('PAUSED')
    expect(sentTo(reader).filter((text) => text.includes('trade-in'))).toHaveLength(0)
    await staff.press(broadcastControlCallback.encode({ warningId: draftId, control: 'resume' }))
    expect(await broadcast(draftId)).toBe('DONE')
    const received = sentTo(reader).filter((text) => text.includes('Beware of trade-in scams.'))
    expect(received).toHaveLength(1)
    expect(received[0]).toContain('Consumer warning')
  })

  it('checks the length of a warning’s text and says by how much it is too long', async () => {
    const { staff, draftId } = await staffWithDraft()
    await staff.press(composeData(draftId, 'tz'))
    const reply = callsOf(await staff.send('警'.repeat(801)), 'sendMessage')[0]
    expect(String(reply?.payload.text)).toContain('801 字，超过了 800 字')
    // Emoji count twice, as Telegram counts them: 401 of them would not fit a photo's caption.
    const emoji = callsOf(await staff.send('😀'.repeat(401)), 'sendMessage')[0]
    expect(String(emoji?.payload.text)).toContain('802 字，超过了 800 字')
    expect((await db().warning.findUniqueOrThrow({ where: { id: draftId } })).textZhCn).toBe('')
  })
})
