/** The consumer's complaint form, answered in the demo page in either language (the bot's words for each step). */

export const WORDS = {
  zh: {
    complaint: '📝 投诉',
    askName: '商家叫什么名字',
    askWhere: '商家在哪里',
    shishu: '商家位置：东坡区 › 通惠街道 › 诗书社区',
    askAddress: '详细地址',
    askCategory: '请先选择大类',
    categories: ['商品', '食品', '预包装食品'],
    askUse: '生活消费',
    dailyLife: '✅ 是，为生活消费',
    askDate: '哪一天',
    askAmount: '涉及金额',
    askFacts: '事情经过',
    facts: '买到的牛奶已经过期了三天，商家拒绝退货。',
    askDemands: '希望商家怎么做',
    refund: '退还货款和服务费用',
    done: '✅ 完成',
    askEvidence: '证据',
    received: '已收到 1/9',
    noEvidence: '没有证据',
    askRealName: '真实姓名',
    askPhone: '联系电话',
    askMail: '通讯地址',
    askIdType: '身份证件类型',
    residentId: '居民身份证',
    askIdNumber: '请输入您的居民身份证号码',
    review: '请核对您的投诉',
    confirm: '✅ 确认提交',
    filed: '投诉已提交',
  },
  en: {
    complaint: '📝 File a complaint',
    askName: 'name of the business',
    askWhere: 'Where is the business',
    shishu: 'Location: Dongpo District › Tonghui Subdistrict › Shishu Community',
    askAddress: 'street address',
    askCategory: 'First choose',
    categories: ['Goods', 'Food', 'Packaged food'],
    askUse: 'daily life',
    dailyLife: '✅ Yes, for daily life',
    askDate: 'On what day',
    askAmount: 'How much money',
    askFacts: 'What happened',
    facts: 'The milk I bought was three days past its date and the shop refused to take it back.',
    askDemands: 'What do you want the business to do',
    refund: 'Refund',
    done: '✅ Done',
    askEvidence: 'evidence',
    received: 'Received 1 of 9',
    noEvidence: 'No evidence',
    askRealName: 'real name',
    askPhone: 'phone number',
    askMail: 'mailing address',
    askIdType: 'identity document',
    residentId: 'Resident ID card (居民身份证)',
    askIdNumber: 'Type the number of your',
    review: 'Please check your complaint',
    confirm: '✅ Confirm and submit',
    filed: 'Your complaint was submitted',
  },
} as const

export type Words = (typeof WORDS)[keyof typeof WORDS]

/** What filling in the form needs of a chat, in the browser or through the page's API. */
export interface FormDriver {
  send(text: string): Promise<unknown>
  tap(label: string): Promise<unknown>
  waitFor(text: string): Promise<unknown>
}

/**
 * Files the milk complaint from the menu to "submitted". `shareLocation` answers "where is the business" (a map
 * click, a preset place, a location sent) and waits for the bot to place it in 诗书社区; `attachEvidence`, when
 * given, sends the receipt and waits for the bot to take it.
 */
export async function fileComplaint(
  consumer: FormDriver,
  w: Words,
  options: { shareLocation: () => Promise<void>; attachEvidence?: () => Promise<void> },
): Promise<void> {
  await consumer.send('/start')
  await consumer.tap(w.complaint)
  await consumer.waitFor(w.askName)
  await consumer.send('好又多超市')
  await consumer.waitFor(w.askWhere)
  await options.shareLocation()
  await consumer.waitFor(w.shishu)
  await consumer.waitFor(w.askAddress)
  await consumer.send('东坡区诗书路1号')
  await consumer.waitFor(w.askCategory)
  for (const label of w.categories) await consumer.tap(label)
  await consumer.waitFor(w.askUse)
  await consumer.tap(w.dailyLife)
  await consumer.waitFor(w.askDate)
  await consumer.send('2026-11-20')
  await consumer.waitFor(w.askAmount)
  await consumer.send('¥120.50')
  await consumer.waitFor(w.askFacts)
  await consumer.send(w.facts)
  await consumer.waitFor(w.askDemands)
  await consumer.tap(w.refund)
  await consumer.tap(w.done)
  await consumer.waitFor(w.askEvidence)
  if (options.attachEvidence) {
    await options.attachEvidence()
    await consumer.tap(w.done)
  } else {
    await consumer.tap(w.noEvidence)
  }
  await consumer.waitFor(w.askRealName)
  await consumer.send('王小明')
  await consumer.waitFor(w.askPhone)
  await consumer.send('13812345678')
  await consumer.waitFor(w.askMail)
  await consumer.send('东坡区苏祠路8号2单元301')
  await consumer.waitFor(w.askIdType)
  await consumer.tap(w.residentId)
  await consumer.waitFor(w.askIdNumber)
  await consumer.send('511402199001011235')
  await consumer.waitFor(w.review)
  await consumer.tap(w.confirm)
  await consumer.waitFor(w.filed)
}
