// Bad input during a form, in both languages: each gets a clear answer in the consumer's language and changes nothing.

import type { Message } from 'grammy/types'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findInlineButton, type TestUser } from '../../../src/simulator/bot-api/index.ts'
import { TEST_REDIS_URL } from '../../support/redis.ts'
import type { RuntimeInProcess } from '../../support/runtime-in-process.ts'
import { buttonShown, en, pressWhenShown, replyMatching, startIntakeBot, zh } from './intake-driver.ts'

let harness: RuntimeInProcess
let redis: Redis
beforeAll(async () => {
  harness = await startIntakeBot()
  redis = new Redis(TEST_REDIS_URL)
})
afterAll(async () => {
  redis.disconnect()
  await harness.close()
})

const LANGUAGES = [
  {
    locale: 'zh-CN',
    languageCode: 'zh-hans',
    labels: zh,
    askName: '商家叫什么名字',
    askAddress: '详细地址',
    askWhere: '商家在哪里',
    askCategory: '请先选择大类',
    askDate: '哪一天',
    askAmount: '涉及金额',
    askFacts: '事情经过',
    askPersonName: '真实姓名',
    askPhone: '联系电话',
    review: '请核对您的投诉',
    menu: '请选择',
    areas: ['东坡区', '通惠街道', '诗书社区', '诗书社区第2网格'],
    categories: ['商品', '食品', '预包装食品'],
    facts: '买到的牛奶已经过期了三天，商家拒绝退货。',
    demands: ['退还货款或服务费'],
    noEvidence: zh.noEvidence,
    invisible: '只有看不见的字符',
    unknownArea: '找不到这个地区，请重新选择。',
    unknownCategory: '请选择一个具体的类别。',
    unknownChoice: '这个选项无效，请重新选择。',
    unexpected: '这一步收不了这种消息',
    edited: '修改过的消息不会被读取，您的回答没有改变',
    editedNoForm: '修改过的消息不会被读取。请发送一条新消息',
    future: '日期不能晚于今天',
    tomorrow: '明天',
    extension: '分机号应为1–6位数字',
    noCommand: '没有 /foo 这个命令',
    lost: '您正在填写的表单草稿丢失了',
    lostToast: '您填写的表单草稿丢失了',
    staleButton: '这个按钮已经失效了',
    separator: '：',
    forDailyLife: '✅ 是，为生活消费',
    notForDailyLife: '不是（经营或其他用途）',
    notConsumer: '不属于消费者投诉',
    makeInquiry: '❓ 改为咨询',
    askQuestion: '请写下您要咨询的问题',
    notOwnContact: '只能分享您本人的联系方式',
    askMailing: '通讯地址',
    notSkippable: '这一项必须填写，不能跳过',
    askIdType: '身份证件类型',
    residentId: '居民身份证',
    askIdNumber: '请输入您的居民身份证号码',
    checkDigit: '校验位（最后一位）不对',
    idLabel: '身份证件：',
  },
  {
    locale: 'en',
    languageCode: 'en',
    labels: en,
    askName: 'What is the name of the business',
    askAddress: "business's street address",
    askWhere: 'Where is the business',
    askCategory: 'First choose',
    askDate: 'On what day',
    askAmount: 'How much money',
    askFacts: 'What happened',
    askPersonName: 'your real name',
    askPhone: 'Your phone number',
    review: 'Please check your complaint',
    menu: 'What would you like to do',
    areas: ['Dongpo District', 'Tonghui Subdistrict', 'Shishu Community', 'Shishu Community Grid 2'],
    categories: ['Goods', 'Food', 'Packaged food'],
    facts: 'The milk I bought had expired three days before and the shop refused a refund.',
    demands: [/^Refund/],
    noEvidence: en.noEvidence,
    invisible: 'only invisible characters',
    unknownArea: 'That area does not exist any more; please choose again.',
    unknownCategory: 'Please choose an exact category.',
    unknownChoice: 'That choice is not valid; please choose again.',
    unexpected: 'I cannot take that kind of message here',
    edited: 'I do not read edited messages, so your answer has not changed',
    editedNoForm: 'I do not read edited messages. Please send a new message',
    future: 'The date cannot be after today',
    tomorrow: 'tomorrow',
    extension: 'An extension has 1–6 digits',
    noCommand: 'There is no command /foo',
    lost: 'the draft of the form you were filling in was lost',
    lostToast: 'a system problem lost the draft',
    staleButton: 'This button no longer works',
    separator: ': ',
    forDailyLife: '✅ Yes, for daily life',
    notForDailyLife: 'No (for business or other use)',
    notConsumer: 'is not a consumer complaint',
    makeInquiry: '❓ Ask a question instead',
    askQuestion: 'Write your question',
    notOwnContact: 'Only your own contact can be shared',
    askMailing: 'Your mailing address',
    notSkippable: 'must be answered',
    askIdType: 'Choose your identity document',
    residentId: 'Resident ID card (居民身份证)',
    askIdNumber: 'Type the number of your Resident ID card',
    checkDigit: 'The check digit (the last character)',
    idLabel: 'Identity document: ',
  },
] as const
type Language = (typeof LANGUAGES)[number]

