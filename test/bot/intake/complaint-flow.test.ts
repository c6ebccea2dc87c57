import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RuntimeInProcess } from '../../support/runtime-in-process.ts'
import {
  answerComplaintZh,
  answerDailyLifeUseZh,
  en,
  ID_NUMBER,
  pressWhenShown,
  replyMatching,
  startIntakeBot,
  zh,
} from './intake-driver.ts'

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

describe('filing a complaint in Chinese', () => {
  it('asks every question, shows every answer on the review card and files the complaint with a tracking number and when the legal time limits start', async () => {
    const user = harness.tg.user({ firstName: '小明', languageCode: 'zh-hans' })
    const card = await answerComplaintZh(user, { evidence: true })
    expect(card.text).toContain('好又多超市')
    expect(card.text).toContain('东坡区诗书路1号')
    expect(card.text).toContain('东坡区 › 通惠街道 › 诗书社区 › 诗书社区第2网格')
    expect(card.text).toContain('食品 › 预包装食品')
    expect(card.text).toContain('2026年11月20日')
    expect(card.text).toContain('¥120.50')
    expect(card.text).toContain('退还货款和服务费用、赔偿损失')
    expect(card.text).toContain('1 个文件')
    expect(card.text).toContain('+8613812345678')
    expect(card.text).toContain('生活消费：是')
    expect(card.text).toContain('通讯地址：东坡区苏祠路8号2单元301')
    expect(card.text).toContain('身份证件：居民身份证 5114**********1235')
    expect(user.replyKeyboard()).toBeUndefined()

    await user.press(zh.confirm)
    const filed = await replyMatching(user, '投诉已提交')
    expect(filed.text).toMatch(/投诉编号：MS-\d{8}-\d{4}/)
    // No statutory date at filing: the clocks start when the market-regulation bureau receives the complaint.
    expect(filed.text).toContain(
      '法律规定的办理期限从市场监管部门（县级12315投诉举报中心或市场监管所）收到您的投诉之日起计算',
    )
    expect(filed.text).not.toMatch(/\d{4}年\d{1,2}月\d{1,2}日/)
    const [complaint, ...others] = await complaintsOf(user.id)
    expect(others).toHaveLength(0)
    expect(complaint).toMatchObject({
      kind: 'COMPLAINT',
      locale: 'zh-CN',
      respondentName: '好又多超市',
      respondentAddress: '东坡区诗书路1号',
      areaCode: '511402001001-02',
      categoryCode: 'FOOD_PACKAGED',
      amountFen: 12050n,
      demands: ['REFUND', 'COMPENSATE'],
      contactName: '王小明',
      contactPhone: '+8613812345678',
      forDailyLife: true,
      mailingAddress: '东坡区苏祠路8号2单元301',
      idType: 'RESIDENT_ID',
      idNumberMasked: '5114**********1235',
    })
    expect(filed.text).toContain(complaint!.trackingNumber)
    expect(complaint!.attachments).toHaveLength(1)
    expect(await harness.app.services.intake.forms.load(user.id)).toEqual({ status: 'none' })
  })
})

describe('the offer of consumer warnings after a filing', () => {
  it('asks once whether to receive the warnings of the business’s area, and subscribes only on a yes', async () => {
    const user = harness.tg.user({ firstName: '小红', languageCode: 'zh-hans' })
    const subscriptionsOf = () =>
      harness.app.database.db.warningSubscription.findMany({
        where: { person: { telegramId: BigInt(user.id) } },
      })
    await answerComplaintZh(user)
    await user.press(zh.confirm)
    await replyMatching(user, '投诉已提交')
    const offer = await replyMatching(user, '是否接收')
    expect(offer.text).toContain('诗书社区第2网格')
    expect(await subscriptionsOf()).toHaveLength(0)
    await user.press('接收')
    await replyMatching(user, '已订阅')
    expect((await subscriptionsOf()).map((s) => s.areaCode)).toEqual(['511402001001-02'])

    // A second complaint about the same area: the subscription covers it, so nothing is asked.
    await answerComplaintZh(user)
    await user.press(zh.confirm)
    await replyMatching(user, '投诉已提交')
    await user.expectNoMessage()
    expect(user.messages().filter((m) => (m.text ?? '').includes('是否接收'))).toHaveLength(1)
  })
})

