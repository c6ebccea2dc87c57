import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RuntimeInProcess } from '../../support/runtime-in-process.ts'
import {
  addStaff,
  cardOf,
  consumer,
  file,
  pressShowContact,
  SLOW,
  startTicketRuntime,
  stationWorld,
} from './ticket-world.ts'

let harness: RuntimeInProcess
const db = () => harness.app.database.db

beforeAll(async () => {
  harness = await startTicketRuntime()
})
afterAll(async () => {
  await harness.close()
})

const contactEvents = (complaintId: string) =>
  db().complaintEvent.findMany({ where: { complaintId, action: 'CONTACT_SHOWN' }, include: { actor: true } })

describe("the consumer's contact on a ticket card", () => {
  it('is masked for the group, sent in full privately to a handler who presses the button, and the access is logged', async () => {
    const world = await stationWorld(harness)
    const { personId } = await consumer(harness, 'en')
    const ticket = await file(harness, personId, world.region, { locale: 'en' })
    const card = await cardOf(world.group, ticket.trackingNumber)
    expect(card.text).toContain('联系人：王** *******5678')
    expect(card.text).not.toContain('王小明')
    expect(card.text).not.toContain('13812345678')

    const answer = await pressShowContact(world.staff, world.group, card)
    expect(answer.text).toBe(`已私信发送 ${ticket.trackingNumber} 的联系方式。`)
    const contact = await world.staff.waitForText('投诉人联系方式', SLOW)
    expect(contact.chat.type).toBe('private')
    expect(contact.text).toContain(ticket.trackingNumber)
    expect(contact.text).toContain('姓名：王小明')
    expect(contact.text).toContain('电话：+8613812345678')
    expect(world.group.history().some((m) => (m.text ?? '').includes('13812345678'))).toBe(false)
    const events = await contactEvents(ticket.id)
    expect(events.map((e) => [e.actor?.telegramId, e.actorRole])).toEqual([[BigInt(world.staff.id), 'STAFF']])
  })

  it("is sent as the reporter's contact to the bureau station handling a named report", async () => {
    const world = await stationWorld(harness, { staffName: '核查员' })
    const { personId } = await consumer(harness, 'zh-hans')
    const ticket = await file(harness, personId, world.region, { kind: 'REPORT' })
    const card = await cardOf(world.group, ticket.trackingNumber)
    await pressShowContact(world.staff, world.group, card)
    const contact = await world.staff.waitForText(`${ticket.trackingNumber} 举报人联系方式`, SLOW)
    expect(contact.text).toContain('姓名：王小明')
  })

  it('is refused, with an answer and nothing sent or logged, to a group member who does not handle the ticket and to a forged press', async () => {
    const world = await stationWorld(harness)
    const other = await stationWorld(harness, { staffName: '李站长' })
    const bystander = harness.tg.user({ firstName: 'Bystander', startedBot: true })
    world.group.setMember(bystander)
    const { personId } = await consumer(harness, 'zh-hans')
    const ticket = await file(harness, personId, world.region)
    const card = await cardOf(world.group, ticket.trackingNumber)

    const refused = await pressShowContact(bystander, world.group, card)
    expect(refused).toMatchObject({ text: '您不是本工单的办理人员，无权查看消费者的联系方式。', show_alert: true })
    // Staff of another station forging the button of this ticket on a message of their own group.
    const otherCard = await cardOf(other.group, (await file(harness, personId, other.region)).trackingNumber)
    const forged = await other.staff.pressData(otherCard.message_id, `sc:${ticket.id}`, { in: other.group, ...SLOW })
    expect(forged).toMatchObject({ text: '您不是本工单的办理人员，无权查看消费者的联系方式。', show_alert: true })

    await harness.tg.idle({ timeout: 10_000 })
    expect(bystander.history().some((m) => (m.text ?? '').includes('王小明'))).toBe(false)
    expect(other.staff.history().some((m) => (m.text ?? '').includes('王小明'))).toBe(false)
    expect(await contactEvents(ticket.id)).toEqual([])
  })

  it('tells a handler who never started the bot privately to open a private chat with it first', async () => {
    const world = await stationWorld(harness)
    const shy = harness.tg.user({ firstName: '赵干事', languageCode: 'zh-hans', startedBot: false })
    world.group.setMember(shy)
    await addStaff(harness, world.station, shy)
    const { personId } = await consumer(harness, 'zh-hans')
    const ticket = await file(harness, personId, world.region)
    const card = await cardOf(world.group, ticket.trackingNumber)

    const answer = await pressShowContact(shy, world.group, card)
    expect(answer.show_alert).toBe(true)
    expect(answer.text).toMatch(/^机器人无法私信您：请先打开与 @\S+ 的私聊并发送 \/start，再点此按钮。$/)
    expect(await contactEvents(ticket.id)).toEqual([])
  })
})
