import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBotUnderTest, type BotUnderTest } from '../support/bot-under-test.ts'

let harness: BotUnderTest
beforeAll(async () => { harness = await startBotUnderTest() })
afterAll(async () => { await harness.close() })

describe('/stats', () => {
  it('shows a station’s yearly figures in its group to its staff, and refuses others', async () => {
    const db = harness.app.database.db
    const staff = harness.tg.user({ firstName: '张主任', languageCode: 'zh-hans' })
    const stranger = harness.tg.user({ firstName: 'Visitor', languageCode: 'en' })
    const group = harness.tg.group({ title: '通惠联络站工单群', members: [staff, stranger], botIsAdmin: true })
    const station = await db.station.create({ data: { code: 'STATS-1', kind: 'COMMUNITY_LIAISON_STATION', name: '通惠联络站', chatId: BigInt(group.id) } })
    const staffPerson = await harness.app.services.people.identify({ telegramId: staff.id, firstName: '张主任' })
    const consumer = await harness.app.services.people.identify({ telegramId: 424242, firstName: 'c' })
    await db.membership.create({ data: { personId: staffPerson.id, stationId: station.id, role: 'STAFF' } })
    const year = new Date().getUTCFullYear()
    const base = { kind: 'COMPLAINT' as const, consumerId: consumer.id, locale: 'zh-CN', respondentName: 'Shop', facts: 'facts of the case', rule: 'ORDER_121' as const, stationId: station.id }
    await db.complaint.create({ data: { ...base, trackingNumber: 'MS-STATS-1', formId: 's1', status: 'CLOSED', closingOutcome: 'RESOLVED', recoveredFen: 12050n, satisfaction: 5 } })
    await db.complaint.create({ data: { ...base, trackingNumber: 'MS-STATS-2', formId: 's2', kind: 'INQUIRY', status: 'ANSWERED' } })

    await staff.sendInGroup(group, '/stats')
    const figures = await group.waitForText(`${year} 年工作统计`)
    expect(figures.text).toContain('接受咨询 1 人次；处理投诉 1 件')
    expect(figures.text).toContain('¥120.50')
    expect(figures.text).toContain('满意度 5/5')

    await stranger.sendInGroup(group, '/stats')
    await group.waitForText('Only station staff can read statistics.')
  })
})