describe('filing a complaint in English', () => {
  it('speaks the Telegram language of the user, takes an online shop and a shared contact', async () => {
    const user = harness.tg.user({ firstName: 'Alice', languageCode: 'en' })
    await user.send('/start')
    await replyMatching(user, 'What would you like to do?')
    await pressWhenShown(user, en.complaint)
    await replyMatching(user, 'name of the business')
    await user.send('Happy Mart <b>&</b>')
    await replyMatching(user, 'Where is the business?')
    await pressWhenShown(user, '🛒 Online shop')
    await pressWhenShown(user, '淘宝')
    await replyMatching(user, 'Online shop on 淘宝')
    await replyMatching(user, 'What business address does the online shop show on the platform?')
    await user.press(en.skip)
    await pressWhenShown(user, 'Goods')
    await pressWhenShown(user, 'Phones and electronics')
    await pressWhenShown(user, 'Mobile phones')
    await replyMatching(user, 'daily life')
    await pressWhenShown(user, '✅ Yes, for daily life')
    await replyMatching(user, 'what day')
    await pressWhenShown(user, 'Yesterday')
    await replyMatching(user, 'How much money')
    await user.press(en.skip)
    await replyMatching(user, 'What happened?')
    await user.send('The phone I bought stopped charging after two days.')
    await pressWhenShown(user, 'Replace')
    await pressWhenShown(user, 'Other')
    await pressWhenShown(user, en.done)
    await replyMatching(user, 'Describe your other demand')
    await user.send('A written apology')
    await replyMatching(user, 'Send photos or files')
    await pressWhenShown(user, en.noEvidence)
    await replyMatching(user, 'real name')
    await user.send('Alice Wang')
    await replyMatching(user, 'Your phone number')
    expect(user.replyKeyboard()?.keyboard[0]?.[0]).toMatchObject({
      text: '📱 Share my phone number',
      request_contact: true,
    })
    await user.shareContact('+8613900001111', { firstName: 'Ally', lastName: 'W' })
    await replyMatching(user, 'Your mailing address')
    await user.send('8 Sucigang Road, Dongpo District, Meishan')
    await replyMatching(user, 'Choose your identity document')
    await pressWhenShown(user, 'Passport')
    await replyMatching(user, 'Type the number of your Passport')
    await user.send('E12345678')
    const card = await replyMatching(user, 'Please check your complaint')
    expect(card.text).toContain('Passport E******78')
    expect(card.text).toContain('Happy Mart <b>&</b>')
    expect(card.text).toContain('online shop (淘宝)')
    expect(card.text).toContain('Replace, Other: A written apology')
    expect(card.text).toContain('Alice Wang')
    expect(user.replyKeyboard()).toBeUndefined()
    await user.press(en.confirm)
    const filed = await replyMatching(user, 'Your complaint was submitted')
    expect(filed.text).toMatch(/Tracking number: MS-\d{8}-\d{4}/)
    expect(filed.text).toContain(
      'The legal time limits start when the market-regulation bureau (the county 12315 center or a market supervision office) receives your complaint',
    )
    const [complaint] = await complaintsOf(user.id)
    expect(complaint).toMatchObject({
      locale: 'en',
      isOnline: true,
      platformCode: 'taobao',
      platformName: '淘宝',
      respondentAddress: null,
      amountFen: null,
      demands: ['REPLACE', 'OTHER'],
      demandOther: 'A written apology',
      contactName: 'Alice Wang',
      contactPhone: '+8613900001111',
      idType: 'PASSPORT',
      idNumberMasked: 'E******78',
    })
  })
})

