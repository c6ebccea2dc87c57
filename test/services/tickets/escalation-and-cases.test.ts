import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localDateOf } from '../../../src/domain/calendar/local-date.ts'
import { yearPeriod } from '../../../src/domain/statistics/period.ts'
import { createTestApp, type TestApp } from '../../support/app.ts'
import { addMembership, createPerson, createStation, fileAndRoute, intakeOf } from '../../support/world.ts'
import { ticketActionKit } from './ticket-actions-kit.ts'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp({ MAX_COMPLAINTS_PER_DAY: '100' })
})
afterAll(async () => {
  await app.close()
})
const { db, world, act, snapshot, outboxTypes } = ticketActionKit(() => app)

describe('escalation, transfer and 诉转案', () => {
  it('escalates with a reason to the county 12315 center, which gets the card', async () => {
    const w = await world('COMMUNITY_LIAISON_STATION')
    const center = await createStation(db(), w.region, { kind: 'COUNTY_CENTER', chatId: 'fake' })
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    expect(await act(id, w.staff.id, 'ESCALATE')).toMatchObject({ status: 'needs-input', need: { kind: 'NOTE' } })
    expect(await act(id, w.staff.id, 'ESCALATE', { note: '商家在网上经营' })).toMatchObject({
      status: 'done',
      to: 'ESCALATED',
    })
    expect((await db().complaint.findUniqueOrThrow({ where: { id } })).stationId).toBe(center.id)
    const cards = await db().outboxEntry.findMany({ where: { jobId: `ticket-card-${id}-${center.id}` } })
    expect(cards).toHaveLength(1)
  })

  it('transfers a ticket to another bureau station with a reason; the old station loses access', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    // Created after routing: they would otherwise have been chosen.
    const other = await createStation(db(), w.region, { kind: 'MARKET_SUPERVISION_OFFICE', chatId: 'fake' })
    const community = await createStation(db(), w.region, { chatId: 'fake', label: '另一联络站' })
    const asked = await act(id, w.staff.id, 'TRANSFER')
    if (asked.status !== 'needs-input' || asked.need.kind !== 'TARGET_STATION')
      throw new Error('expected a station to be asked')
    expect(asked.need.stations.map((s) => s.id)).toContain(other.id)
    expect(asked.need.stations.map((s) => s.id)).not.toContain(w.station.id)
    expect(await act(id, w.staff.id, 'TRANSFER', { targetStationId: w.station.id })).toEqual({
      status: 'invalid-input',
      reason: 'TARGET_STATION_UNKNOWN',
    })
    // The 所 received it: its clocks run, and a liaison station could take none of the acts they time (§12).
    expect(asked.need.stations.map((s) => s.id)).not.toContain(community.id)
    const before = await snapshot(id)
    expect(await act(id, w.staff.id, 'TRANSFER', { targetStationId: community.id, note: '社区调解' })).toEqual({
      status: 'invalid-input',
      reason: 'TARGET_STATION_NOT_BUREAU',
    })
    expect(await snapshot(id)).toEqual(before)
    expect(await act(id, w.staff.id, 'TRANSFER', { targetStationId: other.id, note: '不在本辖区' })).toMatchObject({
      status: 'done',
      to: 'RECEIVED',
    })
    expect((await db().complaint.findUniqueOrThrow({ where: { id } })).stationId).toBe(other.id)
    expect(await act(id, w.staff.id, 'ACCEPT')).toEqual({ status: 'forbidden' })
  })

  it('lets an admin move a ticket a liaison station holds, but not take the bureau acts there', async () => {
    const w = await world('COMMUNITY_LIAISON_STATION')
    const admin = await createPerson(app.services, '赵管理')
    await addMembership(db(), admin.id, w.station.id, 'ADMIN')
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    const other = await createStation(db(), w.region, { chatId: 'fake', label: '另一联络站' })
    for (const formal of ['ACCEPT', 'REJECT'])
      expect(await act(id, admin.id, formal)).toEqual({ status: 'refused', reason: 'NOT_ALLOWED_FOR_STATION' })
    expect(await act(id, admin.id, 'TRANSFER', { targetStationId: other.id, note: '分派错误' })).toMatchObject({
      status: 'done',
      to: 'RECEIVED',
    })
    const moved = await db().complaint.findUniqueOrThrow({ where: { id } })
    expect(moved.stationId).toBe(other.id)
    // Still at a first-mile station: no statutory clock started.
    expect(moved.bureauReceivedAt).toBeNull()
  })

  it('routes a ticket by hand as the routing worker would: received now, with the local target or the bureau clock', async () => {
    const w = await world('COMMUNITY_LIAISON_STATION')
    const admin = await createPerson(app.services, '赵管理')
    await addMembership(db(), admin.id, w.station.id, 'ADMIN')
    const file = async () => {
      const filed = await app.services.filing.fileComplaint(intakeOf(w.region.grid), w.consumer.id)
      if (filed.status !== 'filed') throw new Error(`filing failed: ${filed.status}`)
      return filed.complaint.id
    }
    const local = await file()
    expect(await act(local, admin.id, 'ROUTE', { targetStationId: w.station.id })).toMatchObject({
      status: 'done',
      from: 'SUBMITTED',
      to: 'RECEIVED',
    })
    const atCommunity = await db().complaint.findUniqueOrThrow({ where: { id: local } })
    expect(atCommunity.stationId).toBe(w.station.id)
    expect([atCommunity.receivedAt !== null, atCommunity.localTargetOn !== null]).toEqual([true, true])
    expect([atCommunity.bureauReceivedAt, atCommunity.decisionDueOn]).toEqual([null, null])
    expect(await outboxTypes(local)).toContain('ticket-card')

    const office = await createStation(db(), w.region, { kind: 'MARKET_SUPERVISION_OFFICE', chatId: 'fake' })
    const bureau = await file()
    await act(bureau, admin.id, 'ROUTE', { targetStationId: office.id })
    const atOffice = await db().complaint.findUniqueOrThrow({ where: { id: bureau } })
    expect(atOffice.stationId).toBe(office.id)
    expect([atOffice.bureauReceivedAt !== null, atOffice.decisionDueOn !== null]).toEqual([true, true])
    expect(atOffice.localTargetOn).toBeNull()
  })

  it('refuses to escalate where no bureau station covers the ticket, before asking for the reason', async () => {
    const w = await world('COMMUNITY_LIAISON_STATION')
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    const before = await snapshot(id)
    expect(await act(id, w.staff.id, 'ESCALATE')).toEqual({ status: 'refused', reason: 'NO_ESCALATION_TARGET' })
    expect(await act(id, w.staff.id, 'ESCALATE', { note: '商家在网上经营' })).toEqual({
      status: 'refused',
      reason: 'NO_ESCALATION_TARGET',
    })
    expect(await snapshot(id)).toEqual(before)
  })

  it("does not show the consumer's name to a station that pressed after the consumer withdrew", async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    expect(await act(id, w.consumer.id, 'WITHDRAW')).toMatchObject({ status: 'done', to: 'WITHDRAWN' })
    const late = await act(id, w.staff.id, 'ACCEPT')
    expect(late).toMatchObject({ status: 'stale', currentStatus: 'WITHDRAWN', lastAction: { action: 'WITHDRAW' } })
    expect(late.status === 'stale' && late.lastAction?.actorName).toBeNull()
  })

  it('takes a 诉转案 case through 核查 → 立案 → decided with ¥30,000.00 罚没, never a ticket, not a received report', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region, { violation: '销售过期食品' })
    await act(id, w.staff.id, 'ACCEPT')
    const ticketCount = await db().complaint.count()
    const opened = await act(id, w.staff.id, 'FILE_CASE')
    expect(opened).toMatchObject({ status: 'done', from: 'ACCEPTED', to: 'ACCEPTED', case: { status: 'VERIFYING' } })
    expect(await db().complaint.count()).toBe(ticketCount)
    expect(await act(id, w.staff.id, 'FILE_CASE')).toMatchObject({ status: 'stale' })
    expect(await act(id, w.staff.id, 'CASE_DECIDE', { amountFen: 1 })).toMatchObject({ status: 'stale' })
    expect(await act(id, w.staff.id, 'CASE_FILE')).toMatchObject({ status: 'needs-input', need: { kind: 'NOTE' } })
    expect(await act(id, w.staff.id, 'CASE_FILE', { note: '经局负责人批准立案' })).toMatchObject({
      status: 'done',
      case: { status: 'FILED' },
    })
    expect(await act(id, w.staff.id, 'CASE_DECIDE')).toMatchObject({ status: 'needs-input', need: { kind: 'AMOUNT' } })
    expect(await act(id, w.staff.id, 'CASE_DECIDE', { amountFen: 3_000_000 })).toMatchObject({
      status: 'done',
      to: 'ACCEPTED',
      case: { status: 'DECIDED' },
    })

    const origin = await db().complaint.findUniqueOrThrow({ where: { id }, include: { enforcement: true } })
    expect(origin.status).toBe('ACCEPTED')
    expect(origin.enforcement).toMatchObject({
      caseNumber: `${origin.trackingNumber}-AJ`,
      originKind: 'COMPLAINT',
      status: 'DECIDED',
      stationId: w.station.id,
      filingNote: '经局负责人批准立案',
      penaltyFen: 3_000_000n,
    })
    const found = origin.enforcement!
    expect(found.openedAt <= found.filedAt! && found.filedAt! <= found.decidedAt!).toBe(true)
    expect(found.decisionDate?.toISOString().slice(0, 10)).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    // Every step is an event of the complaint, naming the case (events are append-only); each tells the consumer.
    const events = await db().complaintEvent.findMany({
      where: { complaintId: id, action: { in: ['FILE_CASE', 'CASE_FILE', 'CASE_DECIDE'] } },
      orderBy: { id: 'asc' },
    })
    expect(
      events.map((e) => [e.action, (e.data as { caseTo?: string }).caseTo, (e.data as { caseId?: string }).caseId]),
    ).toEqual([
      ['FILE_CASE', 'VERIFYING', found.id],
      ['CASE_FILE', 'FILED', found.id],
      ['CASE_DECIDE', 'DECIDED', found.id],
    ])
    expect(events[2]?.amountFen).toBe(3_000_000n)
    expect((await outboxTypes(id)).filter((type) => type === 'consumer-status')).toHaveLength(4)

    const stats = await app.services.statistics.forActor(
      w.staff.id,
      { scope: { level: 'STATION', stationId: w.station.id } },
      yearPeriod(Number(localDateOf(new Date()).slice(0, 4))),
    )
    if (!stats.ok) throw new Error('expected statistics')
    expect(stats.report.figures.current).toMatchObject({
      complaints: 1,
      reports: 0,
      casesFiled: 1,
      complaintCases: 1,
      penaltyFen: 3_000_000n,
    })
  })

  it('records a case not filed with its reason', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region, { violation: '虚假宣传' })
    await act(id, w.staff.id, 'ACCEPT')
    await act(id, w.staff.id, 'FILE_CASE')
    expect(await act(id, w.staff.id, 'CASE_NOT_FILE', { note: '证据不足' })).toMatchObject({
      status: 'done',
      case: { status: 'NOT_FILED' },
    })
    expect(await db().enforcementCase.findUniqueOrThrow({ where: { originComplaintId: id } })).toMatchObject({
      status: 'NOT_FILED',
      notFiledReason: '证据不足',
      filedAt: null,
    })
    expect(await act(id, w.staff.id, 'CASE_DECIDE', { amountFen: 100 })).toMatchObject({ status: 'stale' })
  })

  it('verifies a report and files a case on it: the report is 立案 and its case record is opened as filed', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region, { kind: 'REPORT' })
    expect(await act(id, w.staff.id, 'START_VERIFICATION')).toMatchObject({ status: 'done', to: 'VERIFYING' })
    expect(await act(id, w.staff.id, 'FILE_CASE')).toMatchObject({
      status: 'done',
      to: 'CASE_FILED',
      case: { status: 'FILED' },
    })
    expect(await act(id, w.staff.id, 'CASE_DECIDE', { amountFen: 50_000 })).toMatchObject({
      status: 'done',
      to: 'CASE_FILED',
      case: { status: 'DECIDED' },
    })
    expect(await db().enforcementCase.findUniqueOrThrow({ where: { originComplaintId: id } })).toMatchObject({
      originKind: 'REPORT',
      status: 'DECIDED',
      penaltyFen: 50_000n,
    })
    const stats = await app.services.statistics.forActor(
      w.staff.id,
      { scope: { level: 'STATION', stationId: w.station.id } },
      yearPeriod(Number(localDateOf(new Date()).slice(0, 4))),
    )
    if (!stats.ok) throw new Error('expected statistics')
    expect(stats.report.figures.current).toMatchObject({
      reports: 1,
      casesFiled: 1,
      complaintCases: 0,
      penaltyFen: 50_000n,
    })
  })
})
