import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTranslator, type Translator } from '../../../src/i18n/translator.ts'
import { loadTicketCardView } from '../../../src/services/complaints/ticket-card-view.ts'
import { renderTicketCard } from '../../../src/telegram/render/ticket-card.ts'
import { createTestApp, type TestApp } from '../../support/app.ts'
import { addMembership, createPerson, createRegion, createStation, intakeOf, type Region } from '../../support/world.ts'

let app: TestApp
let translator: Translator
const db = () => app.database.db
const act = (complaintId: string, personId: number, action: string, input = {}, now?: Date) =>
  app.services.tickets.actOnTicket({ complaintId, personId, action, input }, now)

beforeAll(async () => {
  app = await createTestApp({ MAX_COMPLAINTS_PER_DAY: '100' })
  translator = await createTranslator('zh-CN')
})
afterAll(async () => {
  await app.close()
})

// 2026-09-28 is a Monday before the National Day holidays (10/1–7, make-up workday Sat 10/10), 10:00 in Shanghai.
const MONDAY_BEFORE_NATIONAL_DAY = new Date('2026-09-28T02:00:00Z')

/** Files and routes at `routedAt`; returns the complaint's id. */
async function fileAndRouteAt(
  region: Region,
  consumerId: number,
  routedAt: Date,
  options: Parameters<typeof intakeOf>[1] = {},
): Promise<string> {
  const filed = await app.services.filing.fileComplaint(intakeOf(region.grid, options), consumerId, routedAt)
  if (filed.status !== 'filed') throw new Error(`filing failed: ${filed.status}`)
  expect(filed.complaint.decisionDue).toBeNull()
  const routed = await app.services.routing.routeComplaint(filed.complaint.id, routedAt)
  if (routed.status !== 'routed') throw new Error(`routing failed: ${routed.status}`)
  return filed.complaint.id
}

/** A region with a community liaison station (covering the community) and a 市场监管所 (covering the street). */
async function twoTierWorld() {
  const region = await createRegion(db())
  const community = await createStation(db(), region, { chatId: 'fake', kind: 'COMMUNITY_LIAISON_STATION' })
  const office = await createStation(db(), region, { chatId: 'fake', kind: 'MARKET_SUPERVISION_OFFICE' })
  const communityStaff = await createPerson(app.services, '社区站员工')
  await addMembership(db(), communityStaff.id, community.id, 'STAFF')
  const liaison = await createPerson(app.services, '李网格员')
  await addMembership(db(), liaison.id, community.id, 'LIAISON', [region.grid])
  const officeStaff = await createPerson(app.services, '市场监管所员工')
  await addMembership(db(), officeStaff.id, office.id, 'STAFF')
  const consumer = await createPerson(app.services, '王小明')
  return { region, community, office, communityStaff, liaison, officeStaff, consumer }
}

async function snapshot(complaintId: string) {
  const complaint = await db().complaint.findUniqueOrThrow({ where: { id: complaintId } })
  return { complaint, events: await db().complaintEvent.count({ where: { complaintId } }) }
}

function card(complaintId: string, locale: 'zh-CN' | 'en' = 'zh-CN') {
  return loadTicketCardView(db(), complaintId).then((view) =>
    renderTicketCard(view, translator.forLocale(locale), { viewer: 'station' }),
  )
}

