import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBotUnderTest, type BotUnderTest } from '../../support/bot-under-test.ts'
import { cardOf, cardShows, consumer, file, pressOnCard, SLOW, stationWorld, openFromMy } from './ticket-world.ts'

let harness: BotUnderTest
const db = () => harness.app.database.db

beforeAll(async () => { harness = await startBotUnderTest({ role: 'all', env: { MAX_COMPLAINTS_PER_DAY: '50' } }) })
afterAll(async () => { await harness.close() })

const LANGUAGES = [
  { code: 'en' as const, locale: 'en', statuses: { RECEIVED: 'received by the station', ACCEPTED: 'accepted', MEDIATING: 'in mediation', AGREED: 'agreement reached', CLOSED: 'closed' }, thanks: 'Thank you! You rated', commentSaved: 'your comment on' },
  { code: 'zh-hans' as const, locale: 'zh-CN', statuses: { RECEIVED: '已分派至承办单位', ACCEPTED: '已受理', MEDIATING: '调解中', AGREED: '已达成调解协议', CLOSED: '已办结' }, thanks: '谢谢！您给', commentSaved: '您对' },
]

describe('a complaint from filing to rating', () => {
  for (const language of LANGUAGES) {
    it(`is accepted, mediated, agreed with ¥120.50 recovered, closed and rated 5, every step told to the consumer (${language.locale})`, async () => {
      const world = await stationWorld(harness)
      const { user, personId } = await consumer(harness, language.code)
      const ticket = await file(harness, personId, world.region, { locale: language.locale })
      const statusMessage = (status: string) => user.waitFor((m) => (m.text ?? '').includes(ticket.trackingNumber) && (m.text ?? '').includes(status), { ...SLOW, description: `the status “${status}”` })

      const card = await cardOf(world.group, ticket.trackingNumber)
      await statusMessage(language.statuses.RECEIVED)

      expect((await pressOnCard(world.staff, world.group, card, 'ac')).text).toContain('已受理')
      await statusMessage(language.statuses.ACCEPTED)
      await cardShows(world.group, card, '已受理：张主任')

      await pressOnCard(world.staff, world.group, card, 'md')
      await statusMessage(language.statuses.MEDIATING)
      await cardShows(world.group, card, '开始调解：张主任')

      await pressOnCard(world.staff, world.group, card, 'ag')
      const prompt = await world.group.waitForText('挽回的经济损失', SLOW)
      await world.staff.sendInGroup(world.group, '120.50', { replyTo: prompt })
      await statusMessage(language.statuses.AGREED)
      await cardShows(world.group, card, '挽回经济损失：¥120.50')

      await pressOnCard(world.staff, world.group, card, 'cl')
      await statusMessage(language.statuses.CLOSED)
      const rating = await user.waitFor((m) => Boolean(m.reply_markup?.inline_keyboard.flat().some((b) => 'callback_data' in b && b.callback_data.startsWith('rate:5:'))), SLOW)
      await user.press('⭐⭐⭐⭐⭐', { inMessage: rating })
      await user.waitForText(language.thanks, SLOW)
      await user.send('处理很及时，谢谢！')
      await user.waitForText(language.commentSaved, SLOW)
      await cardShows(world.group, card, '评价意见：“处理很及时，谢谢！”')
      expect(world.group.message(card.message_id)?.text).toContain('⭐⭐⭐⭐⭐ 5/5')

      const stored = await db().complaint.findUniqueOrThrow({ where: { id: ticket.id } })
      expect([stored.status, stored.recoveredFen, stored.closingOutcome, stored.satisfaction, stored.satisfactionComment]).toEqual(['CLOSED', 12050n, 'RESOLVED', 5, '处理很及时，谢谢！'])
    })
  }
})

