import { describe, expect, it } from 'vitest'
import { MAX_TOPICS } from '../../../src/services/warnings/subscriptions.ts'
import {
  subscriptionData,
  unsubscribeCallback,
  warningOfferCallback,
} from '../../../src/telegram/callback-data/warnings.ts'
import {
  callsOf,
  type InProcessUser,
  inlineButtons,
  inProcessBotPerFile,
  type RecordedCall,
} from '../../support/in-process-bot.ts'
import { createStation, DONGPO, fileAndRoute } from '../../support/world.ts'

const STREET = '511402001' // 通惠街道
const harness = inProcessBotPerFile()
const db = () => harness.app().database.db

async function personOf(user: InProcessUser) {
  return db().person.findUniqueOrThrow({ where: { telegramId: BigInt(user.info.id) } })
}

const shown = (calls: RecordedCall[]) =>
  String((callsOf(calls, 'editMessageText')[0] ?? callsOf(calls, 'sendMessage')[0])?.payload.text ?? '')
const labels = (calls: RecordedCall[]) =>
  inlineButtons(callsOf(calls, 'editMessageText')[0] ?? callsOf(calls, 'sendMessage')[0]).map((b) => b.text)
const alert = (calls: RecordedCall[]) => String(callsOf(calls, 'answerCallbackQuery')[0]?.payload.text ?? '')

/** A consumer subscribed to 通惠街道 through /subscribe; returns the subscription's id. */
async function subscribedToStreet(user: InProcessUser): Promise<number> {
  await user.send('/subscribe')
  await user.press(subscriptionData('d', DONGPO.district, 0))
  await user.press(subscriptionData('a', STREET))
  const person = await personOf(user)
  return (await db().warningSubscription.findFirstOrThrow({ where: { personId: person.id, areaCode: STREET } })).id
}

describe('/subscriptions', () => {
  it('tells a consumer without subscriptions so and offers to subscribe from there', async () => {
    const user = harness.bot().user()
    const none = await user.send('/subscriptions')
    expect(shown(none)).toBe('您还没有订阅任何地区的消费警示。')
    expect(labels(none)).toEqual(['➕ 订阅一个地区'])
    const picker = await user.press(subscriptionData('s'))
    expect(shown(picker)).toContain('请选择要订阅消费警示的地区')
    expect(labels(picker)).toContain('东坡区')
  })

  it('lists each subscription with its topics and removes the one the consumer picks', async () => {
    const user = harness.bot().user()
    const id = await subscribedToStreet(user)
    await user.press(subscriptionData('t', id, 'c', 'FOOD_PACKAGED'))
    await user.press(subscriptionData('d', STREET, 0))
    await user.press(subscriptionData('a', DONGPO.community))
    const list = await user.send('/subscriptions')
    expect(shown(list)).toBe(
      '您订阅的地区：\n1. 东坡区 › 通惠街道（预包装食品）\n2. 东坡区 › 通惠街道 › 诗书社区（全部类别）',
    )
    expect(labels(list)).toEqual(['取消第1个', '取消第2个', '➕ 订阅一个地区'])
    const removed = await user.press(subscriptionData('x', id))
    expect(shown(removed)).toBe('您订阅的地区：\n1. 东坡区 › 通惠街道 › 诗书社区（全部类别）')
    // The same button again, or one forged with another's subscription: nothing to remove.
    expect(alert(await user.press(subscriptionData('x', id)))).toBe('这个订阅已经取消，或不属于您。')
  })
})

