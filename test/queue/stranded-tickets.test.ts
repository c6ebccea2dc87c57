import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AREAS, createDeliveryWorld, type DeliveryWorld } from './support/delivery-world.ts'

// Tickets whose station has no group the bot can post to when their card is due. The workers start in the first
// test, after it has routed a ticket and taken its station's group away.
let world: DeliveryWorld
let connection: Redis
let notify: Queue
beforeAll(async () => {
  world = await createDeliveryWorld()
  connection = new Redis(world.app.config.REDIS_URL, { maxRetriesPerRequest: null })
  notify = new Queue('notify', { connection, prefix: world.app.redisPrefix })
})
afterAll(async () => {
  await notify.close()
  connection.disconnect()
  await world.close()
})

const db = () => world.app.database.db
const trackingOf = async (complaintId: string) =>
  (await db().complaint.findUniqueOrThrow({ where: { id: complaintId } })).trackingNumber

describe('a ticket whose station has no group when its card is due', () => {
  it('goes to the county center with a note why, when the station was unbound after routing', async () => {
    const { user, personId } = await world.consumer()
    const complaintId = await world.file(personId, { areaCode: AREAS.grid1 })
    expect(await world.app.services.routing.routeComplaint(complaintId)).toMatchObject({
      status: 'routed',
      stationId: world.stations.grid1.id,
    })
    await db().station.update({ where: { id: world.stations.grid1.id }, data: { chatId: null, boundAt: null } })
    await world.startWorkers()

    const tracking = await trackingOf(complaintId)
    const card = await world.stations.dongpoCenter.group!.waitForText(tracking, { timeout: 15_000 })
    expect(card.text).toContain('诗书社区第1网格工作站尚未绑定 Telegram 群')
    expect(world.stations.grid1.group!.messages().some((m) => (m.text ?? '').includes(tracking))).toBe(false)
    const told = await user.waitForText('东坡区12315投诉举报中心', { timeout: 15_000 })
    expect(told.text).toContain(tracking)
    const complaint = await db().complaint.findUniqueOrThrow({ where: { id: complaintId } })
    expect(complaint.stationId).toBe(world.stations.dongpoCenter.id)
    expect(complaint.bureauReceivedAt).not.toBeNull()
  })

  it('tells every admin once when no center has a group either, and is delivered once the station binds one', async () => {
    await db().station.updateMany({
      where: { id: { in: [world.stations.dongpoCenter.id, world.stations.cityCenter.id] } },
      data: { chatId: null, boundAt: null },
    })
    const admin = world.tg.user({ startedBot: true, languageCode: 'zh-hans' })
    const adminPerson = await world.app.services.people.identify({ telegramId: admin.id, firstName: '赵管理' })
    await db().membership.create({
      data: { personId: adminPerson.id, stationId: world.stations.cityCenter.id, role: 'ADMIN' },
    })
    const { user, personId } = await world.consumer()
    const complaintId = await world.file(personId, { areaCode: AREAS.grid5 })
    const tracking = await trackingOf(complaintId)

    const alert = await admin.waitForText(tracking, { timeout: 15_000 })
    expect(alert.text).toContain('东关社区第2网格工作站')
    expect(alert.text).toContain('/bind DP-DONGGUAN-G2')
    // The card job keeps failing (and alerting) until a group is bound; the admin still has one message.
    const cardJob = `ticket-card-${complaintId}-${world.stations.unbound.id}`
    await expect
      .poll(async () => (await notify.getJob(cardJob))?.attemptsMade ?? 0, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(3)
    expect(admin.messages().filter((m) => (m.text ?? '').includes(tracking))).toHaveLength(1)
    expect((await db().complaint.findUniqueOrThrow({ where: { id: complaintId } })).stationId).toBe(
      world.stations.unbound.id,
    )

    // /bind, as the admin sends it in the station's new group: the waiting card goes out without waiting its turn.
    const group = world.tg.group({ title: '东关社区第2网格工作站', botIsAdmin: true })
    const bound = await world.app.services.access.bindStationGroup({
      personId: adminPerson.id,
      chatId: group.id,
      standing: { isAdmin: true, canManageTopics: true, canReadAllGroupMessages: true, isForum: false },
      station: { code: 'DP-DONGGUAN-G2' },
    })
    expect(bound.status).toBe('BOUND')
    await group.waitForText(tracking, { timeout: 15_000 })
    await user.waitForText('东关社区第2网格工作站', { timeout: 15_000 })
    expect(admin.messages().filter((m) => (m.text ?? '').includes(tracking))).toHaveLength(1)
  })
})
