import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTranslator } from '../../../src/i18n/translator.ts'
import { normalizeBusinessName } from '../../../src/services/complaints/related-complaints.ts'
import { loadTicketCardView } from '../../../src/services/complaints/ticket-card-view.ts'
import { renderTicketCard } from '../../../src/telegram/render/ticket-card.ts'
import { createTestApp, type TestApp } from '../../support/app.ts'
import { createPerson, fileAndRoute, intakeOf } from '../../support/world.ts'
import { ticketActionKit } from './ticket-actions-kit.ts'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp({ MAX_COMPLAINTS_PER_DAY: '100' })
})
afterAll(async () => {
  await app.close()
})
const { db, tickets, world } = ticketActionKit(() => app)

describe("the consumer's own complaints", () => {
  it('lists them newest first, five to a page, and never someone else’s', async () => {
    const w = await world()
    const stranger = await createPerson(app.services, '路人')
    const ids: string[] = []
    for (let i = 0; i < 7; i++) ids.push(await fileAndRoute(app.services, w.consumer.id, w.region))
    await fileAndRoute(app.services, stranger.id, w.region)
    const first = await tickets().consumer.listComplaints(w.consumer.id, 0)
    expect([first.total, first.pages, first.items.length]).toEqual([7, 2, 5])
    expect(first.items[0]?.id).toBe(ids[6])
    const second = await tickets().consumer.listComplaints(w.consumer.id, 1)
    expect(second.items.map((item) => item.id)).toEqual([ids[1], ids[0]])
    expect((await tickets().consumer.listComplaints(w.consumer.id, 99)).page).toBe(1)
  })

  it('leaves out a case that used to be a ticket (before cases had their own record), and shows case steps on the timeline', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    const origin = await db().complaint.findUniqueOrThrow({ where: { id } })
    await db().complaint.create({
      data: {
        trackingNumber: `${origin.trackingNumber.slice(0, 12)}9${origin.trackingNumber.slice(13)}`,
        formId: `case:${id}`,
        kind: 'REPORT',
        status: 'CASE_FILED',
        consumerId: w.consumer.id,
        locale: 'zh-CN',
        respondentName: origin.respondentName,
        facts: origin.facts,
        rule: origin.rule,
        originId: id,
      },
    })
    expect((await tickets().consumer.listComplaints(w.consumer.id, 0)).items.map((item) => item.id)).toEqual([id])
    expect((await tickets().consumer.openComplaints(w.consumer.id)).map((item) => item.id)).toEqual([id])
    await tickets().actOnTicket({ complaintId: id, personId: w.staff.id, action: 'ACCEPT' })
    await tickets().actOnTicket({ complaintId: id, personId: w.staff.id, action: 'FILE_CASE' })
    const detail = await tickets().consumer.complaintDetail(w.consumer.id, id)
    expect(detail?.timeline.map((entry) => entry.action)).toEqual(['SUBMIT', 'ROUTE', 'ACCEPT', 'FILE_CASE'])
  })

  it('links a new complaint to the closed one it follows up, only when both are the consumer’s', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    expect(await tickets().consumer.followUpSource(w.consumer.id, id)).toBeUndefined()
    await tickets().actOnTicket({
      complaintId: id,
      personId: w.staff.id,
      action: 'REJECT',
      input: { ground: 'OUTSIDE_DUTIES' },
    })
    const source = await tickets().consumer.followUpSource(w.consumer.id, id)
    expect(source).toMatchObject({
      complaintId: id,
      respondentName: '好又多超市',
      location: { type: 'area', areaCode: w.region.grid },
    })
    expect(await tickets().consumer.followUpSource(w.staff.id, id)).toBeUndefined()
    const file = async (consumerId: number, previousComplaintId: string) => {
      const intake = { ...intakeOf(w.region.grid), draft: { ...intakeOf(w.region.grid).draft, previousComplaintId } }
      const filed = await app.services.filing.fileComplaint(intake, consumerId)
      if (filed.status !== 'filed') throw new Error(filed.status)
      return db().complaint.findUniqueOrThrow({ where: { id: filed.complaint.id } })
    }
    expect((await file(w.consumer.id, id)).previousComplaintId).toBe(id)
    const stranger = await createPerson(app.services, '路人甲')
    expect((await file(stranger.id, id)).previousComplaintId).toBeNull()
    const followUp = await db().complaint.findFirstOrThrow({ where: { previousComplaintId: id } })
    const origin = await db().complaint.findUniqueOrThrow({ where: { id } })
    expect((await tickets().consumer.complaintDetail(w.consumer.id, followUp.id))?.previousTrackingNumber).toBe(
      origin.trackingNumber,
    )
  })

  it('shows the timeline without internal notes, and only to the consumer', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    await tickets().actOnTicket({
      complaintId: id,
      personId: w.staff.id,
      action: 'ADD_NOTE',
      input: { note: '内部备注' },
    })
    await tickets().actOnTicket({ complaintId: id, personId: w.staff.id, action: 'ACCEPT' })
    const detail = await tickets().consumer.complaintDetail(w.consumer.id, id)
    expect(detail?.timeline.map((entry) => entry.action)).toEqual(['SUBMIT', 'ROUTE', 'ACCEPT'])
    expect(detail?.mediationDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(await tickets().consumer.complaintDetail(w.staff.id, id)).toBeUndefined()
  })

  it('appends added information and evidence to an open complaint and relays it to the station', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    const file = { kind: 'PHOTO' as const, fileId: 'file-x', fileUniqueId: 'unique-x' }
    expect(await tickets().consumer.addInformation(w.consumer.id, id, { text: '补充小票照片', file })).toMatchObject({
      status: 'added',
    })
    expect(
      await db().attachment.count({ where: { complaintId: id, fileUniqueId: 'unique-x', addedById: w.consumer.id } }),
    ).toBe(1)
    const event = await db().complaintEvent.findFirstOrThrow({ where: { complaintId: id, action: 'ADD_INFORMATION' } })
    expect(event.note).toBe('补充小票照片')
    expect(await db().outboxEntry.count({ where: { jobId: `relay-to-station-${event.id}` } })).toBe(1)
    expect(await tickets().consumer.addInformation(w.staff.id, id, { text: 'x' })).toEqual({ status: 'not-found' })
    await tickets().actOnTicket({ complaintId: id, personId: w.consumer.id, action: 'WITHDRAW' })
    expect(await tickets().consumer.addInformation(w.consumer.id, id, { text: 'late' })).toMatchObject({
      status: 'not-open',
    })
  })
})