describe('who may take the formal acts', () => {
  it('refuses ACCEPT / REJECT / START_MEDIATION / FILE_CASE by community station staff and its 网格员, changing nothing', async () => {
    const w = await twoTierWorld()
    const id = await fileAndRouteAt(w.region, w.consumer.id, new Date(), { violation: '销售过期食品' })
    const before = await snapshot(id)
    expect(before.complaint.stationId).toBe(w.community.id)
    for (const action of ['ACCEPT', 'REJECT', 'START_MEDIATION', 'FILE_CASE']) {
      expect(await act(id, w.communityStaff.id, action, { ground: 'OUTSIDE_DUTIES' }), action).toEqual({
        status: 'refused',
        reason: 'NOT_ALLOWED_FOR_STATION',
      })
      expect(await act(id, w.liaison.id, action, { ground: 'OUTSIDE_DUTIES' }), action).toEqual({
        status: 'refused',
        reason: 'NOT_ALLOWED_FOR_STATION',
      })
    }
    const after = await snapshot(id)
    expect(after.complaint).toEqual(before.complaint)
    expect(after.events).toBe(before.events)
  })

  it('refuses the formal acts of every status to community staff, and lets the 所 take them after escalation', async () => {
    const w = await twoTierWorld()
    const id = await fileAndRouteAt(w.region, w.consumer.id, new Date(), { violation: '销售过期食品' })
    // Forced into ACCEPTED (as a forged card of another status would claim): community staff still may not mediate or file.
    await db().complaint.update({ where: { id }, data: { status: 'ACCEPTED' } })
    for (const action of ['START_MEDIATION', 'FILE_CASE', 'END_MEDIATION', 'CLOSE']) {
      expect(
        await act(id, w.communityStaff.id, action, { ground: 'AGREEMENT_IMPOSSIBLE', outcome: 'RESOLVED', note: 'x' }),
        action,
      ).toEqual({ status: 'refused', reason: 'NOT_ALLOWED_FOR_STATION' })
    }
    await db().complaint.update({ where: { id }, data: { status: 'RECEIVED' } })
    expect(await act(id, w.liaison.id, 'ESCALATE', { note: '商家拒绝协商' })).toMatchObject({
      status: 'done',
      to: 'ESCALATED',
    })
    expect((await db().complaint.findUniqueOrThrow({ where: { id } })).stationId).toBe(w.office.id)
    expect(await act(id, w.officeStaff.id, 'ACCEPT')).toMatchObject({ status: 'done', to: 'ACCEPTED' })
    expect(await act(id, w.officeStaff.id, 'START_MEDIATION')).toMatchObject({ status: 'done', to: 'MEDIATING' })
    expect(await act(id, w.officeStaff.id, 'FILE_CASE')).toMatchObject({ status: 'done' })
  })

  it('lets county-center staff take the formal acts on a complaint routed straight to the center', async () => {
    const region = await createRegion(db())
    const center = await createStation(db(), region, { chatId: 'fake', kind: 'COUNTY_CENTER' })
    const staff = await createPerson(app.services, '中心员工')
    await addMembership(db(), staff.id, center.id, 'STAFF')
    const consumer = await createPerson(app.services, '王小明')
    const id = await fileAndRouteAt(region, consumer.id, new Date())
    expect((await db().complaint.findUniqueOrThrow({ where: { id } })).bureauReceivedAt).not.toBeNull()
    expect(await act(id, staff.id, 'REJECT', { ground: 'OUTSIDE_DUTIES' })).toMatchObject({
      status: 'done',
      to: 'NOT_ACCEPTED',
    })
  })

  it('shows the community station no formal acts on its card, and the 所 the acceptance decision', async () => {
    const w = await twoTierWorld()
    const id = await fileAndRouteAt(w.region, w.consumer.id, new Date())
    const labels = (c: Awaited<ReturnType<typeof card>>) =>
      c.reply_markup.inline_keyboard.flat().map((button) => button.text)
    const communityCard = await card(id)
    expect(labels(communityCard)).toEqual(expect.arrayContaining(['🤝 就地调解', '⬆️ 上报']))
    expect(labels(communityCard)).not.toContain('✅ 受理')
    expect(labels(communityCard)).not.toContain('❌ 不予受理')
    await act(id, w.communityStaff.id, 'ESCALATE', { note: '商家在网上经营' })
    expect(labels(await card(id))).toEqual(expect.arrayContaining(['✅ 受理', '❌ 不予受理']))
  })
})