describe('/subscribe', () => {
  it('narrows a subscription to topics picked in the category tree, and back to every topic', async () => {
    const user = harness.bot().user()
    const id = await subscribedToStreet(user)
    const kinds = await user.press(subscriptionData('t', id))
    expect(shown(kinds)).toContain('请选择要接收的类别')
    const groups = await user.press(subscriptionData('t', id, 'k', 'GOODS', 0))
    expect(labels(groups)).toContain('食品')
    const leaves = await user.press(subscriptionData('t', id, 'g', 'GOODS_FOOD'))
    expect(labels(leaves)).toContain('预包装食品')
    await user.press(subscriptionData('t', id, 'c', 'FOOD_PACKAGED'))
    const two = await user.press(subscriptionData('t', id, 'c', 'GOODS_FOOD'))
    expect(shown(two)).toContain('类别：预包装食品、食品')
    expect(labels(two)).toContain('接收全部类别')
    // A topic chosen twice is kept once.
    expect(shown(await user.press(subscriptionData('t', id, 'c', 'GOODS_FOOD')))).toContain('类别：预包装食品、食品')
    const every = await user.press(subscriptionData('all', id))
    expect(shown(every)).toContain('类别：全部类别')
    expect(labels(every)).not.toContain('接收全部类别')
    const done = await user.press(subscriptionData('ok'))
    expect(callsOf(done, 'editMessageReplyMarkup')).toHaveLength(1)
    expect(shown(done)).toContain('/subscriptions 可以查看和取消订阅')
  })

  it(`keeps at most ${MAX_TOPICS} topics and refuses a code that is no topic`, async () => {
    const user = harness.bot().user()
    const id = await subscribedToStreet(user)
    const topics = [
      'GOODS_FOOD',
      'GOODS_APPLIANCES',
      'GOODS_VEHICLES',
      'GOODS_ELECTRONICS',
      'GOODS_CLOTHING',
      'GOODS_COSMETICS',
      'GOODS_MEDICAL',
      'GOODS_DAILY',
      'GOODS_HOUSING',
      'SERVICE_PREPAID',
      'SERVICE_EDUCATION',
    ]
    for (const code of topics) await user.press(subscriptionData('t', id, 'c', code))
    const stored = await db().warningSubscription.findUniqueOrThrow({ where: { id } })
    expect(stored.categories).toEqual(topics.slice(0, MAX_TOPICS))
    expect(alert(await user.press(subscriptionData('t', id, 'c', 'NOT_A_TOPIC')))).toBe(
      '这个订阅已经取消，或不属于您。',
    )
  })

  it('says so when the area is subscribed already, and refuses an area that does not exist', async () => {
    const user = harness.bot().user()
    await subscribedToStreet(user)
    await user.send('/subscribe')
    expect(shown(await user.press(subscriptionData('a', STREET)))).toContain('您已订阅：东坡区 › 通惠街道')
    expect(alert(await user.press(subscriptionData('a', '999999')))).toBe('这个订阅已经取消，或不属于您。')
  })

  it('does not let one consumer change or remove another’s subscription with forged buttons, nor act on an unknown one', async () => {
    const owner = harness.bot().user()
    const id = await subscribedToStreet(owner)
    const other = harness.bot().user()
    await other.send('/subscribe')
    for (const data of [
      subscriptionData('t', id),
      subscriptionData('t', id, 'c', 'FOOD_PACKAGED'),
      subscriptionData('all', id),
      subscriptionData('x', id),
      subscriptionData('zz'),
    ])
      expect(alert(await other.press(data))).toBe('这个订阅已经取消，或不属于您。')
    expect(alert(await other.press(unsubscribeCallback.encode({ subscriptionId: id })))).toContain('无需再取消')
    expect(await db().warningSubscription.findUniqueOrThrow({ where: { id } })).toMatchObject({ categories: [] })
  })
})

describe('the offer after a filing', () => {
  it('is asked once: a consumer who says no is not asked again, and another’s complaint is refused', async () => {
    const app = harness.app()
    await createStation(db(), DONGPO)
    const user = harness.bot().user()
    await user.send('/start')
    const person = await personOf(user)
    const complaintId = await fileAndRoute(app.services, person.id, DONGPO)
    const subscriptions = app.services.warnings.subscriptions
    expect(await subscriptions.offerWanted(person.id, DONGPO.grid)).toBe(true)
    const no = await user.press(warningOfferCallback.encode({ accept: false, complaintId }))
    expect(alert(no)).toContain('不会再询问')
    expect(await subscriptions.offerWanted(person.id, DONGPO.grid)).toBe(false)
    expect(await db().warningSubscription.count({ where: { personId: person.id } })).toBe(0)

    // Someone else's complaint: the area is never taken from the button.
    const stranger = harness.bot().user()
    await stranger.send('/start')
    const forged = await stranger.press(warningOfferCallback.encode({ accept: true, complaintId }))
    expect(alert(forged)).toBe('这个按钮已失效，请重新操作。')
  })
})