describe('satisfaction', () => {
  it('takes one rating (1–5) after closing, then one comment', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    const act = (action: string, input = {}) =>
      tickets().actOnTicket({ complaintId: id, personId: w.staff.id, action, input })
    expect(await tickets().satisfaction.rate(w.consumer.id, id, 5)).toEqual({ status: 'not-closed' })
    await act('ACCEPT')
    await act('START_MEDIATION')
    await act('RECORD_AGREEMENT', { amountFen: 12050 })
    await act('CLOSE')
    expect(await tickets().satisfaction.rate(w.staff.id, id, 1)).toEqual({ status: 'forbidden' })
    expect(await tickets().satisfaction.rate(w.consumer.id, id, 5)).toMatchObject({ status: 'rated', stars: 5 })
    expect(await tickets().satisfaction.rate(w.consumer.id, id, 1)).toMatchObject({ status: 'already-rated', stars: 5 })
    expect(await tickets().satisfaction.comment(w.consumer.id, id, '处理很及时')).toMatchObject({ status: 'saved' })
    expect(await tickets().satisfaction.comment(w.consumer.id, id, '再说一句')).toEqual({ status: 'not-rated' })
    const stored = await db().complaint.findUniqueOrThrow({ where: { id } })
    expect([stored.satisfaction, stored.satisfactionComment]).toEqual([5, '处理很及时'])
  })
})

describe('related complaints', () => {
  it('finds other open complaints about the same business at the same station, however the name is typed', async () => {
    const w = await world()
    const other = await createPerson(app.services, '李四')
    const first = await fileAndRoute(app.services, w.consumer.id, w.region, { business: '好又多超市' })
    const second = await fileAndRoute(app.services, other.id, w.region, { business: '好又多 超市。' })
    const unrelated = await fileAndRoute(app.services, other.id, w.region, { business: '永辉超市' })
    expect((await tickets().relatedComplaints(second)).map((r) => r.id)).toEqual([first])
    expect(await tickets().relatedComplaints(unrelated)).toEqual([])
    await tickets().actOnTicket({ complaintId: first, personId: w.consumer.id, action: 'WITHDRAW' })
    expect(await tickets().relatedComplaints(second)).toEqual([])
  })

  it('are named on the first ticket card of the new complaint, as a possible group dispute', async () => {
    const w = await world()
    const first = await fileAndRoute(app.services, w.consumer.id, w.region, { business: '永和豆浆' })
    const second = await fileAndRoute(app.services, w.consumer.id, w.region, { business: '永和 豆浆' })
    const { trackingNumber } = await db().complaint.findUniqueOrThrow({ where: { id: first } })
    const translator = await createTranslator('zh-CN')
    const card = renderTicketCard(await loadTicketCardView(db(), second), translator.forLocale('zh-CN'), {
      viewer: 'station',
    })
    expect(card.text).toContain(trackingNumber)
  })

  it('normalizes full-width letters, spaces and punctuation', () => {
    expect(normalizeBusinessName('ＡＢＣ 超市（东坡店）')).toBe(normalizeBusinessName('abc超市(东坡店)'))
  })
})

describe('pending inputs', () => {
  it('keeps one pending input per chat and person, with a nonce for its buttons', async () => {
    const pending = tickets().pendingInputs
    const nonce = await pending.start(-1, 42, { type: 'rating-comment', complaintId: 'c' })
    expect(await pending.get(-1, 42)).toMatchObject({ type: 'rating-comment', nonce })
    expect(await pending.get(-1, 43)).toBeUndefined()
    await pending.clear(-1, 42)
    expect(await pending.get(-1, 42)).toBeUndefined()
  })
})
