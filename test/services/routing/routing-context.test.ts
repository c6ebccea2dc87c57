import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AREAS, createDeliveryWorld, type DeliveryWorld } from '../../queue/support/delivery-world.ts'

let world: DeliveryWorld
let consumerId: number

beforeAll(async () => {
  world = await createDeliveryWorld()
  consumerId = (await world.consumer()).personId
  await world.app.database.db.platform.create({
    data: { code: 'jd', name: 'JD.com', aliases: ['京东'], districtCode: AREAS.pengshan },
  })
})
afterAll(async () => {
  await world.close()
})

const db = () => world.app.database.db

async function routed(complaintId: string) {
  const outcome = await world.app.services.routing.routeComplaint(complaintId)
  const complaint = await db().complaint.findUniqueOrThrow({ where: { id: complaintId }, include: { station: true } })
  return { outcome, station: complaint.station?.code, liaisonId: complaint.liaisonId }
}

async function liaison(gridCode: string, stationId: string) {
  const { personId } = await world.consumer()
  const membership = await db().membership.create({
    data: { personId, stationId, role: 'LIAISON', grids: { create: [{ areaCode: gridCode }] } },
  })
  return { personId, membershipId: membership.id }
}

describe('what routing reads about a complaint, in one query', () => {
  it('finds the district of a platform picked by its code', async () => {
    const id = await world.file(
      consumerId,
      { platform: '某个名字' },
      { location: { type: 'online', platformName: '某个名字', platformCode: 'taobao' } },
    )
    expect((await routed(id)).station).toBe('PS-12315')
  })

  it('matches a typed platform name whatever its case, and its aliases exactly', async () => {
    expect((await routed(await world.file(consumerId, { platform: 'jd.COM' }))).station).toBe('PS-12315')
    expect((await routed(await world.file(consumerId, { platform: '京东' }))).station).toBe('PS-12315')
    expect((await routed(await world.file(consumerId, { platform: 'taobao' }))).station).toBe('MS-12315')
  })

  it('assigns the grid liaison only while exactly one active liaison looks after the grid', async () => {
    const first = await liaison(AREAS.grid1, world.stations.grid1.id)
    const alone = await routed(await world.file(consumerId, { areaCode: AREAS.grid1 }))
    expect(alone.outcome).toMatchObject({ status: 'routed', liaisonId: first.personId })
    expect(alone.liaisonId).toBe(first.personId)

    const second = await liaison(AREAS.grid1, world.stations.grid1.id)
    expect((await routed(await world.file(consumerId, { areaCode: AREAS.grid1 }))).liaisonId).toBeNull()

    await db().membership.update({ where: { id: second.membershipId }, data: { revokedAt: new Date() } })
    expect((await routed(await world.file(consumerId, { areaCode: AREAS.grid1 }))).liaisonId).toBe(first.personId)
    // A liaison of another grid is never assigned.
    expect((await routed(await world.file(consumerId, { areaCode: AREAS.grid2 }))).liaisonId).toBeNull()
  })

  it('routes an inquiry without a place to the city center', async () => {
    const id = await world.file(consumerId, { areaCode: AREAS.grid1 }, { location: null }, 'INQUIRY')
    expect(await routed(id)).toMatchObject({
      station: 'MS-12315',
      outcome: { status: 'routed', reason: 'city center (no place)' },
    })
  })

  it('says a complaint that does not exist is missing', async () => {
    expect(await world.app.services.routing.routeComplaint('01a20000-0000-7000-8000-000000000000')).toEqual({
      status: 'missing',
    })
  })
})
