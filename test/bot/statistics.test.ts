import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localDateOf } from '../../src/domain/calendar/local-date.ts'
import { type RuntimeInProcess, startRuntimeInProcess } from '../support/runtime-in-process.ts'

let harness: RuntimeInProcess
beforeAll(async () => {
  harness = await startRuntimeInProcess()
})
afterAll(async () => {
  await harness.close()
})

describe('/stats and /summary', () => {
  it('show a station’s figures in its group to its staff with charts and a Word summary, and refuse others', {
    timeout: 180_000,
  }, async () => {
    const db = harness.app.database.db
    const staff = harness.tg.user({ firstName: '张主任', languageCode: 'zh-hans' })
    const stranger = harness.tg.user({ firstName: 'Visitor', languageCode: 'en' })
    const group = harness.tg.group({ title: '通惠联络站工单群', members: [staff, stranger], botIsAdmin: true })
    const station = await db.station.create({
      data: { code: 'STATS-1', kind: 'COMMUNITY_LIAISON_STATION', name: '通惠联络站', chatId: BigInt(group.id) },
    })
    const other = await db.station.create({
      data: { code: 'STATS-2', kind: 'COMMUNITY_LIAISON_STATION', name: '苏祠联络站' },
    })
    const staffPerson = await harness.app.services.people.identify({ telegramId: staff.id, firstName: '张主任' })
    const consumer = await harness.app.services.people.identify({ telegramId: 424242, firstName: 'c' })
    await db.membership.create({ data: { personId: staffPerson.id, stationId: station.id, role: 'STAFF' } })
    const base = {
      kind: 'COMPLAINT' as const,
      consumerId: consumer.id,
      locale: 'zh-CN',
      respondentName: 'Shop',
      facts: 'facts of the case',
      rule: 'ORDER_121' as const,
      stationId: station.id,
    }
    await db.complaint.create({
      data: {
        ...base,
        trackingNumber: 'MS-STATS-1',
        formId: 's1',
        status: 'CLOSED',
        closingOutcome: 'RESOLVED',
        recoveredFen: 12050n,
        satisfaction: 5,
        categoryCode: 'FOOD_PACKAGED',
      },
    })
    await db.complaint.create({
      data: { ...base, trackingNumber: 'MS-STATS-2', formId: 's2', kind: 'INQUIRY', status: 'ANSWERED' },
    })
    const month = Number(localDateOf(new Date()).slice(5, 7))

    await staff.sendInGroup(group, '/stats')
    const figures = await group.waitForText(`${month}月 工作统计`, { timeout: 40_000 })
    expect(figures.text).toContain('接受咨询 1 人次')
    expect(figures.text).toContain('处理投诉举报 1 件')
    expect(figures.text).toContain('¥120.50')
    expect(figures.text).toContain('满意度 5/5')
    // Rendering charts takes seconds on a busy machine.
    await group.waitFor((m) => m.photo !== undefined, { description: 'a chart', timeout: 60_000 })

    await staff.sendInGroup(group, '/summary')
    await group.waitForText(/共接受各类消费咨询1人次，处理各类消费者投诉举报1件，为消费者挽回经济损失0.01万元/, {
      timeout: 60_000,
    })
    const document = await group.waitFor((m) => m.document !== undefined, { description: 'the .docx', timeout: 60_000 })
    expect(document.document?.file_name).toMatch(/工作总结\.docx$/)

    await staff.sendInGroup(group, '/stats 2026-13')
    await group.waitForText('没有看懂这个时间段', { timeout: 60_000 })

    // A forged button asking for another station's figures is refused on the server.
    const answer = await staff.pressData(figures.message_id, `st:s:Y2026:S${other.id}`, { in: group })
    expect(answer.text).toBe('只有站点工作人员可以查看统计。')
    expect((await staff.pressData(figures.message_id, 'st:s:Y2026:C', { in: group })).text).toBe(
      '只有站点工作人员可以查看统计。',
    )

    await stranger.sendInGroup(group, '/stats')
    await group.waitForText('Only station staff can read statistics.')
  })
})
