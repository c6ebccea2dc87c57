import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../support/app.ts'
import { createPerson, createRegion, type Region } from '../../support/world.ts'

let app: TestApp
let region: Region
beforeAll(async () => {
  app = await createTestApp()
  region = await createRegion(app.database.db)
})
afterAll(async () => {
  await app.close()
})

const subscriptions = () => app.services.warnings.subscriptions

describe('whether a consumer is offered the warnings of an area after a filing', () => {
  it('offers them to a consumer with no subscription and no earlier "no"', async () => {
    const consumer = await createPerson(app.services, '王小明')
    expect(await subscriptions().offerWanted(consumer.id, region.grid)).toBe(true)
  })

  it('does not offer what a subscription to the area or to an area above it already brings', async () => {
    const ofTheGrid = await createPerson(app.services, '李华')
    await subscriptions().subscribe(ofTheGrid.id, region.grid)
    expect(await subscriptions().offerWanted(ofTheGrid.id, region.grid)).toBe(false)
    // The other grid of the same community is not covered by a subscription to the first grid.
    expect(await subscriptions().offerWanted(ofTheGrid.id, region.otherGrid)).toBe(true)

    const ofTheDistrict = await createPerson(app.services, '张伟')
    await subscriptions().subscribe(ofTheDistrict.id, region.district)
    expect(await subscriptions().offerWanted(ofTheDistrict.id, region.grid)).toBe(false)
    expect(await subscriptions().offerWanted(ofTheDistrict.id, region.community)).toBe(false)
  })

  it('never asks again once the consumer said no, whatever the area', async () => {
    const consumer = await createPerson(app.services, '赵敏')
    await subscriptions().declineOffer(consumer.id)
    expect(await subscriptions().offerWanted(consumer.id, region.grid)).toBe(false)
    expect(await subscriptions().offerWanted(consumer.id, region.district)).toBe(false)
  })

  it('does not let another person’s subscription or "no" count', async () => {
    const subscriber = await createPerson(app.services, '周杰')
    const decliner = await createPerson(app.services, '吴昊')
    await subscriptions().subscribe(subscriber.id, region.district)
    await subscriptions().declineOffer(decliner.id)
    const neighbour = await createPerson(app.services, '郑爽')
    expect(await subscriptions().offerWanted(neighbour.id, region.grid)).toBe(true)
  })

  it('answers each of many consumers confirming at the same moment for themselves', async () => {
    const fresh = await createPerson(app.services, '孙丽')
    const covered = await createPerson(app.services, '钱勇')
    const declined = await createPerson(app.services, '冯婷')
    await subscriptions().subscribe(covered.id, region.community)
    await subscriptions().declineOffer(declined.id)
    const answers = await Promise.all([
      subscriptions().offerWanted(fresh.id, region.grid),
      subscriptions().offerWanted(covered.id, region.grid),
      subscriptions().offerWanted(declined.id, region.grid),
      subscriptions().offerWanted(covered.id, region.district),
      subscriptions().offerWanted(fresh.id, 'no-such-area'),
    ])
    expect(answers).toEqual([true, false, false, true, true])
  })
})
