import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notificationJob } from '../../src/services/notifications/registry.ts'
import { AREAS, createDeliveryWorld, type DeliveryWorld, ticketCardsIn } from './support/delivery-world.ts'

let world: DeliveryWorld
let connection: Redis
let queue: Queue
beforeAll(async () => {
  world = await createDeliveryWorld()
  await world.startWorkers()
  connection = new Redis(world.app.config.REDIS_URL, { maxRetriesPerRequest: null })
  queue = new Queue('notify', { connection, prefix: world.app.redisPrefix })
})
afterAll(async () => {
  await queue.close()
  connection.disconnect()
  await world.close()
})

describe('notify job payloads', () => {
  it('fails a job whose payload its kind does not accept at once, without retrying or sending anything', async () => {
    const before = world.tg.calls().length
    await queue.add('notify', { type: 'ticket-card', complaintId: 42 }, { jobId: 'bad-payload-1' })
    await queue.add('notify', { type: 'no-such-kind', complaintId: 'x' }, { jobId: 'bad-payload-2' })
    await expect
      .poll(
        async () =>
          Promise.all(['bad-payload-1', 'bad-payload-2'].map(async (id) => (await queue.getJob(id))?.getState())),
        { timeout: 20_000 },
      )
      .toEqual(['failed', 'failed'])
    const failed = await queue.getJob('bad-payload-1')
    expect(failed?.attemptsMade).toBe(1)
    expect(failed?.failedReason).toMatch(/no valid notification: complaintId/)
    expect(
      world.tg
        .calls()
        .slice(before)
        .filter((call) => call.method === 'sendMessage'),
    ).toHaveLength(0)
  })

  it('delivers a job written before payloads carried a version as version 1', async () => {
    const { personId } = await world.consumer()
    const complaintId = await world.file(personId, { areaCode: AREAS.grid1 })
    const group = world.stations.grid1.group!
    await expect.poll(() => ticketCardsIn(world.tg, group.id).length, { timeout: 20_000 }).toBeGreaterThan(0)
    const job = notificationJob({ type: 'ticket-card-refresh', complaintId, eventId: '1' })
    expect(job.payload).toMatchObject({ v: 1, type: 'ticket-card-refresh' })
    const { v: _version, ...unversioned } = job.payload
    await queue.add('notify', unversioned, { jobId: 'unversioned-refresh' })
    await expect
      .poll(async () => (await queue.getJob('unversioned-refresh'))?.getState(), { timeout: 20_000 })
      .toBe('completed')
  })
})
