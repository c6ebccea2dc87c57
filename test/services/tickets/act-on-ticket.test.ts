import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localDateOf } from '../../../src/domain/calendar/local-date.ts'
import { yearPeriod } from '../../../src/domain/statistics/period.ts'
import type { StationKind } from '../../../src/generated/prisma/enums.ts'
import { createTestApp, type TestApp } from '../../support/app.ts'
import {
  addMembership,
  createPerson,
  createRegion,
  createStation,
  fileAndRoute,
  type Region,
  type TestStation,
} from '../../support/world.ts'

let app: TestApp
const db = () => app.database.db
const tickets = () => app.services.tickets

beforeAll(async () => {
  app = await createTestApp({ MAX_COMPLAINTS_PER_DAY: '100' })
})
afterAll(async () => {
  await app.close()
})

interface World {
  region: Region
  station: TestStation
  staff: { id: number; name: string }
  consumer: { id: number; name: string }
}

/** By default the ticket goes to a 市场监管所 covering the street: a bureau station that takes the formal acts. */
async function world(kind: StationKind = 'MARKET_SUPERVISION_OFFICE'): Promise<World> {
  const region = await createRegion(db())
  const station = await createStation(db(), region, { chatId: 'fake', kind })
  const staff = await createPerson(app.services, '张主任')
  await addMembership(db(), staff.id, station.id, 'STAFF')
  const consumer = await createPerson(app.services, '王小明')
  return { region, station, staff, consumer }
}

async function snapshot(complaintId: string) {
  const complaint = await db().complaint.findUniqueOrThrow({ where: { id: complaintId } })
  return {
    status: complaint.status,
    stationId: complaint.stationId,
    updatedAt: complaint.updatedAt.getTime(),
    events: await db().complaintEvent.count({ where: { complaintId } }),
    outbox: await db().outboxEntry.count(),
  }
}

const act = (complaintId: string, personId: number, action: string, input = {}) =>
  tickets().actOnTicket({ complaintId, personId, action, input })

async function outboxTypes(complaintId: string): Promise<string[]> {
  const entries = await db().outboxEntry.findMany({ where: { queue: 'notify' }, orderBy: { id: 'asc' } })
  return entries
    .filter((entry) => (entry.payload as { complaintId?: string }).complaintId === complaintId)
    .map((entry) => (entry.payload as { type: string }).type)
}

