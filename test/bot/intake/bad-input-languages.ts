// What bad input is answered with in each language, and walking a complaint form in that language to a step.
import type { Message } from 'grammy/types'
import type { TestUser } from '../../../src/simulator/bot-api/index.ts'
import { buttonShown, en, pressWhenShown, replyMatching, zh } from './intake-driver.ts'

export const LANGUAGES = [
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
    demands: ['退还货款和服务费用'],
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
    oldForm: '这个按钮属于一份已结束的表单，已失效。',
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
    oldForm: 'This button belongs to a form that is over; it no longer works.',
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
export type Language = (typeof LANGUAGES)[number]

/** Opens a complaint and answers the name; returns the user's name message and the question after it. */
export async function startComplaint(user: TestUser, lang: Language): Promise<Message> {
  await user.send('/start')
  await replyMatching(user, lang.menu)
  await pressWhenShown(user, lang.labels.complaint)
  return replyMatching(user, lang.askName)
}

export async function toLocation(user: TestUser, lang: Language): Promise<Message> {
  await startComplaint(user, lang)
  await user.send('好又多超市')
  return replyMatching(user, lang.askWhere)
}

export async function toAddress(user: TestUser, lang: Language): Promise<Message> {
  await toLocation(user, lang)
  for (const area of lang.areas) await pressWhenShown(user, area)
  return replyMatching(user, lang.askAddress)
}

export async function toCategory(user: TestUser, lang: Language): Promise<Message> {
  await toAddress(user, lang)
  await user.send('东坡区诗书路1号')
  return replyMatching(user, lang.askCategory)
}

export async function toConsumerUse(user: TestUser, lang: Language): Promise<Message> {
  await toCategory(user, lang)
  for (const category of lang.categories) await pressWhenShown(user, category)
  return buttonShown(user, lang.forDailyLife)
}

export async function toDate(user: TestUser, lang: Language): Promise<Message> {
  await toConsumerUse(user, lang)
  await user.press(lang.forDailyLife)
  return replyMatching(user, lang.askDate)
}

export async function toPersonName(user: TestUser, lang: Language): Promise<{ amount: Message }> {
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
export function fragmentOf(message: Message): string {
  const match = /"f:([^:]+):/.exec(JSON.stringify(message.reply_markup))
  if (!match?.[1]) throw new Error('no form button in the message')
  return match[1]
}