describe('other endings', () => {
  it('does not accept with a ground of the rule in force, and tells the consumer where else to turn', async () => {
    const world = await stationWorld(harness)
    const { user, personId } = await consumer(harness, 'en')
    const ticket = await file(harness, personId, world.region, { locale: 'en' })
    const card = await cardOf(world.group, ticket.trackingNumber)
    await pressOnCard(world.staff, world.group, card, 'rj')
    await world.group.waitForText('请选择依据（市场监管总局令第121号）', SLOW)
    await world.staff.press(/超过三年/, { in: world.group })
    const told = await user.waitFor((m) => (m.text ?? '').includes('not accepted'), SLOW)
    expect(told.text).toContain("consumers' association")
    // The ground as Order 121 words it, the article as Chinese texts write it.
    await cardShows(world.group, card, '依据：自知道或者应当知道权益受到侵害之日起超过三年（第十六条第（四）项）')
    expect((await db().complaint.findUniqueOrThrow({ where: { id: ticket.id } })).ground).toBe('TIME_BARRED')
  })

  it('ends a mediation with a ground, then closes it unresolved', async () => {
    const world = await stationWorld(harness)
    const { user, personId } = await consumer(harness, 'zh-hans')
    const ticket = await file(harness, personId, world.region)
    const card = await cardOf(world.group, ticket.trackingNumber)
    await pressOnCard(world.staff, world.group, card, 'ac')
    await cardShows(world.group, card, '已受理：张主任')
    await pressOnCard(world.staff, world.group, card, 'em')
    await world.group.waitForText('请选择依据', SLOW)
    await world.staff.press(/投诉人或者被投诉人死亡或者终止/, { in: world.group })
    await user.waitForText('调解终止', SLOW)
    await cardShows(world.group, card, '依据：投诉人或者被投诉人死亡或者终止（第二十三条第一款第（七）项）')
    await pressOnCard(world.staff, world.group, card, 'cl')
    await user.waitForText('已办结', SLOW)
    expect((await db().complaint.findUniqueOrThrow({ where: { id: ticket.id } })).closingOutcome).toBe('UNRESOLVED')
  })

  for (const language of [{ code: 'en' as const, locale: 'en', escalated: 'passed on to the county 12315 complaint and report center', phone: 'Phone: 028-38100315' },
    { code: 'zh-hans' as const, locale: 'zh-CN', escalated: '已上报县级12315投诉举报中心', phone: '电话：028-38100315' }]) {
    it(`escalates with a reason to the county 12315 center, whose group gets the card and whose name and phone the consumer is told (${language.locale})`, async () => {
      const world = await stationWorld(harness, { kind: 'COMMUNITY_LIAISON_STATION' })
      const centerGroup = harness.tg.group({ title: '东坡区12315中心', botIsAdmin: true })
      const { createStation } = await import('../../services/tickets/ticket-fixtures.ts')
      const center = await createStation(db(), world.region, { kind: 'COUNTY_CENTER', chatId: centerGroup.id })
      await db().station.update({ where: { id: center.id }, data: { phone: '028-38100315' } })
      const { user, personId } = await consumer(harness, language.code)
      const ticket = await file(harness, personId, world.region, { locale: language.locale })
      const card = await cardOf(world.group, ticket.trackingNumber)
      await pressOnCard(world.staff, world.group, card, 'es')
      const prompt = await world.group.waitForText('请回复上报', SLOW)
      await world.staff.sendInGroup(world.group, '商家在网上经营，不在本网格', { replyTo: prompt })
      const told = await user.waitForText(language.escalated, SLOW)
      expect(told.text).toContain(language.code === 'en' ? center.nameEn : center.name)
      expect(told.text).toContain(language.phone)
      expect(told.text).not.toContain('12315 中心')
      expect(told.text).not.toContain('商家在网上经营')
      await cardOf(centerGroup, ticket.trackingNumber)
      await cardShows(world.group, card, '已转交')
    })
  }

  it('converts a complaint with a violation into a case (诉转案) with its own tracking number', async () => {
    const world = await stationWorld(harness)
    const { user, personId } = await consumer(harness, 'en')
    const ticket = await file(harness, personId, world.region, { locale: 'en', violation: '销售过期食品' })
    const card = await cardOf(world.group, ticket.trackingNumber)
    await pressOnCard(world.staff, world.group, card, 'ac')
    await cardShows(world.group, card, '已受理：张主任')
    await pressOnCard(world.staff, world.group, card, 'fc')
    const opened = await db().complaint.findFirstOrThrow({ where: { originId: ticket.id } })
    await world.group.waitForText(`案件编号 ${opened.trackingNumber}`, SLOW)
    await user.waitFor((m) => (m.text ?? '').includes(opened.trackingNumber) && (m.text ?? '').includes('a case was filed'), SLOW)
    await cardShows(world.group, card, `已诉转案：${opened.trackingNumber}`)
    expect(opened).toMatchObject({ kind: 'REPORT', status: 'CASE_FILED' })
  })

  it('is withdrawn by the consumer from /my, and the card stops offering decisions', async () => {
    const world = await stationWorld(harness)
    const { user, personId } = await consumer(harness, 'en')
    const ticket = await file(harness, personId, world.region, { locale: 'en' })
    const card = await cardOf(world.group, ticket.trackingNumber)
    await openFromMy(user, ticket.trackingNumber)
    await user.press('↩️ Withdraw')
    await user.waitForText('The station will stop handling it', SLOW)
    await user.press('Yes, withdraw')
    await user.waitFor((m) => (m.text ?? '').includes(ticket.trackingNumber) && (m.text ?? '').includes(': withdrawn'), SLOW)
    await cardShows(world.group, card, '已撤回：消费者')
    const buttons = world.group.message(card.message_id)?.reply_markup?.inline_keyboard.flat() ?? []
    expect(buttons.map((b) => ('callback_data' in b ? b.callback_data.slice(0, 4) : '')).filter((data) => data.startsWith('t:'))).toEqual(['t:nt'])
  })

  it('is reopened with a reason after closing, back to accepted', async () => {
    const world = await stationWorld(harness)
    const { user, personId } = await consumer(harness, 'zh-hans')
    const ticket = await file(harness, personId, world.region)
    const card = await cardOf(world.group, ticket.trackingNumber)
    const staffPerson = await db().person.findUniqueOrThrow({ where: { telegramId: BigInt(world.staff.id) } })
    const act = (action: string, input = {}) => harness.app.services.tickets.actOnTicket({ complaintId: ticket.id, personId: staffPerson.id, action, input })
    await act('ACCEPT')
    await act('END_MEDIATION', { ground: 'AGREEMENT_IMPOSSIBLE' })
    await act('CLOSE')
    await cardShows(world.group, card, '已办结：张主任')
    await pressOnCard(world.staff, world.group, card, 'ro')
    const prompt = await world.group.waitForText('请回复重新办理', SLOW)
    await world.staff.sendInGroup(world.group, '商家未履行承诺', { replyTo: prompt })
    await cardShows(world.group, card, '已重新办理：张主任')
    await user.waitFor((m) => (m.text ?? '').includes('已受理') && m.message_id === user.lastMessage()?.message_id, SLOW)
    expect((await db().complaint.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('ACCEPTED')
  })
})
