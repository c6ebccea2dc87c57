import type { Message } from 'grammy/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTranslator } from '../../../src/i18n/translator.ts'
import type { TestUser } from '../../../src/simulator/bot-api/index.ts'
import { renderTicketCard } from '../../../src/telegram/render/ticket-card.ts'
import type { RuntimeInProcess } from '../../support/runtime-in-process.ts'
import { answerDailyLifeUseZh, ID_NUMBER, pressWhenShown, replyMatching, startIntakeBot, zh } from './intake-driver.ts'

let harness: RuntimeInProcess
beforeAll(async () => {
  harness = await startIntakeBot()
})
afterAll(async () => {
  await harness.close()
})

const complaintsOf = (telegramId: number) =>
  harness.app.database.db.complaint.findMany({
    where: { consumer: { telegramId: BigInt(telegramId) } },
    include: { attachments: true },
  })

/** A report up to the 实名/匿名 question: the business placed by a shared location, a violation, a document. */
async function reportUpToIdentity(user: TestUser): Promise<Message> {
  await user.send('/start')
  await pressWhenShown(user, zh.report)
  await replyMatching(user, '商家叫什么名字')
  await user.send('无名小作坊')
  await replyMatching(user, '发送商家所在的位置')
  expect(user.replyKeyboard()?.keyboard[0]?.[0]).toMatchObject({ request_location: true })
  await user.shareLocation(30.0462, 103.8412)
  await replyMatching(user, '商家位置：东坡区 › 通惠街道 › 诗书社区')
  expect(user.replyKeyboard()).toBeUndefined()
  await replyMatching(user, '详细地址')
  await user.press(zh.skip)
  await pressWhenShown(user, '商品')
  await pressWhenShown(user, '食品')
  await pressWhenShown(user, '散装及现制食品')
  await replyMatching(user, '违反了什么规定')
  await user.send('无证生产散装白酒并对外销售')
  await replyMatching(user, '证据')
  await user.sendDocument({ fileName: '现场.pdf', mimeType: 'application/pdf', size: 300_000 })
  await replyMatching(user, '已收到 1/9')
  await user.sendDocument({ fileName: 'virus.exe', mimeType: 'application/x-msdownload', size: 1000 })
  await replyMatching(user, '不支持这种文件类型')
  await pressWhenShown(user, zh.done)
  return replyMatching(user, '实名举报')
}

describe('reporting a violation', () => {
  it('files a named report: name, phone and ID asked, the filing decision promised, the identity confidential', async () => {
    const user = harness.tg.user({ firstName: '举报人', languageCode: 'zh-hans' })
    const question = await reportUpToIdentity(user)
    expect(question.text).toContain('告知您是否立案的决定')
    expect(question.text).toContain('不会告知您处理结果')
    await user.press('👤 实名举报')
    await replyMatching(user, '真实姓名')
    await user.send('王小明')
    await replyMatching(user, '联系电话')
    await user.tap('📱 分享我的手机号')
    await replyMatching(user, '身份证件类型')
    await pressWhenShown(user, '居民身份证')
    await replyMatching(user, '请输入您的居民身份证号码')
    await user.send(ID_NUMBER)
    const card = await replyMatching(user, '请核对您的举报')
    expect(card.text).toContain('违法行为：无证生产散装白酒并对外销售')
    expect(card.text).toContain('举报方式：实名举报')
    expect(card.text).toContain('+8613800138000')
    await user.press(zh.confirm)
    const filed = await replyMatching(user, '举报已提交')
    expect(filed.text).toMatch(/举报编号：MS-\d{8}-\d{4}/)
    expect(filed.text).toContain('15个工作日')
    expect(filed.text).not.toContain('匿名举报')
    const [report] = await complaintsOf(user.id)
    expect(report).toMatchObject({
      kind: 'REPORT',
      anonymous: false,
      violation: '无证生产散装白酒并对外销售',
      facts: '无证生产散装白酒并对外销售',
      areaCode: '511402001001',
      categoryCode: 'FOOD_BULK',
      contactName: '王小明',
      contactPhone: '+8613800138000',
      idType: 'RESIDENT_ID',
    })
    expect(report!.attachments.map((file) => [file.kind, file.fileName])).toEqual([['DOCUMENT', '现场.pdf']])
  })

  it('files an anonymous report without asking a name, phone or ID, says no outcome notice follows, and its card shows no identity', async () => {
    const user = harness.tg.user({ firstName: '路人', languageCode: 'zh-hans' })
    await reportUpToIdentity(user)
    await user.press('🕶 匿名举报')
    const card = await replyMatching(user, '请核对您的举报')
    expect(card.text).toContain('举报方式：匿名举报（不留身份信息）')
    expect(card.text).not.toMatch(/姓名|电话|身份证件/)
    const asked = user
      .messages()
      .map((message) => message.text ?? '')
      .join('\n')
    expect(asked).not.toMatch(/真实姓名|联系电话|身份证件类型/)
    await user.press(zh.confirm)
    const filed = await replyMatching(user, '举报已提交')
    expect(filed.text).toContain('这是匿名举报：您只能在本聊天中（/my）查看进展，市场监管部门不会告知您处理结果。')
    const [report] = await complaintsOf(user.id)
    expect(report).toMatchObject({
      kind: 'REPORT',
      anonymous: true,
      contactName: null,
      contactPhone: null,
      idType: null,
      idNumberEncrypted: null,
    })
    const view = await harness.app.services.ticketCards.load(report!.id)
    const t = (await createTranslator('zh-CN')).forLocale('zh-CN')
    for (const viewer of ['station', 'liaison'] as const) {
      const { text, reply_markup } = renderTicketCard(view, t, { viewer })
      expect(text).toContain('匿名举报：举报人未留任何身份信息')
      expect(text).not.toMatch(/联系人|证件|路人/)
      expect(JSON.stringify(reply_markup)).not.toContain('"sc:')
    }
  })

  it('lets the consumer choose when a shared location is about as near to two communities', async () => {
    const user = harness.tg.user({ languageCode: 'zh-hans' })
    await user.send('/start')
    await pressWhenShown(user, zh.report)
    await replyMatching(user, '商家叫什么名字')
    await user.send('某某超市')
    await replyMatching(user, '发送商家所在的位置')
    await user.shareLocation(30.048, 103.8385)
    await replyMatching(user, '离两个社区差不多近')
    await pressWhenShown(user, /^东坡湖社区（约\d+米）$/)
    await replyMatching(user, '商家位置：东坡区 › 通惠街道 › 东坡湖社区')
    await user.shareLocation(31.2304, 121.4737)
    await replyMatching(user, '这一步收不了这种消息')
  })
})