const forms = () => harness.app.services.intake.forms

async function formState(user: TestUser) {
  const loaded = await forms().load(user.id)
  if (loaded.status !== 'active') throw new Error(`no open form (${loaded.status})`)
  return loaded.form
}

/** Opens a complaint and answers the name; returns the user's name message and the question after it. */
async function startComplaint(user: TestUser, lang: Language): Promise<Message> {
  await user.send('/start')
  await replyMatching(user, lang.menu)
  await pressWhenShown(user, lang.labels.complaint)
  return replyMatching(user, lang.askName)
}

async function toLocation(user: TestUser, lang: Language): Promise<Message> {
  await startComplaint(user, lang)
  await user.send('好又多超市')
  return replyMatching(user, lang.askWhere)
}

async function toAddress(user: TestUser, lang: Language): Promise<Message> {
  await toLocation(user, lang)
  for (const area of lang.areas) await pressWhenShown(user, area)
  return replyMatching(user, lang.askAddress)
}

async function toCategory(user: TestUser, lang: Language): Promise<Message> {
  await toAddress(user, lang)
  await user.send('东坡区诗书路1号')
  return replyMatching(user, lang.askCategory)
}

async function toConsumerUse(user: TestUser, lang: Language): Promise<Message> {
  await toCategory(user, lang)
  for (const category of lang.categories) await pressWhenShown(user, category)
  return buttonShown(user, lang.forDailyLife)
}

async function toDate(user: TestUser, lang: Language): Promise<Message> {
  await toConsumerUse(user, lang)
  await user.press(lang.forDailyLife)
  return replyMatching(user, lang.askDate)
}

async function toPersonName(user: TestUser, lang: Language): Promise<{ amount: Message }> {
  await toDate(user, lang)
  await user.send('2026-11-20')
  await replyMatching(user, lang.askAmount)
  const amount = await user.send('120')
  await replyMatching(user, lang.askFacts)
  await user.send(lang.facts)
  for (const demand of lang.demands) await pressWhenShown(user, demand)
  await buttonShown(user, /^✅ /)
  await pressWhenShown(user, lang.labels.done)
  await pressWhenShown(user, lang.noEvidence)
  await replyMatching(user, lang.askPersonName)
  return { amount }
}

/** The fragment of the user's open form, as its buttons carry it. */
function fragmentOf(message: Message): string {
  const match = /"f:([^:]+):/.exec(JSON.stringify(message.reply_markup))
  if (!match?.[1]) throw new Error('no form button in the message')
  return match[1]
}

/** Presses forged data and returns the toast with the id of its query, once the bot is done with it. */
async function pressForged(user: TestUser, message: Message, data: string) {
  const answer = await user.pressData(message.message_id, data)
  const query = harness.tg
    .callbackQueries()
    .filter((q) => q.data === data && q.userId === user.id)
    .at(-1)
  await harness.tg.idle()
  const answers = harness.tg.calls('answerCallbackQuery', (call) => call.params.callback_query_id === query?.id)
  return { answer, answerCalls: answers.length }
}

