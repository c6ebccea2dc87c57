import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../support/app.ts'
import type { StationKind } from '../../../src/generated/prisma/enums.ts'
import { addMembership, createPerson, createRegion, createStation, fileAndRoute, type Region, type StationFixture } from './ticket-fixtures.ts'

let app: TestApp
const db = () => app.database.db
const tickets = () => app.services.tickets

beforeAll(async () => {
  app = await createTestApp({ MAX_COMPLAINTS_PER_DAY: '100' })
})
afterAll(async () => { await app.close() })

interface World {
  region: Region
  station: StationFixture
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

const act = (complaintId: string, personId: number, action: string, input = {}) => tickets().actOnTicket({ complaintId, personId, action, input })

async function outboxTypes(complaintId: string): Promise<string[]> {
  const entries = await db().outboxEntry.findMany({ where: { queue: 'notify' }, orderBy: { id: 'asc' } })
  return entries.filter((entry) => (entry.payload as { complaintId?: string }).complaintId === complaintId).map((entry) => (entry.payload as { type: string }).type)
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
    expect(event).toMatchObject({ actorId: w.staff.id, actorRole: 'STAFF', fromStatus: 'RECEIVED', toStatus: 'ACCEPTED' })
    expect(await outboxTypes(id)).toEqual(expect.arrayContaining(['consumer-status', 'ticket-card-refresh']))
  })

  it('records an agreement with the money recovered and closes it as resolved, then asks for a rating', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    await act(id, w.staff.id, 'ACCEPT')
    await act(id, w.staff.id, 'START_MEDIATION')
    const asked = await act(id, w.staff.id, 'RECORD_AGREEMENT')
    expect(asked).toMatchObject({ status: 'needs-input', need: { kind: 'AMOUNT' } })
    expect(await act(id, w.staff.id, 'RECORD_AGREEMENT', { amountFen: 12050 })).toMatchObject({ status: 'done', to: 'AGREED' })
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
    expect(await act(id, w.staff.id, 'REJECT', { ground: 'NO_SUCH_GROUND' })).toEqual({ status: 'invalid-input', reason: 'GROUND_UNKNOWN' })
    expect(await act(id, w.staff.id, 'REJECT', { ground: 'TIME_BARRED' })).toMatchObject({ status: 'done', to: 'NOT_ACCEPTED' })
    expect((await db().complaint.findUniqueOrThrow({ where: { id } })).ground).toBe('TIME_BARRED')
  })

  it('ends a mediation with a ground and closes the ticket as unresolved', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    await act(id, w.staff.id, 'ACCEPT')
    await act(id, w.staff.id, 'START_MEDIATION')
    expect(await act(id, w.staff.id, 'END_MEDIATION', { ground: 'PARTY_ABSENT_OR_REFUSES' })).toMatchObject({ status: 'done', to: 'MEDIATION_ENDED' })
    await act(id, w.staff.id, 'CLOSE')
    const stored = await db().complaint.findUniqueOrThrow({ where: { id } })
    expect([stored.status, stored.ground, stored.closingOutcome]).toEqual(['CLOSED', 'PARTY_ABSENT_OR_REFUSES', 'UNRESOLVED'])
  })

  it('reopens a closed complaint with a note, back to accepted, clearing the outcome', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    await act(id, w.staff.id, 'ACCEPT')
    await act(id, w.staff.id, 'END_MEDIATION', { ground: 'AGREEMENT_IMPOSSIBLE' })
    await act(id, w.staff.id, 'CLOSE')
    expect(await act(id, w.staff.id, 'REOPEN')).toMatchObject({ status: 'needs-input', need: { kind: 'NOTE' } })
    expect(await act(id, w.staff.id, 'REOPEN', { note: '商家未履行' })).toMatchObject({ status: 'done', to: 'ACCEPTED' })
    const stored = await db().complaint.findUniqueOrThrow({ where: { id } })
    expect([stored.status, stored.closingOutcome, stored.closedAt]).toEqual(['ACCEPTED', null, null])
  })
})

