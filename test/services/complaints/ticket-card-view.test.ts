import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ComplaintNotFoundError, loadTicketCardView } from '../../../src/services/complaints/ticket-card-view.ts'
import { AREAS, createDeliveryWorld, type DeliveryWorld } from '../../queue/support/delivery-world.ts'

let world: DeliveryWorld
let consumerId: number

beforeAll(async () => {
  world = await createDeliveryWorld()
  consumerId = (await world.consumer()).personId
})
afterAll(async () => {
  await world.close()
})

const db = () => world.app.database.db

async function fileAndRoute(place: { areaCode: string }, draft: Parameters<DeliveryWorld['file']>[2] = {}) {
  const id = await world.file(consumerId, place, draft)
  await world.app.services.routing.routeComplaint(id)
  return db().complaint.findUniqueOrThrow({ where: { id } })
}

describe('the ticket card view, read in one query', () => {
  it('shows the complaint, its place from the district down, its station, evidence count and deadline', async () => {
    const complaint = await fileAndRoute(
      { areaCode: AREAS.grid1 },
      {
        evidence: [
          { kind: 'PHOTO', fileId: 'photo-1', fileUniqueId: 'u-1' },
          { kind: 'DOCUMENT', fileId: 'doc-1', fileUniqueId: 'u-2', fileName: '发票.pdf' },
        ],
      },
    )
    const view = await loadTicketCardView(db(), complaint.id)
    expect(view).toMatchObject({
      complaintId: complaint.id,
      trackingNumber: complaint.trackingNumber,
      kind: 'COMPLAINT',
      status: 'RECEIVED',
      categoryCode: 'FOOD_PACKAGED',
      respondentName: '好又多超市',
      respondentAddress: '东坡区通惠街 8 号',
      place: {
        type: 'area',
        path: [
          { name: '东坡区', nameEn: 'Dongpo District' },
          { name: '通惠街道', nameEn: null },
          { name: '诗书社区', nameEn: null },
          { name: '诗书社区第1网格', nameEn: null },
        ],
      },
      incidentDate: '2026-11-20',
      demands: ['REFUND', 'COMPENSATE'],
      amountFen: 12050n,
      evidenceCount: 2,
      contactName: '王小明',
      anonymous: false,
      // A grid station is a first-mile station: no statutory date, its own local target instead.
      decisionDueOn: null,
      localTargetOn: complaint.localTargetOn!.toISOString().slice(0, 10),
      dueDatesFinal: complaint.dueDatesFinal,
      station: {
        id: world.stations.grid1.id,
        name: '诗书社区第1网格工作站',
        nameEn: null,
        kind: 'COMMUNITY_LIAISON_STATION',
      },
      redirectedFrom: null,
      related: [],
    })
  })

  it('names the other open complaints about the same business at the station, linked to their cards', async () => {
    const business = { respondentName: '永和豆浆' }
    const first = await fileAndRoute({ areaCode: AREAS.grid2 }, business)
    const withdrawn = await fileAndRoute({ areaCode: AREAS.grid2 }, business)
    await db().complaint.update({ where: { id: withdrawn.id }, data: { status: 'WITHDRAWN' } })
    const other = await fileAndRoute({ areaCode: AREAS.grid2 }, { respondentName: '永辉超市' })
    const second = await fileAndRoute({ areaCode: AREAS.grid2 }, { respondentName: '永和 豆浆。' })
    const chatId = BigInt(world.stations.shishu.group!.id)
    await db().chatMessage.create({ data: { complaintId: first.id, purpose: 'TICKET_CARD', chatId, messageId: 77 } })

    const view = await loadTicketCardView(db(), second.id)
    // The station's group is a supergroup (-100…): its messages have t.me links.
    expect(view.related).toEqual([
      { trackingNumber: first.trackingNumber, link: `https://t.me/c/${chatId.toString().slice(4)}/77` },
    ])
    expect((await loadTicketCardView(db(), other.id)).related).toEqual([])
  })

  it('says which station the ticket was redirected from, and why', async () => {
    const complaint = await fileAndRoute({ areaCode: AREAS.grid5 })
    expect((await loadTicketCardView(db(), complaint.id)).redirectedFrom).toEqual({
      stationName: { name: '东关社区第2网格工作站', nameEn: null },
      reason: 'STATION_UNBOUND',
    })
  })

  it('throws for a complaint that does not exist', async () => {
    await expect(loadTicketCardView(db(), '01a20000-0000-7000-8000-000000000000')).rejects.toBeInstanceOf(
      ComplaintNotFoundError,
    )
  })
})
