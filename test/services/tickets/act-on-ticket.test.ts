import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../support/app.ts'
import { addMembership, createPerson, fileAndRoute } from '../../support/world.ts'
import { ticketActionKit } from './ticket-actions-kit.ts'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp({ MAX_COMPLAINTS_PER_DAY: '100' })
})
afterAll(async () => {
  await app.close()
})
const { db, tickets, world, snapshot, act, outboxTypes } = ticketActionKit(() => app)

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

  it('offers and takes 调解期满 as a ground only once the mediation period has run', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    await act(id, w.staff.id, 'ACCEPT')
    const asked = await act(id, w.staff.id, 'END_MEDIATION')
    if (asked.status !== 'needs-input' || asked.need.kind !== 'GROUND') throw new Error('expected a ground to be asked')
    expect(asked.need.grounds.map((g) => g.code)).not.toContain('PERIOD_EXPIRED')
    expect(asked.need.grounds.map((g) => g.code)).toContain('AGREEMENT_IMPOSSIBLE')
    expect(await act(id, w.staff.id, 'END_MEDIATION', { ground: 'PERIOD_EXPIRED' })).toEqual({
      status: 'invalid-input',
      reason: 'PERIOD_NOT_EXPIRED',
    })
    const { mediationDueOn } = await db().complaint.findUniqueOrThrow({ where: { id } })
    const dayAfter = new Date(mediationDueOn!.getTime() + 24 * 3600_000 + 2 * 3600_000)
    const later = (input = {}) =>
      app.services.tickets.actOnTicket(
        { complaintId: id, personId: w.staff.id, action: 'END_MEDIATION', input },
        dayAfter,
      )
    const askedLater = await later()
    if (askedLater.status !== 'needs-input' || askedLater.need.kind !== 'GROUND') throw new Error('expected a ground')
    expect(askedLater.need.grounds.map((g) => g.code)).toContain('PERIOD_EXPIRED')
    expect(await later({ ground: 'PERIOD_EXPIRED' })).toMatchObject({ status: 'done', to: 'MEDIATION_ENDED' })
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
