import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RuntimeInProcess } from '../../support/runtime-in-process.ts'
import {
  acceptedComplaint,
  cardOf,
  cardShows,
  cardText,
  consumer,
  file,
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

const LANGUAGES = [
  {
    code: 'en' as const,
    locale: 'en',
    statuses: {
      RECEIVED: 'received by the station',
      ACCEPTED: 'accepted',
      MEDIATING: 'in mediation',
      AGREED: 'agreement reached',
      CLOSED: 'closed',
    },
    thanks: 'Thank you! You rated',
    commentSaved: 'your comment on',
  },
  {
    code: 'zh-hans' as const,
    locale: 'zh-CN',
    statuses: {
      RECEIVED: '已分派至承办站点',
      ACCEPTED: '已受理',
      MEDIATING: '调解中',
      AGREED: '已达成调解协议',
      CLOSED: '已办结',
    },
    thanks: '谢谢！您给',
    commentSaved: '您对',
  },
]

describe('a complaint from filing to rating', () => {
  for (const language of LANGUAGES) {
    it(`is accepted, mediated, agreed with ¥120.50 recovered, closed and rated 5, every step told to the consumer (${language.locale})`, async () => {
      const world = await stationWorld(harness)
      const { user, personId } = await consumer(harness, language.code)
      const ticket = await file(harness, personId, world.region, { locale: language.locale })
      const statusMessage = (status: string) =>
        user.waitFor((m) => (m.text ?? '').includes(ticket.trackingNumber) && (m.text ?? '').includes(status), {
          ...SLOW,
          description: `the status “${status}”`,
        })

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
      const rating = await user.waitFor(
        (m) =>
          Boolean(
            m.reply_markup?.inline_keyboard
              .flat()
              .some((b) => 'callback_data' in b && b.callback_data.startsWith('rate:5:')),
          ),
        SLOW,
      )
      await user.press('⭐⭐⭐⭐⭐', { inMessage: rating })
      await user.waitForText(language.thanks, SLOW)
      await user.send('处理很及时，谢谢！')
      await user.waitForText(language.commentSaved, SLOW)
      await cardShows(world.group, card, '评价意见：“处理很及时，谢谢！”')
      expect(world.group.message(card.message_id)?.text).toContain('⭐⭐⭐⭐⭐ 5/5')

      const stored = await db().complaint.findUniqueOrThrow({ where: { id: ticket.id } })
      expect([
        stored.status,
        stored.recoveredFen,
        stored.closingOutcome,
        stored.satisfaction,
        stored.satisfactionComment,
      ]).toEqual(['CLOSED', 12050n, 'RESOLVED', 5, '处理很及时，谢谢！'])
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
    const { world, user, ticket, card } = await acceptedComplaint(harness)
    await pressOnCard(world.staff, world.group, card, 'em')
    await world.group.waitForText('请选择依据', SLOW)
    await world.staff.press(/投诉人或者被投诉人死亡或者终止/, { in: world.group })
    await user.waitForText('调解终止', SLOW)
    await cardShows(world.group, card, '依据：投诉人或者被投诉人死亡或者终止（第二十三条第一款第（七）项）')
    await pressOnCard(world.staff, world.group, card, 'cl')
    await user.waitForText('已办结', SLOW)
    expect((await db().complaint.findUniqueOrThrow({ where: { id: ticket.id } })).closingOutcome).toBe('UNRESOLVED')
  })

  for (const language of [
    {
      code: 'en' as const,
      locale: 'en',
      escalated: 'passed on to the market regulation bureau',
      phone: 'Phone: 028-38100315',
    },
    {
      code: 'zh-hans' as const,
      locale: 'zh-CN',
      escalated: '已上报市场监管部门',
      phone: '电话：028-38100315',
    },
  ]) {
    it(`escalates with a reason to the county 12315 center, whose group gets the card and whose name and phone the consumer is told (${language.locale})`, async () => {
      const world = await stationWorld(harness, { kind: 'COMMUNITY_LIAISON_STATION' })
      const centerGroup = harness.tg.group({ title: '东坡区12315中心', botIsAdmin: true })
      const { createStation } = await import('../../support/world.ts')
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

  it('takes a 诉转案 case 核查 → 立案 → decided with ¥30,000.00 罚没 from the card; the consumer hears of their own complaint; /stats counts no report', async () => {
    const world = await stationWorld(harness)
    const { user, personId } = await consumer(harness, 'zh-hans')
    const ticket = await file(harness, personId, world.region, { violation: '销售过期食品' })
    const card = await cardOf(world.group, ticket.trackingNumber)
    const told = (text: string) =>
      user.waitFor((m) => (m.text ?? '').includes(`您投诉的 ${ticket.trackingNumber} 涉及的违法行为${text}`), {
        ...SLOW,
        description: text,
      })
    await pressOnCard(world.staff, world.group, card, 'ac')
    await cardShows(world.group, card, '已受理：张主任')

    await pressOnCard(world.staff, world.group, card, 'fc')
    const caseNumber = `${ticket.trackingNumber}-AJ`
    await world.group.waitForText(`案件 ${caseNumber}（源自 ${ticket.trackingNumber}）：核查中`, SLOW)
    await cardShows(world.group, card, `⚖️ 案件 ${caseNumber}：核查中`)
    await told('已移送核查')

    await pressOnCard(world.staff, world.group, card, 'cf')
    const approval = await world.group.waitForText('立案的审批意见', SLOW)
    await world.staff.sendInGroup(world.group, '经局负责人批准立案', { replyTo: approval })
    await cardShows(world.group, card, `⚖️ 案件 ${caseNumber}：已立案`)
    await told('已立案调查')

    await pressOnCard(world.staff, world.group, card, 'cd')
    const amount = await world.group.waitForText('罚没金额（元）', SLOW)
    await world.staff.sendInGroup(world.group, '30000', { replyTo: amount })
    await cardShows(world.group, card, '罚没金额：¥30,000.00')
    await told('，市场监管部门已依法作出行政处罚决定')
    expect(cardText(world.group, card)).toContain('状态：已受理')

    // The consumer never sees a report, nor a number they do not know.
    const toConsumer = user
      .messages()
      .map((m) => m.text ?? '')
      .join('\n')
    expect(toConsumer).not.toContain('-AJ')
    expect(toConsumer).not.toContain('您的举报')
    expect(await db().complaint.count({ where: { consumerId: personId } })).toBe(1)

    await world.staff.sendInGroup(world.group, '/stats')
    const stats = await world.group.waitForText('工作统计', SLOW)
    expect(stats.text).toContain('举报 0 件')
    expect(stats.text).toContain('诉转案 1 件，罚没金额 ¥30,000.00')
    expect(stats.text).toContain('立案 1 件（含诉转案）')
    expect(stats.text).toContain('罚没金额 ¥30,000.00')
  })
})