describe.each(LANGUAGES)('bad input in $locale', (lang) => {
  it('refuses a business name and an address made only of invisible characters', async () => {
    const user = harness.tg.user({ languageCode: lang.languageCode })
    await startComplaint(user, lang)
    await user.send('\u200B\u200B\u200B')
    expect((await replyMatching(user, lang.invisible)).text).toContain(lang.askName)
    await user.send('\u3164\u200C\u3164')
    await replyMatching(user, lang.invisible)
    expect((await formState(user)).step).toBe('businessName')
    await user.send('好又多超市')
    for (const area of lang.areas) await pressWhenShown(user, area)
    await replyMatching(user, lang.askAddress)
    await user.send('\u2060\uFEFF\u200B')
    expect((await replyMatching(user, lang.invisible)).text).toContain(lang.askAddress)
    expect(await formState(user)).toMatchObject({ step: 'businessAddress', draft: { respondentName: '好又多超市' } })
  })

  it('answers an area typed as a reply to the area buttons with a hint', async () => {
    const user = harness.tg.user({ languageCode: lang.languageCode })
    const picker = await toLocation(user, lang)
    await user.reply(picker, lang.areas[0])
    expect((await replyMatching(user, lang.unexpected)).text).toContain(lang.askWhere)
    expect((await formState(user)).step).toBe('location')
  })

  it('answers forged area, platform and category buttons with a toast and the question again', async () => {
    const user = harness.tg.user({ languageCode: lang.languageCode })
    const picker = await toLocation(user, lang)
    const fragment = fragmentOf(picker)
    for (const data of [`f:${fragment}:lo:a:999999`, `f:${fragment}:lo:d:999999:0`]) {
      const { answer } = await pressForged(user, picker, data)
      expect(answer).toEqual({ text: lang.unknownArea, show_alert: true })
      expect((await replyMatching(user, lang.unknownArea)).text).toContain(lang.askWhere)
    }
    for (const data of [`f:${fragment}:lo:pl:NOPE`, `f:${fragment}:lo:a:511402`, `f:${fragment}:lo:zz`]) {
      const { answer } = await pressForged(user, picker, data)
      expect(answer).toEqual({ text: lang.unknownChoice, show_alert: true })
      expect((await replyMatching(user, lang.unknownChoice)).text).toContain(lang.askWhere)
    }
    expect((await formState(user)).draft.location).toBeUndefined()
    for (const area of lang.areas) await pressWhenShown(user, area)
    await replyMatching(user, lang.askAddress)
    await user.send('东坡区诗书路1号')
    const categories = await replyMatching(user, lang.askCategory)
    for (const data of [`f:${fragment}:ca:k:NOPE:0`, `f:${fragment}:ca:g:NOPE:0`, `f:${fragment}:ca:zz`]) {
      const { answer } = await pressForged(user, categories, data)
      expect(answer).toEqual({ text: lang.unknownCategory, show_alert: true })
      expect((await replyMatching(user, lang.unknownCategory)).text).toContain(lang.askCategory)
    }
    await user.pressData(categories.message_id, `f:${fragment}:ca:c:NOPE`)
    await replyMatching(user, lang.unknownCategory)
    const form = await formState(user)
    expect(form.step).toBe('category')
    expect(form.draft.categoryCode).toBeUndefined()
  })

  it('answers unknown menu, language and form data once, with the stale-button notice', async () => {
    const user = harness.tg.user({ languageCode: lang.languageCode })
    const question = await startComplaint(user, lang)
    for (const data of ['m:zzz', 'lang:xx', 'f:zz']) {
      const { answer, answerCalls } = await pressForged(user, question, data)
      expect(answer.text).toContain(lang.staleButton)
      expect(answer.show_alert).toBe(true)
      expect(answerCalls).toBe(1)
    }
    expect((await formState(user)).step).toBe('businessName')
  })

  it('says that edits are not read, at any step and for an earlier answer, and keeps the answers', async () => {
    const user = harness.tg.user({ languageCode: lang.languageCode })
    await startComplaint(user, lang)
    const name = await user.send('好又多超市')
    await replyMatching(user, lang.askWhere)
    await user.editMessage(name, '别的商店')
    const hint = await replyMatching(user, lang.edited)
    expect(hint.text).toContain(lang.askWhere)
    expect(hint.text).toContain('✏️')
    expect((await formState(user)).draft.respondentName).toBe('好又多超市')
    await user.send('/cancel')
    await replyMatching(user, lang.menu)
    await user.editMessage(name, '再改一次')
    await replyMatching(user, lang.editedNoForm)
  })

  it('says that an edited amount is not read and keeps the amount', async () => {
    const user = harness.tg.user({ languageCode: lang.languageCode })
    const { amount } = await toPersonName(user, lang)
    await user.editMessage(amount, '300')
    expect((await replyMatching(user, lang.edited)).text).toContain(lang.askPersonName)
    expect(await formState(user)).toMatchObject({ step: 'contactName', draft: { amountFen: 12_000 } })
  })

  it('says that tomorrow is in the future, and that an extension is too long', async () => {
    const user = harness.tg.user({ languageCode: lang.languageCode })
    await toPersonName(user, lang)
    await user.send('王小明')
    await replyMatching(user, lang.askPhone)
    await user.send('028-87654321-1234567')
    expect((await replyMatching(user, lang.extension)).text).toContain(lang.askPhone)

    const other = harness.tg.user({ languageCode: lang.languageCode })
    await toDate(other, lang)
    await other.send(lang.tomorrow)
    expect((await replyMatching(other, lang.future)).text).toContain(lang.askDate)
    expect((await formState(other)).step).toBe('incidentDate')
  })

  it('takes /START as /start and answers an unknown command with the commands and the question', async () => {
    const user = harness.tg.user({ languageCode: lang.languageCode })
    await startComplaint(user, lang)
    await user.send('/foo')
    const hint = await replyMatching(user, lang.noCommand)
    expect(hint.text).toContain('/cancel')
    expect(hint.text).toContain(lang.askName)
    await user.send('/START')
    const menu = await replyMatching(user, lang.menu)
    expect(findInlineButton(menu, /▶️/)).toBeDefined()
    expect((await formState(user)).step).toBe('businessName')
  })

  it("refuses someone else's shared contact, a missing mailing address and a wrong ID check digit, and says why", async () => {
    const user = harness.tg.user({ languageCode: lang.languageCode })
    await toPersonName(user, lang)
    await user.send('王小明')
    await replyMatching(user, lang.askPhone)
    await user.shareContact('+8613900001111', { firstName: '李', lastName: '雷', userId: user.id + 1 })
    expect((await replyMatching(user, lang.notOwnContact)).text).toContain(lang.askPhone)
    expect((await formState(user)).draft.contactPhone).toBeUndefined()
    // The user's own contact: its phone only, never its name.
    await user.shareContact('+8613812345678', { firstName: '王', lastName: '老板' })
    const mailing = await replyMatching(user, lang.askMailing)
    expect(findInlineButton(mailing, lang.labels.skip)).toBeUndefined()
    await pressForged(user, mailing, `f:${fragmentOf(mailing)}:ma:skip`)
    expect((await replyMatching(user, lang.notSkippable)).text).toContain(lang.askMailing)
    await user.send('  ')
    await replyMatching(user, lang.askMailing)
    expect((await formState(user)).step).toBe('mailingAddress')
    await user.send('东坡区苏祠路8号')
    await pressWhenShown(user, lang.residentId)
    await replyMatching(user, lang.askIdNumber)
    await user.send('511402199001011234')
    expect((await replyMatching(user, lang.checkDigit)).text).toContain(lang.askIdNumber)
    expect((await formState(user)).draft.idNumber).toBeUndefined()
    await user.send('511402199001011235')
    const card = await replyMatching(user, lang.review)
    expect(card.text).toMatch(new RegExp(`\\n[^\\n]+${lang.separator}王小明`))
    expect(card.text).toContain(`${lang.idLabel}${lang.residentId} 5114**********1235`)
    expect(card.text).not.toContain('老板')
    expect(await formState(user)).toMatchObject({ draft: { contactName: '王小明', contactPhone: '+8613812345678' } })
  })

  it('explains that a purchase not for daily life is no consumer complaint and offers an inquiry instead', async () => {
    const user = harness.tg.user({ languageCode: lang.languageCode })
    await toConsumerUse(user, lang)
    await user.press(lang.notForDailyLife)
    const explained = await replyMatching(user, lang.notConsumer)
    expect(findInlineButton(explained, lang.makeInquiry)).toBeDefined()
    await user.press(lang.makeInquiry)
    await replyMatching(user, lang.askQuestion)
    expect(await formState(user)).toMatchObject({
      kind: 'INQUIRY',
      step: 'question',
      draft: { categoryCode: 'FOOD_PACKAGED' },
    })
  })

  it('says the draft was lost when Redis lost the form, for an answer, a reply-keyboard tap and a button', async () => {
    const user = harness.tg.user({ languageCode: lang.languageCode })
    await toLocation(user, lang)
    const lose = () =>
      redis.del(`${harness.app.redisPrefix}:form:${user.id}`, `${harness.app.redisPrefix}:form-started:${user.id}`)
    await lose()
    await user.send('好又多超市的地址')
    expect((await replyMatching(user, lang.lost)).text).not.toContain(lang.askWhere)
    await replyMatching(user, lang.menu)

    // After a restart the process remembers nothing: the record of started forms tells a lost form from an old one.
    await pressWhenShown(user, lang.labels.complaint)
    await replyMatching(user, lang.askName)
    await user.send('好又多超市')
    const picker = await replyMatching(user, lang.askWhere)
    await lose()
    await harness.restartBot()
    await user.tap(lang.labels.back)
    await replyMatching(user, lang.lost)
    await replyMatching(user, lang.menu)
    const answer = await user.press(lang.labels.back, { inMessage: picker })
    expect(answer).toMatchObject({ text: expect.stringContaining(lang.lostToast), show_alert: true })
    await replyMatching(user, lang.lost)
    await replyMatching(user, lang.menu)
  })
})