describe('escalation, transfer and 诉转案', () => {
  it('escalates with a reason to the county 12315 center, which gets the card', async () => {
    const w = await world('COMMUNITY_LIAISON_STATION')
    const center = await createStation(db(), w.region, { kind: 'COUNTY_CENTER', chatId: 'fake' })
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    expect(await act(id, w.staff.id, 'ESCALATE')).toMatchObject({ status: 'needs-input', need: { kind: 'NOTE' } })
    expect(await act(id, w.staff.id, 'ESCALATE', { note: '商家在网上经营' })).toMatchObject({ status: 'done', to: 'ESCALATED' })
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
    if (asked.status !== 'needs-input' || asked.need.kind !== 'TARGET_STATION') throw new Error('expected a station to be asked')
    expect(asked.need.stations.map((s) => s.id)).toContain(other.id)
    expect(asked.need.stations.map((s) => s.id)).not.toContain(w.station.id)
    expect(await act(id, w.staff.id, 'TRANSFER', { targetStationId: w.station.id })).toEqual({ status: 'invalid-input', reason: 'TARGET_STATION_UNKNOWN' })
    expect(await act(id, w.staff.id, 'TRANSFER', { targetStationId: other.id, note: '不在本辖区' })).toMatchObject({ status: 'done', to: 'RECEIVED' })
    expect((await db().complaint.findUniqueOrThrow({ where: { id } })).stationId).toBe(other.id)
    expect(await act(id, w.staff.id, 'ACCEPT')).toEqual({ status: 'forbidden' })
  })

  it('converts a complaint with a violation into a linked case with its own tracking number, once', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region, { violation: '销售过期食品' })
    await act(id, w.staff.id, 'ACCEPT')
    const result = await act(id, w.staff.id, 'FILE_CASE')
    if (result.status !== 'done' || !result.openedCase) throw new Error(`expected a case, got ${JSON.stringify(result)}`)
    const [origin, opened] = await Promise.all([
      db().complaint.findUniqueOrThrow({ where: { id } }),
      db().complaint.findUniqueOrThrow({ where: { id: result.openedCase.id } }),
    ])
    expect(origin.status).toBe('ACCEPTED')
    expect(opened).toMatchObject({ kind: 'REPORT', status: 'CASE_FILED', originId: id, stationId: w.station.id, violation: '销售过期食品' })
    expect(opened.trackingNumber).not.toBe(origin.trackingNumber)
    expect(opened.trackingNumber).toMatch(/^MS-\d{8}-\d{4}$/)
    expect(await outboxTypes(opened.id)).toEqual(['consumer-status'])
    // The complaint's history names the case, written once (events are append-only).
    const event = await db().complaintEvent.findFirstOrThrow({ where: { complaintId: id, action: 'FILE_CASE' } })
    expect(event.data).toMatchObject({ caseId: opened.id, caseTrackingNumber: opened.trackingNumber })
    expect(await act(id, w.staff.id, 'FILE_CASE')).toMatchObject({ status: 'stale' })
    expect(await db().complaint.count({ where: { originId: id } })).toBe(1)
  })

  it('verifies a report and files a case on it', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region, { kind: 'REPORT' })
    expect(await act(id, w.staff.id, 'START_VERIFICATION')).toMatchObject({ status: 'done', to: 'VERIFYING' })
    expect(await act(id, w.staff.id, 'FILE_CASE')).toMatchObject({ status: 'done', to: 'CASE_FILED', openedCase: null })
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
    expect(await act(id, liaison.id, 'SETTLE_LOCALLY', { amountFen: 5000 })).toMatchObject({ status: 'done', to: 'SETTLED_LOCALLY' })
    expect((await db().complaint.findUniqueOrThrow({ where: { id } })).recoveredFen).toBe(5000n)
  })

  it('assigns one of the station liaisons, and refuses a person who is not one', async () => {
    const w = await world()
    const liaison = await createPerson(app.services, '赵网格员')
    await addMembership(db(), liaison.id, w.station.id, 'LIAISON', [w.region.otherGrid])
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    const asked = await act(id, w.staff.id, 'ASSIGN_LIAISON')
    if (asked.status !== 'needs-input' || asked.need.kind !== 'LIAISON') throw new Error('expected a liaison to be asked')
    expect(asked.need.liaisons).toEqual([{ personId: liaison.id, name: '赵网格员' }])
    expect(await act(id, w.staff.id, 'ASSIGN_LIAISON', { liaisonId: w.consumer.id })).toEqual({ status: 'invalid-input', reason: 'LIAISON_UNKNOWN' })
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

  it('refuses staff of another station, naming the ticket by forged id, and changes nothing', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    const foreign = await createStation(db(), w.region, { chatId: 'fake', label: '外站' })
    const intruder = await createPerson(app.services, '外站员工')
    await addMembership(db(), intruder.id, foreign.id, 'STAFF')
    const before = await snapshot(id)
    for (const action of ['ACCEPT', 'REJECT', 'TRANSFER', 'ADD_NOTE', 'ESCALATE', 'FILE_CASE']) {
      expect(await act(id, intruder.id, action, { ground: 'OTHER', note: 'x', targetStationId: foreign.id })).toEqual({ status: 'forbidden' })
    }
    expect(await act('01234567-89ab-7def-8123-456789abcdef', w.staff.id, 'ACCEPT')).toEqual({ status: 'not-found' })
    expect(await act(id, w.staff.id, 'NOT_AN_ACTION')).toEqual({ status: 'refused', reason: 'UNKNOWN_ACTION' })
    expect(await snapshot(id)).toEqual(before)
  })

  it('answers a transition the status does not allow with the current status and changes nothing', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    const before = await snapshot(id)
    for (const action of ['CLOSE', 'RECORD_AGREEMENT', 'START_MEDIATION', 'REOPEN', 'SETTLE_LOCALLY']) {
      expect(await act(id, w.staff.id, action, { amountFen: 100, note: 'x' })).toMatchObject({ status: 'stale', currentStatus: 'RECEIVED' })
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
    const winner = (await db().complaintEvent.findFirstOrThrow({ where: { complaintId: id, action: 'ACCEPT' }, include: { actor: true } })).actor?.displayName
    expect(stale[0]).toMatchObject({ currentStatus: 'ACCEPTED', lastAction: { action: 'ACCEPT', actorName: winner } })
    expect(await db().complaintEvent.count({ where: { complaintId: id, action: 'ACCEPT' } })).toBe(1)
    expect((await outboxTypes(id)).filter((type) => type === 'ticket-card-refresh')).toHaveLength(1)
  })

  it('opens one case when two staff convert the same complaint at once', async () => {
    const w = await world()
    const second = await createPerson(app.services, '陈科员')
    await addMembership(db(), second.id, w.station.id, 'STAFF')
    const id = await fileAndRoute(app.services, w.consumer.id, w.region, { violation: '虚假宣传' })
    await act(id, w.staff.id, 'ACCEPT')
    const results = await Promise.all([act(id, w.staff.id, 'FILE_CASE'), act(id, second.id, 'FILE_CASE')])
    expect(results.map((r) => r.status).sort()).toEqual(['done', 'stale'])
    expect(await db().complaint.count({ where: { originId: id } })).toBe(1)
  })
})
