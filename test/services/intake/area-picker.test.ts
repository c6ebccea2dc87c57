import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoRegion } from '../../../prisma/seed.ts'
import { createTestApp, type TestApp } from '../../support/app.ts'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp()
  const seeded = await seedDemoRegion(app.database.db)
  if (!seeded.ok) throw new Error('demo region did not import')
})
afterAll(async () => {
  await app.close()
})

const areas = () => app.services.intake.areas

describe('picking where the business is', () => {
  it('starts with the districts of the city, not the platforms’ home districts', async () => {
    const top = await areas().children(undefined)
    expect(top.items.map((area) => area.name)).toEqual(['东坡区', '彭山区', '仁寿县', '洪雅县', '丹棱县', '青神县'])
    expect(top.items.every((area) => area.hasChildren)).toBe(true)
  })

  it('lists the children of an area in pages of eight, ordered by code', async () => {
    const streets = await areas().children('511402')
    expect(streets.items[0]).toMatchObject({ code: '511402001', name: '通惠街道' })
    expect(streets.items.length).toBeLessThanOrEqual(8)
    const grids = await areas().children('511402001001')
    expect(grids.items.map((area) => area.code)).toEqual(['511402001001-01', '511402001001-02', '511402001001-03'])
    expect(grids.items.every((area) => !area.hasChildren)).toBe(true)
    const beyond = await areas().children('511402', 99)
    expect(beyond.page).toBe(beyond.pageCount - 1)
  })

  it('names the path from the district down to the picked area', async () => {
    const path = await areas().path('511402001001-02')
    expect(path.map((area) => area.name)).toEqual(['东坡区', '通惠街道', '诗书社区', '诗书社区第2网格'])
  })

  it('finds the community nearest to a shared location', async () => {
    const result = await areas().nearestCommunity(30.0462, 103.8412)
    expect(result).toMatchObject({ status: 'found', nearest: { area: { code: '511402001001' } } })
  })

  it('asks to choose when two communities are about equally near', async () => {
    // Half-way between 诗书社区 (30.046, 103.841) and 东坡湖社区 (30.05, 103.836).
    const result = await areas().nearestCommunity(30.048, 103.8385)
    expect(result.status).toBe('ambiguous')
    if (result.status !== 'ambiguous') return
    expect(result.candidates.map((c) => c.area.code).sort()).toEqual(['511402001001', '511402001002'])
  })

  it('finds nothing for a location far outside the region', async () => {
    expect(await areas().nearestCommunity(31.2304, 121.4737)).toEqual({ status: 'none' })
  })

  it('lists the known online platforms', async () => {
    expect((await areas().platforms()).map((p) => p.code)).toEqual(['jd', 'meituan', 'pinduoduo', 'taobao', 'tmall'])
  })
})