describe('answers the bot refuses', () => {
  it('explains every invalid answer in the user’s language and asks the same question again', async () => {
    const user = harness.tg.user({ languageCode: 'zh-hans' })
    await user.send('/start')
    await pressWhenShown(user, zh.complaint)
    await replyMatching(user, '商家叫什么名字')
    await user.send('好')
    expect((await replyMatching(user, '内容太短')).text).toContain('商家叫什么名字')
    await user.send('好又多超市')
    await pressWhenShown(user, '东坡区')
    await pressWhenShown(user, '通惠街道')
    await pressWhenShown(user, '东坡湖社区')
    await pressWhenShown(user, '整个社区（不清楚网格）')
    await replyMatching(user, '详细地址')
    await user.send('东坡湖路3号')
    await pressWhenShown(user, '商品')
    await pressWhenShown(user, '食品')
    await pressWhenShown(user, '预包装食品')
    await answerDailyLifeUseZh(user)
    await replyMatching(user, '哪一天')
    await user.send('2099-01-01')
    expect((await replyMatching(user, '日期不能晚于今天')).text).toContain('哪一天')
    await user.send('下个月')
    await replyMatching(user, '无法识别这个日期')
    await user.send('2026-02-30')
    await replyMatching(user, '没有这一天')
    await user.send('昨天')
    await replyMatching(user, '涉及金额')
    await user.send('12.345')
    await replyMatching(user, '最多保留两位小数')
    await user.send('0')
    await replyMatching(user, '金额不能为0')
    await user.send('-5')
    await replyMatching(user, '不能是负数')
    await user.send('一百块')
    await replyMatching(user, '无法识别这个金额')
    await user.send('100')
    await replyMatching(user, '事情经过')
    await user.send('太短了')
    await replyMatching(user, '至少需要10个字，您写了3个字')
    await user.send('x'.repeat(2001))
    await replyMatching(user, '最多2000个字，您写了2001个字')
    await user.send('商家卖给我的面包已经发霉了，拒绝退款。')
    await replyMatching(user, '希望商家怎么做')
    await pressWhenShown(user, zh.done)
    await replyMatching(user, '请至少选择一项诉求')
    await pressWhenShown(user, '修理')
    await pressWhenShown(user, zh.done)
    await pressWhenShown(user, zh.noEvidence)
    await replyMatching(user, '真实姓名')
    await user.send('123')
    await replyMatching(user, '姓名需要包含文字')
    await user.send('李雷')
    await replyMatching(user, '联系电话')
    await user.send('1381234567')
    await replyMatching(user, '手机号应为11位数字')
    await user.send('82345678')
    await replyMatching(user, '请加上区号')
    await user.send('+1 415 555 0100')
    await replyMatching(user, '中国大陆的电话号码')
    await user.send('028-82345678')
    await replyMatching(user, '通讯地址')
    await user.send('东坡区苏祠路8号')
    await replyMatching(user, '身份证件类型')
    await pressWhenShown(user, '居民身份证')
    await user.send('51140219900101123')
    await replyMatching(user, '不符合所选证件的格式')
    await user.send(ID_NUMBER)
    const card = await replyMatching(user, '请核对您的投诉')
    expect(card.text).toContain('东坡区 › 通惠街道 › 东坡湖社区')
    expect(card.text).toContain('028-82345678')
  })
})

describe('moving around the form', () => {
  it('goes back to the previous question keeping the answer, and edits an answer from the review card', async () => {
    const user = harness.tg.user({ languageCode: 'zh-hans' })
    await user.send('/start')
    await pressWhenShown(user, zh.complaint)
    await replyMatching(user, '商家叫什么名字')
    await user.send('第一家店')
    await replyMatching(user, '商家在哪里')
    await pressWhenShown(user, zh.back)
    await replyMatching(user, '商家叫什么名字')
    await user.send('第二家店')
    await replyMatching(user, '商家在哪里')
    expect((await harness.app.services.intake.forms.load(user.id)).status).toBe('active')
    await user.send('/cancel')
    await replyMatching(user, '已取消这次投诉')
    expect(await harness.app.services.intake.forms.load(user.id)).toEqual({ status: 'none' })

    const card = await answerComplaintZh(user)
    expect(card.text).toContain('¥120.50')
    await user.press('✏️ 涉及金额', { inMessage: card })
    await replyMatching(user, '涉及金额是多少元')
    await user.send('99')
    const edited = await replyMatching(user, '请核对您的投诉')
    expect(edited.text).toContain('¥99.00')
    expect(edited.text).toContain('好又多超市')
    await user.press('✏️ 电话', { inMessage: edited })
    await replyMatching(user, '联系电话')
    await user.send('⬅️ 返回')
    await replyMatching(user, '请核对您的投诉')
    await user.press(zh.cancel)
    await replyMatching(user, '已取消这次投诉')
    expect(await complaintsOf(user.id)).toHaveLength(0)
  })
})