describe('accepting and mediating a complaint', () => {
  it('accepts a received complaint, starts the mediation clock and queues the consumer message and the card refresh', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    const result = await act(id, w.staff.id, 'ACCEPT')
    expect(result).toMatchObject({ status: 'done', action: 'ACCEPT', from: 'RECEIVED', to: 'ACCEPTED' })
    const stored = await db().complaint.findUniqueOrThrow({ where: { id } })
    expect(stored.status).toBe('ACCEPTED')
    expect(stored.acceptedAt).not.toBeNull()
    expect(stored.mediationDueOn).not.toBeNull()
    const event = await db().complaintEvent.findFirstOrThrow({ where: { complaintId: id, action: 'ACCEPT' } })
    expect(event).toMatchObject({
      actorId: w.staff.id,
      actorRole: 'STAFF',
      fromStatus: 'RECEIVED',
      toStatus: 'ACCEPTED',
    })
    expect(await outboxTypes(id)).toEqual(expect.arrayContaining(['consumer-status', 'ticket-card-refresh']))
  })

  it('records an agreement with the money recovered and closes it as resolved, then asks for a rating', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    await act(id, w.staff.id, 'ACCEPT')
    await act(id, w.staff.id, 'START_MEDIATION')
    const asked = await act(id, w.staff.id, 'RECORD_AGREEMENT')
    expect(asked).toMatchObject({ status: 'needs-input', need: { kind: 'AMOUNT' } })
    expect(await act(id, w.staff.id, 'RECORD_AGREEMENT', { amountFen: 12050 })).toMatchObject({
      status: 'done',
      to: 'AGREED',
    })
    expect(await act(id, w.staff.id, 'CLOSE')).toMatchObject({ status: 'done', to: 'CLOSED' })
    const stored = await db().complaint.findUniqueOrThrow({ where: { id } })
    expect([stored.recoveredFen, stored.closingOutcome, stored.closedAt !== null]).toEqual([12050n, 'RESOLVED', true])
    expect(await outboxTypes(id)).toContain('rating-prompt')
  })

  it('asks for a ground of the rule in force, refuses an unknown one, and stores the ground of a rejection', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    const asked = await act(id, w.staff.id, 'REJECT')
    expect(asked.status).toBe('needs-input')
    if (asked.status !== 'needs-input' || asked.need.kind !== 'GROUND') throw new Error('expected a ground to be asked')
    expect(asked.need.rule).toBe('ORDER_121')
    expect(asked.need.grounds.map((g) => g.code)).toContain('IMPERSONATION')
    expect(await act(id, w.staff.id, 'REJECT', { ground: 'NO_SUCH_GROUND' })).toEqual({
      status: 'invalid-input',
      reason: 'GROUND_UNKNOWN',
    })
    expect(await act(id, w.staff.id, 'REJECT', { ground: 'TIME_BARRED' })).toMatchObject({
      status: 'done',
      to: 'NOT_ACCEPTED',
    })
    expect((await db().complaint.findUniqueOrThrow({ where: { id } })).ground).toBe('TIME_BARRED')
  })

  it('ends a mediation with a ground and closes the ticket as unresolved', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    await act(id, w.staff.id, 'ACCEPT')
    await act(id, w.staff.id, 'START_MEDIATION')
    expect(await act(id, w.staff.id, 'END_MEDIATION', { ground: 'PARTY_ABSENT_OR_REFUSES' })).toMatchObject({
      status: 'done',
      to: 'MEDIATION_ENDED',
    })
    await act(id, w.staff.id, 'CLOSE')
    const stored = await db().complaint.findUniqueOrThrow({ where: { id } })
    expect([stored.status, stored.ground, stored.closingOutcome]).toEqual([
      'CLOSED',
      'PARTY_ABSENT_OR_REFUSES',
      'UNRESOLVED',
    ])
  })

  it('corrects a wrong closing with a note: back to the status before it, the outcome cleared, no new mediation period', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    await act(id, w.staff.id, 'ACCEPT')
    await act(id, w.staff.id, 'START_MEDIATION')
    await act(id, w.staff.id, 'RECORD_AGREEMENT', { amountFen: 8000 })
    await act(id, w.staff.id, 'CLOSE')
    const closed = await db().complaint.findUniqueOrThrow({ where: { id } })
    expect(await act(id, w.staff.id, 'CORRECT_CLOSING')).toMatchObject({
      status: 'needs-input',
      need: { kind: 'NOTE' },
    })
    const later = new Date(Date.now() + 20 * 24 * 3600 * 1000)
    expect(
      await tickets().actOnTicket(
        { complaintId: id, personId: w.staff.id, action: 'CORRECT_CLOSING', input: { note: '协议尚未履行，误办结' } },
        later,
      ),
    ).toMatchObject({
      status: 'done',
      from: 'CLOSED',
      to: 'AGREED',
    })
    const stored = await db().complaint.findUniqueOrThrow({ where: { id } })
    expect([stored.status, stored.closingOutcome, stored.closedAt, stored.recoveredFen]).toEqual([
      'AGREED',
      null,
      null,
      8000n,
    ])
    expect([stored.acceptedAt, stored.mediationDueOn]).toEqual([closed.acceptedAt, closed.mediationDueOn])
    const event = await db().complaintEvent.findFirstOrThrow({ where: { complaintId: id, action: 'CORRECT_CLOSING' } })
    expect(event).toMatchObject({
      actorId: w.staff.id,
      fromStatus: 'CLOSED',
      toStatus: 'AGREED',
      note: '协议尚未履行，误办结',
    })
    expect(await outboxTypes(id)).toContain('consumer-status')
  })

  it('has no REOPEN any more, and a liaison cannot correct a closing', async () => {
    const w = await world()
    const liaison = await createPerson(app.services, '周网格员')
    await addMembership(db(), liaison.id, w.station.id, 'LIAISON', [w.region.grid])
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    await act(id, w.staff.id, 'ACCEPT')
    await act(id, w.staff.id, 'CLOSE', { outcome: 'RESOLVED', note: '商家已退款' })
    const before = await snapshot(id)
    expect(await act(id, w.staff.id, 'REOPEN', { note: 'x' })).toEqual({ status: 'refused', reason: 'UNKNOWN_ACTION' })
    expect(await act(id, liaison.id, 'CORRECT_CLOSING', { note: 'x' })).toEqual({
      status: 'refused',
      reason: 'NOT_ALLOWED_FOR_ROLE',
    })
    expect(await snapshot(id)).toEqual(before)
  })
})

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

  it('transfers a ticket to another station with a reason; the old station loses access', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    // Created after routing: a liaison station covering the community would otherwise have been chosen.
    const other = await createStation(db(), w.region, { chatId: 'fake', label: '另一联络站' })
    const asked = await act(id, w.staff.id, 'TRANSFER')
    if (asked.status !== 'needs-input' || asked.need.kind !== 'TARGET_STATION')
      throw new Error('expected a station to be asked')
    expect(asked.need.stations.map((s) => s.id)).toContain(other.id)
    expect(asked.need.stations.map((s) => s.id)).not.toContain(w.station.id)
    expect(await act(id, w.staff.id, 'TRANSFER', { targetStationId: w.station.id })).toEqual({
      status: 'invalid-input',
      reason: 'TARGET_STATION_UNKNOWN',
    })
    expect(await act(id, w.staff.id, 'TRANSFER', { targetStationId: other.id, note: '不在本辖区' })).toMatchObject({
      status: 'done',
      to: 'RECEIVED',
    })
    expect((await db().complaint.findUniqueOrThrow({ where: { id } })).stationId).toBe(other.id)
    expect(await act(id, w.staff.id, 'ACCEPT')).toEqual({ status: 'forbidden' })
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

describe('who may act', () => {
  it('lets the grid liaison mediate locally and settle with money recovered, but not accept', async () => {
    const w = await world()
    const liaison = await createPerson(app.services, '李网格员')
    await addMembership(db(), liaison.id, w.station.id, 'LIAISON', [w.region.grid])
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    expect(await act(id, liaison.id, 'ACCEPT')).toEqual({ status: 'refused', reason: 'NOT_ALLOWED_FOR_ROLE' })
    expect(await act(id, liaison.id, 'START_LOCAL_MEDIATION')).toMatchObject({ status: 'done', to: 'LOCAL_MEDIATION' })
    expect(await act(id, liaison.id, 'SETTLE_LOCALLY', { amountFen: 5000 })).toMatchObject({
      status: 'done',
      to: 'SETTLED_LOCALLY',
    })
    expect((await db().complaint.findUniqueOrThrow({ where: { id } })).recoveredFen).toBe(5000n)
  })

  it('assigns one of the station liaisons, and refuses a person who is not one', async () => {
    const w = await world()
    const liaison = await createPerson(app.services, '赵网格员')
    await addMembership(db(), liaison.id, w.station.id, 'LIAISON', [w.region.otherGrid])
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    const asked = await act(id, w.staff.id, 'ASSIGN_LIAISON')
    if (asked.status !== 'needs-input' || asked.need.kind !== 'LIAISON')
      throw new Error('expected a liaison to be asked')
    expect(asked.need.liaisons).toEqual([{ personId: liaison.id, name: '赵网格员' }])
    expect(await act(id, w.staff.id, 'ASSIGN_LIAISON', { liaisonId: w.consumer.id })).toEqual({
      status: 'invalid-input',
      reason: 'LIAISON_UNKNOWN',
    })
    expect(await act(id, w.staff.id, 'ASSIGN_LIAISON', { liaisonId: liaison.id })).toMatchObject({ status: 'done' })
    expect((await db().complaint.findUniqueOrThrow({ where: { id } })).liaisonId).toBe(liaison.id)
    expect(await outboxTypes(id)).toContain('liaison-card')
  })

  it('lets the consumer withdraw an open complaint, and nobody else', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    expect(await act(id, w.staff.id, 'WITHDRAW')).toEqual({ status: 'refused', reason: 'NOT_ALLOWED_FOR_ROLE' })
    expect(await act(id, w.consumer.id, 'ACCEPT')).toEqual({ status: 'refused', reason: 'NOT_ALLOWED_FOR_ROLE' })
    expect(await act(id, w.consumer.id, 'WITHDRAW')).toMatchObject({ status: 'done', to: 'WITHDRAWN' })
  })

  it('ends a formal mediation the consumer withdraws from with the ground 撤回投诉, and the termination notice follows', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    await act(id, w.staff.id, 'ACCEPT')
    await act(id, w.staff.id, 'START_MEDIATION')
    expect(await act(id, w.consumer.id, 'WITHDRAW')).toMatchObject({
      status: 'done',
      from: 'MEDIATING',
      to: 'MEDIATION_ENDED',
    })
    const stored = await db().complaint.findUniqueOrThrow({ where: { id } })
    expect([stored.status, stored.ground]).toEqual(['MEDIATION_ENDED', 'WITHDRAWN_OR_SETTLED'])
    const event = await db().complaintEvent.findFirstOrThrow({ where: { complaintId: id, action: 'WITHDRAW' } })
    expect(event).toMatchObject({
      actorRole: 'CONSUMER',
      fromStatus: 'MEDIATING',
      toStatus: 'MEDIATION_ENDED',
      ground: 'WITHDRAWN_OR_SETTLED',
    })
    expect(await db().outboxEntry.count({ where: { jobId: `consumer-status-${event.id}` } })).toBe(1)
  })

  it('records a reporter’s withdrawal during verification without ending it', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region, { kind: 'REPORT' })
    await act(id, w.staff.id, 'START_VERIFICATION')
    expect(await act(id, w.consumer.id, 'WITHDRAW')).toMatchObject({
      status: 'done',
      from: 'VERIFYING',
      to: 'VERIFYING',
    })
    expect((await db().complaint.findUniqueOrThrow({ where: { id } })).status).toBe('VERIFYING')
    const event = await db().complaintEvent.findFirstOrThrow({ where: { complaintId: id, action: 'WITHDRAW' } })
    expect(event).toMatchObject({
      actorRole: 'CONSUMER',
      fromStatus: 'VERIFYING',
      toStatus: 'VERIFYING',
      data: { withdrawalWish: true },
    })
    expect(await act(id, w.staff.id, 'FILE_CASE')).toMatchObject({ status: 'done', to: 'CASE_FILED' })
  })

  it('refuses staff of another station, naming the ticket by forged id, and changes nothing', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    const foreign = await createStation(db(), w.region, { chatId: 'fake', label: '外站' })
    const intruder = await createPerson(app.services, '外站员工')
    await addMembership(db(), intruder.id, foreign.id, 'STAFF')
    const before = await snapshot(id)
    for (const action of ['ACCEPT', 'REJECT', 'TRANSFER', 'ADD_NOTE', 'ESCALATE', 'FILE_CASE']) {
      expect(await act(id, intruder.id, action, { ground: 'OTHER', note: 'x', targetStationId: foreign.id })).toEqual({
        status: 'forbidden',
      })
    }
    expect(await act('01234567-89ab-7def-8123-456789abcdef', w.staff.id, 'ACCEPT')).toEqual({ status: 'not-found' })
    expect(await act(id, w.staff.id, 'NOT_AN_ACTION')).toEqual({ status: 'refused', reason: 'UNKNOWN_ACTION' })
    expect(await snapshot(id)).toEqual(before)
  })

  it('answers a transition the status does not allow with the current status and changes nothing', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    const before = await snapshot(id)
    for (const action of [
      'CLOSE',
      'RECORD_AGREEMENT',
      'START_MEDIATION',
      'CORRECT_CLOSING',
      'CASE_FILE',
      'SETTLE_LOCALLY',
    ]) {
      expect(await act(id, w.staff.id, action, { amountFen: 100, note: 'x' })).toMatchObject({
        status: 'stale',
        currentStatus: 'RECEIVED',
      })
    }
    expect(await snapshot(id)).toEqual(before)
  })
})

