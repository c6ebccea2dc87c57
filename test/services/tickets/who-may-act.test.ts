import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../support/app.ts'
import { addMembership, createPerson, createStation, fileAndRoute } from '../../support/world.ts'
import { ticketActionKit } from './ticket-actions-kit.ts'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp({ MAX_COMPLAINTS_PER_DAY: '100' })
})
afterAll(async () => {
  await app.close()
})
const { db, world, snapshot, act, outboxTypes } = ticketActionKit(() => app)

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