describe('when the statutory clocks start', () => {
  it('starts no statutory clock at filing or at the community station, and the 7 working days on escalation to the 所', async () => {
    const w = await twoTierWorld()
    const filedAt = new Date('2026-09-21T02:00:00Z')
    const id = await fileAndRouteAt(w.region, w.consumer.id, filedAt)
    const atCommunity = await db().complaint.findUniqueOrThrow({ where: { id } })
    expect([atCommunity.bureauReceivedAt, atCommunity.decisionDueOn]).toEqual([null, null])
    // The local target: 10 working days from 2026-09-21 (Mid-Autumn 9/25, National Day 10/1–7, make-up Sat 10/10).
    expect(atCommunity.localTargetOn?.toISOString().slice(0, 10)).toBe('2026-10-12')
    const communityCard = (await card(id)).text
    expect(communityCard).not.toContain('受理决定期限')
    expect(communityCard).toContain('本站就地化解目标：<b>2026年10月12日周一</b>（工作目标，不是法定期限')

    expect(await act(id, w.liaison.id, 'ESCALATE', { note: '商家拒绝协商' }, MONDAY_BEFORE_NATIONAL_DAY)).toMatchObject(
      { status: 'done' },
    )
    const atOffice = await db().complaint.findUniqueOrThrow({ where: { id } })
    expect(atOffice.bureauReceivedAt).toEqual(MONDAY_BEFORE_NATIONAL_DAY)
    expect(atOffice.rule).toBe('ORDER_121')
    expect(atOffice.decisionDueOn?.toISOString().slice(0, 10)).toBe('2026-10-13')
    expect(atOffice.localTargetOn).toBeNull()
    const officeCard = (await card(id)).text
    expect(officeCard).toContain('受理决定期限：<b>2026年10月13日周二</b>')
    expect(officeCard).not.toContain('就地化解目标')
  })

  it('chooses the rule by the day the bureau received it, not the filing day', async () => {
    const w = await twoTierWorld()
    const id = await fileAndRouteAt(w.region, w.consumer.id, new Date('2026-04-10T02:00:00Z'))
    await act(id, w.liaison.id, 'ESCALATE', { note: '协商不成' }, new Date('2026-04-15T02:00:00Z'))
    expect((await db().complaint.findUniqueOrThrow({ where: { id } })).rule).toBe('ORDER_121')
  })
})

describe("a report's filing decision", () => {
  it('shows the 15-working-day filing decision (never an acceptance deadline), extended once by 15 with the note on the card', async () => {
    const region = await createRegion(db())
    const office = await createStation(db(), region, { chatId: 'fake', kind: 'MARKET_SUPERVISION_OFFICE' })
    const staff = await createPerson(app.services, '市场监管所员工')
    await addMembership(db(), staff.id, office.id, 'STAFF')
    const reporter = await createPerson(app.services, '王小明')
    const id = await fileAndRouteAt(region, reporter.id, MONDAY_BEFORE_NATIONAL_DAY, { kind: 'REPORT' })

    const first = (await card(id)).text
    expect(first).toContain('立案决定期限：<b>2026年10月23日周五</b>')
    expect(first).not.toContain('受理决定期限')
    expect(await act(id, staff.id, 'START_VERIFICATION')).toMatchObject({ status: 'done', to: 'VERIFYING' })
    expect(await act(id, staff.id, 'EXTEND_FILING_DECISION')).toMatchObject({
      status: 'needs-input',
      need: { kind: 'NOTE' },
    })
    expect(await act(id, staff.id, 'EXTEND_FILING_DECISION', { note: '经局长批准，2026-10-20' })).toMatchObject({
      status: 'done',
      to: 'VERIFYING',
    })
    const extended = (await card(id)).text
    expect(extended).toContain('立案决定期限：<b>2026年11月13日周五</b>')
    expect(extended).toContain('审批说明：经局长批准，2026-10-20')
    expect((await card(id)).reply_markup.inline_keyboard.flat().map((button) => button.text)).not.toContain(
      '⏩ 延长立案期限',
    )
    const before = await snapshot(id)
    expect(await act(id, staff.id, 'EXTEND_FILING_DECISION', { note: '再次延长' })).toEqual({
      status: 'refused',
      reason: 'ALREADY_EXTENDED',
    })
    expect(await snapshot(id)).toEqual(before)

    // A named reporter is told the decision within 5 working days of it.
    expect(
      await act(id, staff.id, 'NOT_FILE', { note: '未发现违法事实' }, new Date('2026-11-02T02:00:00Z')),
    ).toMatchObject({ status: 'done' })
    expect(
      (await db().complaint.findUniqueOrThrow({ where: { id } })).reporterNoticeDueOn?.toISOString().slice(0, 10),
    ).toBe('2026-11-09')
  })

  it('gives an inquiry no statutory deadline at a bureau station', async () => {
    const region = await createRegion(db())
    await createStation(db(), region, { chatId: 'fake', kind: 'COUNTY_CENTER' })
    const consumer = await createPerson(app.services, '王小明')
    const id = await fileAndRouteAt(region, consumer.id, MONDAY_BEFORE_NATIONAL_DAY, { kind: 'INQUIRY' })
    const stored = await db().complaint.findUniqueOrThrow({ where: { id } })
    expect([stored.bureauReceivedAt !== null, stored.decisionDueOn]).toEqual([true, null])
    expect((await card(id)).text).not.toMatch(/决定期限/)
  })
})
