import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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

async function routeAt(place: { areaCode: string } | { platform: string }) {
  const complaintId = await world.file(consumerId, place)
  const outcome = await world.app.services.routing.routeComplaint(complaintId)
  const db = world.app.database.db
  const complaint = await db.complaint.findUniqueOrThrow({ where: { id: complaintId }, include: { station: true } })
  const event = await db.complaintEvent.findFirstOrThrow({ where: { complaintId, action: 'ROUTE' } })
  return { complaintId, outcome, complaint, event }
}

describe('routing a confirmed complaint over the imported directory', () => {
  it('sends a business in a covered grid to the grid station and logs why', async () => {
    const { complaint, event } = await routeAt({ areaCode: AREAS.grid1 })
    expect(complaint.station?.code).toBe('DP-SHISHU-G1')
    expect(complaint.status).toBe('RECEIVED')
    expect(complaint.receivedAt).not.toBeNull()
    expect(event.note).toBe(`covered by grid ${AREAS.grid1}`)
    expect(event).toMatchObject({ actorRole: 'SYSTEM', fromStatus: 'SUBMITTED', toStatus: 'RECEIVED' })
  })

  it('falls back to the community station when the grid has none', async () => {
    const { complaint, event } = await routeAt({ areaCode: AREAS.grid2 })
    expect(complaint.station?.code).toBe('DP-SHISHU')
    expect(event.note).toBe(`covered by community ${AREAS.shishu}`)
  })

  it('falls back to the street station when neither grid nor community is covered', async () => {
    const { complaint, event } = await routeAt({ areaCode: AREAS.grid3 })
    expect(complaint.station?.code).toBe('DP-TONGHUI')
    expect(event.note).toBe(`covered by street ${AREAS.tonghui}`)
  })

  it('falls back to the county 12315 center when no station covers the place', async () => {
    const { complaint, event } = await routeAt({ areaCode: AREAS.grid4 })
    expect(complaint.station?.code).toBe('DP-12315')
    expect(event.note).toContain('county center of 511402')
  })

  it('hands the ticket of a station without a group to its county center, noting the station', async () => {
    const { complaint, event } = await routeAt({ areaCode: AREAS.grid5 })
    expect(complaint.station?.code).toBe('DP-12315')
    expect(event.data).toMatchObject({ redirectedFrom: 'DP-DONGGUAN-G2', redirectReason: 'STATION_UNBOUND' })
    const view = await world.app.services.ticketCards.load(complaint.id)
    expect(view.redirectedFrom).toEqual({
      stationName: { name: '东关社区第2网格工作站', nameEn: null },
      reason: 'STATION_UNBOUND',
    })
  })

  it("sends an online shop to the center of its platform's registered district", async () => {
    const { complaint, event } = await routeAt({ platform: '淘宝网' })
    expect(complaint.station?.code).toBe('PS-12315')
    expect(event.note).toContain("platform's district 511403")
  })

  it('sends an online shop on an unknown platform to the city center', async () => {
    const { complaint, event } = await routeAt({ platform: '某个小程序' })
    expect(complaint.station?.code).toBe('MS-12315')
    expect(event.note).toBe('city center (platform district unknown)')
  })

  it('routes a complaint once when its route job runs twice, and records one ticket card job', async () => {
    const complaintId = await world.file(consumerId, { areaCode: AREAS.grid1 })
    const [first, second] = await Promise.all([
      world.app.services.routing.routeComplaint(complaintId),
      world.app.services.routing.routeComplaint(complaintId),
    ])
    expect([first.status, second.status].sort()).toEqual(['already-routed', 'routed'])
    const db = world.app.database.db
    expect(await db.complaintEvent.count({ where: { complaintId, action: 'ROUTE' } })).toBe(1)
    expect(
      await db.outboxEntry.count({ where: { queue: 'notify', jobId: { startsWith: `ticket-card-${complaintId}` } } }),
    ).toBe(1)
    expect(await db.outboxEntry.findUniqueOrThrow({ where: { jobId: complaintId } })).toMatchObject({ status: 'DONE' })
  })
})
