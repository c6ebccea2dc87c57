import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoRegion } from '../../../prisma/seed.ts'
import { createTestDatabase, type TestDatabase } from '../../support/database.ts'
import { directoryRows, rowCounts } from './directory-fixtures.ts'

const root = fileURLToPath(new URL('../../..', import.meta.url))
let testDb: TestDatabase
beforeAll(async () => {
  testDb = await createTestDatabase()
})
afterAll(async () => {
  await testDb.drop()
})

describe('db:seed', () => {
  it('loads the demo region through importDirectory, and a second run changes nothing', async () => {
    const { stdout } = await promisify(execFile)(`${root}node_modules/.bin/tsx`, ['prisma/seed.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: testDb.url },
    })
    expect(stdout).toMatch(/areas\s+created \d+/)
    const counts = await rowCounts(testDb.db)
    const rows = await directoryRows(testDb.db)
    expect(counts.area).toBeGreaterThan(100)
    expect(counts.station).toBeGreaterThan(10)

    const second = await seedDemoRegion(testDb.db)
    if (!second.ok) throw new Error(JSON.stringify(second.errors))
    for (const entity of Object.values(second.counts)) expect(entity).toMatchObject({ created: 0, updated: 0 })
    expect(await rowCounts(testDb.db)).toEqual(counts)
    expect(await directoryRows(testDb.db)).toEqual(rows)
  })

  it('has the six counties of 眉山市, each with its 12315 center covering it, and the city center', async () => {
    const counties = await testDb.db.area.findMany({ where: { parentCode: '511400' }, orderBy: { code: 'asc' } })
    expect(counties.map((county) => `${county.code} ${county.name}`)).toEqual([
      '511402 东坡区',
      '511403 彭山区',
      '511421 仁寿县',
      '511423 洪雅县',
      '511424 丹棱县',
      '511425 青神县',
    ])
    const centers = await testDb.db.station.findMany({ where: { kind: 'COUNTY_CENTER' }, include: { coverages: true } })
    expect(centers.flatMap((center) => center.coverages.map((link) => link.areaCode)).sort()).toEqual(
      counties.map((county) => county.code),
    )
    const city = await testDb.db.station.findFirstOrThrow({
      where: { kind: 'CITY_CENTER' },
      include: { coverages: true },
    })
    expect(city.coverages.map((link) => link.areaCode)).toEqual(['511400'])
    const market = await testDb.db.station.findFirstOrThrow({
      where: { kind: 'COMPLAINT_STATION' },
      include: { coverages: { include: { area: true } } },
    })
    expect(market.coverages.map((link) => link.area.level)).toEqual(['GRID'])
    expect(await testDb.db.platform.count()).toBeGreaterThanOrEqual(4)
  })

  it('gives every county one or two 市场监管所 covering streets of that county', async () => {
    const counties = await testDb.db.area.findMany({ where: { parentCode: '511400' } })
    const offices = await testDb.db.station.findMany({
      where: { kind: 'MARKET_SUPERVISION_OFFICE' },
      include: { coverages: { include: { area: true } } },
    })
    for (const county of counties) {
      const own = offices.filter((office) => office.districtCode === county.code)
      expect(own.length, county.name).toBeGreaterThanOrEqual(1)
      expect(own.length, county.name).toBeLessThanOrEqual(2)
      for (const office of own) {
        expect(office.name).toMatch(/^.+(区|县)市场监督管理局.+市场监管所$/)
        expect(office.coverages.map((link) => [link.area.level, link.area.parentCode])).toEqual(
          office.coverages.map(() => ['STREET', county.code]),
        )
      }
    }
    expect(offices.find((office) => office.code === 'DP-SJS-TONGHUI')?.name).toBe('东坡区市场监督管理局通惠市场监管所')
  })

  it('gives every station an English address for English-speaking consumers', async () => {
    const stations = await testDb.db.station.findMany()
    expect(
      stations
        .filter((station) => !station.addressEn || /\p{Script=Han}/u.test(station.addressEn))
        .map((station) => station.code),
    ).toEqual([])
    expect(stations.find((station) => station.code === 'DP-TONGHUI')?.addressEn).toBe(
      'Public Service Center, Tonghui Subdistrict, Dongpo District, Meishan',
    )
  })
})