describe('two people acting at the same moment', () => {
  it('accepts once; the other is told who accepted', async () => {
    const w = await world()
    const second = await createPerson(app.services, '刘科员')
    await addMembership(db(), second.id, w.station.id, 'STAFF')
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    const results = await Promise.all([act(id, w.staff.id, 'ACCEPT'), act(id, second.id, 'ACCEPT')])
    const done = results.filter((r) => r.status === 'done')
    const stale = results.filter((r) => r.status === 'stale')
    expect([done.length, stale.length]).toEqual([1, 1])
    const winner = (
      await db().complaintEvent.findFirstOrThrow({
        where: { complaintId: id, action: 'ACCEPT' },
        include: { actor: true },
      })
    ).actor?.displayName
    expect(stale[0]).toMatchObject({ currentStatus: 'ACCEPTED', lastAction: { action: 'ACCEPT', actorName: winner } })
    expect(await db().complaintEvent.count({ where: { complaintId: id, action: 'ACCEPT' } })).toBe(1)
    expect((await outboxTypes(id)).filter((type) => type === 'ticket-card-refresh')).toHaveLength(1)
  })

  it('files the case once when two staff file it at the same moment', async () => {
    const w = await world()
    const second = await createPerson(app.services, '吴科员')
    await addMembership(db(), second.id, w.station.id, 'STAFF')
    const id = await fileAndRoute(app.services, w.consumer.id, w.region, { violation: '虚假宣传' })
    await act(id, w.staff.id, 'ACCEPT')
    await act(id, w.staff.id, 'FILE_CASE')
    const results = await Promise.all([
      act(id, w.staff.id, 'CASE_FILE', { note: '批准' }),
      act(id, second.id, 'CASE_FILE', { note: '批准' }),
    ])
    expect(results.map((r) => r.status).sort()).toEqual(['done', 'stale'])
    expect(await db().complaintEvent.count({ where: { complaintId: id, action: 'CASE_FILE' } })).toBe(1)
  })

  it('opens one case when two staff convert the same complaint at once', async () => {
    const w = await world()
    const second = await createPerson(app.services, '陈科员')
    await addMembership(db(), second.id, w.station.id, 'STAFF')
    const id = await fileAndRoute(app.services, w.consumer.id, w.region, { violation: '虚假宣传' })
    await act(id, w.staff.id, 'ACCEPT')
    const results = await Promise.all([act(id, w.staff.id, 'FILE_CASE'), act(id, second.id, 'FILE_CASE')])
    expect(results.map((r) => r.status).sort()).toEqual(['done', 'stale'])
    expect(await db().enforcementCase.count({ where: { originComplaintId: id } })).toBe(1)
    expect(await db().complaintEvent.count({ where: { complaintId: id, action: 'FILE_CASE' } })).toBe(1)
  })
})
