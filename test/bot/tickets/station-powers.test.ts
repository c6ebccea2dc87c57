import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RuntimeInProcess } from '../../support/runtime-in-process.ts'
import { createStation } from '../../support/world.ts'
import {
  addStaff,
  cardOf,
  cardShows,
  consumer,
  file,
  offers,
  pressOnCard,
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

async function snapshot(complaintId: string) {
  const complaint = await db().complaint.findUniqueOrThrow({ where: { id: complaintId } })
  return { complaint, events: await db().complaintEvent.count({ where: { complaintId } }) }
}

const REFUSED_FOR_STATION =
  '这是市场监管部门（县级12315投诉举报中心或市场监管所）的法定职权，本站不能办理，未做任何更改。请上报市场监管部门。'

describe('a community liaison station and the 市场监管所 above it', () => {
  it('refuses the formal acts to the community station by button or forged data, then the 所 takes them after escalation', async () => {
    const community = await stationWorld(harness, { kind: 'COMMUNITY_LIAISON_STATION', staffName: '社区站员工' })
    const officeStaff = harness.tg.user({ firstName: '市场监管所员工', languageCode: 'zh-hans', startedBot: true })
    const officeGroup = harness.tg.group({ title: '通惠市场监管所工单群', members: [officeStaff], botIsAdmin: true })
    const office = await createStation(db(), community.region, {
      kind: 'MARKET_SUPERVISION_OFFICE',
      chatId: officeGroup.id,
    })
    await addStaff(harness, office, officeStaff)
    const { user, personId } = await consumer(harness, 'zh-hans')
    const ticket = await file(harness, personId, community.region, { violation: '销售过期食品' })

    const card = await cardOf(community.group, ticket.trackingNumber)
    for (const code of ['ac', 'rj', 'md', 'fc']) expect(offers(card, code), code).toBe(false)
    expect(offers(card, 'es')).toBe(true)
    expect(card.text).not.toContain('受理决定期限')
    expect(card.text).toContain('就地化解目标')
    const told = await user.waitFor(
      (m) =>
        (m.text ?? '').includes(ticket.trackingNumber) &&
        (m.text ?? '').includes('法律规定的办理期限从市场监管部门收到您的投诉之日起计算'),
      SLOW,
    )
    expect(told.text).not.toContain('受理决定')

    const before = await snapshot(ticket.id)
    for (const code of ['ac', 'rj', 'md', 'fc']) {
      const forged = await community.staff.pressData(card.message_id, `t:${code}:${ticket.id}`, {
        in: community.group,
        ...SLOW,
      })
      expect(forged, code).toMatchObject({ show_alert: true, text: REFUSED_FOR_STATION })
    }
    expect(await snapshot(ticket.id)).toEqual(before)

    await pressOnCard(community.staff, community.group, card, 'es')
    const prompt = await community.group.waitForText('请回复上报', SLOW)
    await community.staff.sendInGroup(community.group, '商家拒绝协商', { replyTo: prompt })
    const officeCard = await cardOf(officeGroup, ticket.trackingNumber)
    expect(officeCard.text).toContain('受理决定期限：')
    expect(offers(officeCard, 'ac')).toBe(true)
    await pressOnCard(officeStaff, officeGroup, officeCard, 'ac')
    await cardShows(officeGroup, officeCard, '已受理：市场监管所员工')
    const stored = await db().complaint.findUniqueOrThrow({ where: { id: ticket.id } })
    expect([stored.status, stored.stationId, stored.bureauReceivedAt !== null]).toEqual(['ACCEPTED', office.id, true])
  })

  it('tells the community station when no bureau station covers the ticket, instead of escalating it nowhere', async () => {
    const community = await stationWorld(harness, { kind: 'COMMUNITY_LIAISON_STATION', staffName: '孤站员工' })
    const { personId } = await consumer(harness, 'zh-hans')
    const ticket = await file(harness, personId, community.region)
    const card = await cardOf(community.group, ticket.trackingNumber)
    const before = await snapshot(ticket.id)
    const answer = await community.staff.pressData(card.message_id, `t:es:${ticket.id}`, {
      in: community.group,
      ...SLOW,
    })
    expect(answer).toMatchObject({
      show_alert: true,
      text: '没有覆盖此工单的市场监管部门站点（市场监管所或县级12315投诉举报中心），无法上报，未做任何更改。请联系管理员配置站点。',
    })
    expect(await snapshot(ticket.id)).toEqual(before)
  })
})
