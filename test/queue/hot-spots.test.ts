import type { Message } from 'grammy/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestGroup } from '../../src/simulator/bot-api/index.ts'
import { hotSpotCallback } from '../../src/telegram/callback-data/hot-spot.ts'
import { AREAS, createDeliveryWorld, type DeliveryWorld, eventually } from './support/delivery-world.ts'

let world: DeliveryWorld
const db = () => world.app.database.db

beforeAll(async () => {
  // The product's defaults (test/support/app.ts turns hot spots off for the other files).
  world = await createDeliveryWorld({ env: { HOT_SPOT_THRESHOLD: '5', HOT_SPOT_WINDOW_DAYS: '30' } })
  await world.startWorkers()
})
afterAll(async () => {
  await world.close()
})

const suggestionsIn = (group: TestGroup) =>
  group.messages().filter((message: Message) => (message.text ?? '').includes('投诉热点'))

const draftButtonOf = (message: Message) =>
  message.reply_markup?.inline_keyboard.flat().find((button) => 'callback_data' in button)

/** Files a complaint and resolves once its hot-spot check has run (its card is posted before). */
async function fileAndCheck(areaCode: string, respondentName: string, categoryCode: string): Promise<string> {
  const { personId } = await world.consumer()
  const id = await world.file(personId, { areaCode }, { respondentName, categoryCode })
  await eventually(async () => {
    const entry = await db().outboxEntry.findUnique({ where: { jobId: `hot-spot-${id}` } })
    if (entry?.status !== 'DONE') throw new Error('hot-spot check not done yet')
  }, 20_000)
  return id
}

describe('hot-spot suggestions', () => {
  it('fire once at the fifth complaint about one business within 30 days, and not again for it', async () => {
    const center = world.stations.dongpoCenter.group!
    // The same shop however it was typed; a different category each time, so only the business pattern is hot.
    const names = ['老王水果店', '老王 水果店', '老王水果店 ', '老王水果店', '老王水果店']
    const categories = ['FOOD_BULK', 'FOOD_AGRICULTURAL', 'FOOD_DAIRY_INFANT', 'FOOD_BEVERAGE_ALCOHOL', 'FOOD_HEALTH']
    for (let index = 0; index < 4; index++) await fileAndCheck(AREAS.grid4, names[index]!, categories[index]!)
    expect(suggestionsIn(center)).toHaveLength(0)

    await fileAndCheck(AREAS.grid4, names[4]!, categories[4]!)
    const [suggestion] = suggestionsIn(center)
    expect(suggestionsIn(center)).toHaveLength(1)
    expect(suggestion!.text).toContain('老王水果店')
    expect(suggestion!.text).toContain('（东坡区）')
    expect(suggestion!.text).toContain('近30天内')
    expect(suggestion!.text).toContain('5件')
    // It names the pattern, never a complainant.
    expect(suggestion!.text).not.toContain('王小明')
    const button = draftButtonOf(suggestion!)
    expect(button?.text).toContain('起草消费警示')
    expect(hotSpotCallback.decode((button as { callback_data: string }).callback_data)).toBeDefined()

    await fileAndCheck(AREAS.grid4, '老王水果店', 'FOOD_OTHER')
    expect(suggestionsIn(center)).toHaveLength(1)
    expect(await db().hotSpotSuggestion.count({ where: { kind: 'BUSINESS' } })).toBe(1)
  })

  it('fire for one category in one street across different shops, at the station of the fifth complaint', async () => {
    const shops = ['一号电器行', '二号电器行', '三号电器行', '四号电器行', '五号电器行']
    const places = [AREAS.grid1, AREAS.grid2, AREAS.grid3, AREAS.dongguan, AREAS.shishu]
    for (let index = 0; index < 5; index++) await fileAndCheck(places[index]!, shops[index]!, 'APPLIANCE_SMALL')
    // The fifth (诗书社区) is the 诗书社区 liaison station's.
    const [suggestion] = suggestionsIn(world.stations.shishu.group!)
    expect(suggestion?.text).toContain('东坡区通惠街道')
    expect(suggestion?.text).toContain('「生活小家电」')
    expect(suggestion?.text).toContain('5件')
    const elsewhere = [world.stations.grid1, world.stations.tonghui, world.stations.dongpoCenter]
    for (const station of elsewhere)
      expect(suggestionsIn(station.group!).filter((m) => (m.text ?? '').includes('生活小家电'))).toHaveLength(0)
  })

  it('count only the complaints within the window', async () => {
    const old = []
    for (let index = 0; index < 4; index++) old.push(await fileAndCheck(AREAS.grid4, '陈记理发店', 'FOOD_PACKAGED'))
    // Four of them were filed 31 days ago: the fifth within the window is only the second that counts.
    await db().complaint.updateMany({
      where: { id: { in: old } },
      data: { submittedAt: new Date(Date.now() - 31 * 24 * 60 * 60 * 1000) },
    })
    await fileAndCheck(AREAS.grid4, '陈记理发店', 'FOOD_PACKAGED')
    expect(await db().hotSpotSuggestion.count({ where: { businessName: '陈记理发店' } })).toBe(0)
  })
})