describe('asking a question', () => {
  it('files an inquiry with its question, where the consumer is, and its category', async () => {
    const user = harness.tg.user({ languageCode: 'zh-hans' })
    await user.send('/start')
    await pressWhenShown(user, zh.inquiry)
    await replyMatching(user, '请写下您要咨询的问题')
    await user.send('美容院的预付卡商家关门了，怎么办？')
    // Asked where they are, so that the local station answers (not the city center for everyone).
    await replyMatching(user, '您在哪里？请选择您所在的社区')
    await replyMatching(user, '您也可以用下方按钮发送您的位置')
    expect(user.replyKeyboard()?.keyboard[0]?.[0]).toMatchObject({ text: '📍 发送我的位置', request_location: true })
    await pressWhenShown(user, '东坡区')
    await pressWhenShown(user, '通惠街道')
    await pressWhenShown(user, '诗书社区')
    await pressWhenShown(user, '诗书社区第2网格')
    await replyMatching(user, '所在地区：东坡区 › 通惠街道 › 诗书社区 › 诗书社区第2网格')
    await pressWhenShown(user, '服务')
    await pressWhenShown(user, '预付卡消费')
    await pressWhenShown(user, /储值/)
    const card = await replyMatching(user, '请核对您的咨询')
    expect(card.text).toContain('美容院的预付卡商家关门了，怎么办？')
    await user.press(zh.confirm)
    const filed = await replyMatching(user, '咨询已提交')
    expect(filed.text).not.toContain('工作日')
    const [inquiry] = await complaintsOf(user.id)
    expect(inquiry).toMatchObject({
      kind: 'INQUIRY',
      facts: '美容院的预付卡商家关门了，怎么办？',
      categoryCode: 'PREPAID_STORED_VALUE',
      isOnline: false,
    })
    expect(inquiry?.areaCode).toMatch(/^511402001001/)
  })

  it('explains the three-year time bar and turns the complaint into an inquiry on request', async () => {
    const user = harness.tg.user({ languageCode: 'zh-hans' })
    await user.send('/start')
    await pressWhenShown(user, zh.complaint)
    await replyMatching(user, '商家叫什么名字')
    await user.send('老字号电器行')
    await pressWhenShown(user, '🛒 网店（网购平台）')
    await pressWhenShown(user, '其他平台')
    await replyMatching(user, '请输入平台名称')
    await user.send('小红书')
    await replyMatching(user, '平台上公示的经营地址')
    await user.press(zh.skip)
    await pressWhenShown(user, '商品')
    await pressWhenShown(user, '家用电器')
    await pressWhenShown(user, '热水器及净水器')
    await answerDailyLifeUseZh(user)
    await replyMatching(user, '哪一天')
    await user.send('2020-05-01')
    await replyMatching(user, '超过三年的投诉')
    await user.press('❓ 改为咨询')
    await replyMatching(user, '请写下您要咨询的问题')
    await user.send('热水器买了五年就漏水，还能找谁？')
    const card = await replyMatching(user, '请核对您的咨询')
    expect(card.text).toContain('家用电器 › 热水器及净水器')
    await user.press(zh.confirm)
    await replyMatching(user, '咨询已提交')
    const [inquiry] = await complaintsOf(user.id)
    expect(inquiry).toMatchObject({ kind: 'INQUIRY', categoryCode: 'APPLIANCE_WATER', respondentName: '' })
  })
})
