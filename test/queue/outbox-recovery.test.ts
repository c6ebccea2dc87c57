import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { flushRedisPrefix } from '../support/redis.ts'
import { AREAS, createDeliveryWorld, type DeliveryWorld, eventually, ticketCardsIn } from './support/delivery-world.ts'

let world: DeliveryWorld
beforeAll(async () => {
  world = await createDeliveryWorld()
})
afterAll(async () => {
  await world.close()
})

describe('the outbox', () => {
  it('delivers a complaint whose jobs Redis lost right after confirm', async () => {
    const { user, personId } = await world.consumer()
    const complaintId = await world.file(personId, { areaCode: AREAS.grid1 })
    const db = world.app.database.db
    expect(await db.outboxEntry.findUniqueOrThrow({ where: { jobId: complaintId } })).toMatchObject({
      status: 'PENDING',
    })
    // What a FLUSHALL or a Redis restart without persistence does to this deployment's keys.
    expect(await flushRedisPrefix(world.app.redisPrefix)).toBeGreaterThan(0)
    expect(await world.app.services.outbox.sweep(new Date(), 60_000)).toBe(0) // not stale yet: nothing to do

    // Workers come up; the sweeper re-enqueues what has been pending past its (scaled-down) minute.
    await world.startWorkers({ sweeper: { intervalMs: 200, staleAfterMs: 1000 } })
    const tracking = (await db.complaint.findUniqueOrThrow({ where: { id: complaintId } })).trackingNumber
    await world.stations.grid1.group!.waitForText(tracking, { timeout: 20_000 })
    await user.waitForText(tracking, { timeout: 20_000 })
    await eventually(async () => expect(await db.outboxEntry.count({ where: { status: 'PENDING' } })).toBe(0))
    expect(ticketCardsIn(world.tg, world.stations.grid1.group!.id)).toHaveLength(1)
  })
})
