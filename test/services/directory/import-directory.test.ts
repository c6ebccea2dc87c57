import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { importDirectory } from '../../../src/services/directory/import-directory.ts'
import { readDirectoryFile } from '../../../src/services/directory/read-directory-file.ts'
import { createTestDatabase, type TestDatabase } from '../../support/database.ts'
import { TEST_OPERATOR as by } from '../../support/operator.ts'
import { directoryContent, directoryRows, GOOD_JSON, goodCsv, rowCounts } from './directory-fixtures.ts'
import { directoryImportKit, withRow } from './directory-import-kit.ts'

let testDb: TestDatabase
beforeAll(async () => {
  testDb = await createTestDatabase()
})
afterAll(async () => {
  await testDb.drop()
})
const { clearDirectory, importCsv, importJson } = directoryImportKit(() => testDb.db)
beforeEach(clearDirectory)

describe('importDirectory', () => {
  it('reports a bad CSV row with its physical line and value, and writes nothing', async () => {
    const before = await rowCounts(testDb.db)
    const text = goodCsv(
      withRow(7, {
        type: 'area',
        code: '511402001001-02',
        level: 'GRID',
        name: '第2网格',
        parentCode: '511402001001',
        latitude: '300.5',
        longitude: '103.84',
      }),
    )
    const result = await importCsv(text)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toEqual([
      expect.objectContaining({ line: 7, section: 'areas', field: 'latitude', value: '300.5' }),
    ])
    expect(await rowCounts(testDb.db)).toEqual(before)
  })

  it('reports a bad JSON element with the line it starts on, and writes nothing', async () => {
    const before = await rowCounts(testDb.db)
    const text = GOOD_JSON.replace('"name": "诗书社区第2网格"', '"name": "诗书社区第2网格", "phone": "x"')
    const result = await importJson(text)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toEqual([
      expect.objectContaining({ line: 8, section: 'areas', value: 'phone', message: 'unknown field phone' }),
    ])
    expect(await rowCounts(testDb.db)).toEqual(before)
  })

  it('counts the line of a JSON element that spans several lines from its opening brace', async () => {
    const text = JSON.stringify(
      {
        areas: [
          { code: '511400', level: 'CITY', name: '眉山市' },
          { code: '511402', level: 'DISTRICT', name: '', parentCode: '511400' },
        ],
      },
      null,
      2,
    )
    const result = await importJson(text)
    if (result.ok) throw new Error('expected errors')
    // {, "areas": [, {, code, level, name, }, { ← line 8
    expect(result.errors).toEqual([expect.objectContaining({ line: 8, field: 'name', value: '' })])
  })

  it('imports a CSV file and leaves everything unchanged the second time', async () => {
    const first = await importCsv(goodCsv())
    expect(first).toMatchObject({ ok: true, warnings: [] })
    if (!first.ok) return
    expect(first.counts.areas).toEqual({ created: 7, updated: 0, unchanged: 0, skipped: 0 })
    expect(first.counts.stations).toEqual({ created: 3, updated: 0, unchanged: 0, skipped: 0 })
    expect(first.counts.coverage).toEqual({ created: 3, updated: 0, unchanged: 0, skipped: 0 })
    expect(first.counts.platforms).toEqual({ created: 1, updated: 0, unchanged: 0, skipped: 0 })
    const rows = await directoryRows(testDb.db)

    const second = await importCsv(goodCsv())
    expect(second.ok).toBe(true)
    if (!second.ok) return
    expect(second.counts).toEqual({
      areas: { created: 0, updated: 0, unchanged: 7, skipped: 0 },
      stations: { created: 0, updated: 0, unchanged: 3, skipped: 0 },
      coverage: { created: 0, updated: 0, unchanged: 3, skipped: 0 },
      platforms: { created: 0, updated: 0, unchanged: 1, skipped: 0 },
      liaisonGrids: { created: 0, updated: 0, unchanged: 0, skipped: 0 },
    })
    expect(await directoryRows(testDb.db)).toEqual(rows)
  })

  it('imports the same region from JSON as from CSV, and a JSON re-import changes nothing', async () => {
    await importCsv(goodCsv())
    const fromCsv = await directoryContent(testDb.db)
    await clearDirectory()

    const first = await importJson(GOOD_JSON)
    expect(first.ok).toBe(true)
    expect(await directoryContent(testDb.db)).toEqual(fromCsv)
    const second = await importJson(GOOD_JSON)
    if (!second.ok) throw new Error('expected success')
    expect(Object.values(second.counts).every((counts) => counts.created === 0 && counts.updated === 0)).toBe(true)
  })

  it('stores phone numbers in one canonical form', async () => {
    await importCsv(goodCsv())
    const station = await testDb.db.station.findUniqueOrThrow({ where: { code: 'DP-TONGHUI' } })
    expect(station.phone).toBe('028-38123456')
  })

  it("stores a station's English address from CSV and JSON, and rejects one written in Chinese characters", async () => {
    await importCsv(goodCsv())
    expect((await testDb.db.station.findUniqueOrThrow({ where: { code: 'DP-TONGHUI' } })).addressEn).toBe(
      'Public Service Center, Tonghui Subdistrict',
    )
    expect((await testDb.db.station.findUniqueOrThrow({ where: { code: 'DP-12315' } })).addressEn).toBeNull()
    const changed = await importJson(
      GOOD_JSON.replace(
        '"addressEn": "Public Service Center, Tonghui Subdistrict"',
        '"addressEn": "Tonghui Public Service Center"',
      ),
    )
    if (!changed.ok) throw new Error('expected success')
    expect(changed.counts.stations).toEqual({ created: 0, updated: 1, unchanged: 2, skipped: 0 })
    expect((await testDb.db.station.findUniqueOrThrow({ where: { code: 'DP-TONGHUI' } })).addressEn).toBe(
      'Tonghui Public Service Center',
    )

    const chinese = await importCsv(
      goodCsv(
        withRow(10, {
          type: 'station',
          code: 'DP-12315',
          kind: 'COUNTY_CENTER',
          name: '东坡区12315投诉举报中心',
          addressEn: '东坡区市场监督管理局',
          districtCode: '511402',
        }),
      ),
    )
    if (chinese.ok) throw new Error('expected an error')
    expect(chinese.errors).toEqual([
      expect.objectContaining({
        line: 10,
        section: 'stations',
        field: 'addressEn',
        value: '东坡区市场监督管理局',
        message: expect.stringContaining('Latin letters'),
      }),
    ])
  })

  it('counts a changed row as updated and the rest as unchanged', async () => {
    await importCsv(goodCsv())
    const result = await importCsv(
      goodCsv(
        withRow(4, {
          type: 'area',
          code: '511402001',
          level: 'STREET',
          name: '通惠街道',
          nameEn: 'Tonghui Subdistrict',
          parentCode: '511402',
        }),
      ),
    )
    if (!result.ok) throw new Error('expected success')
    expect(result.counts.areas).toEqual({ created: 0, updated: 1, unchanged: 6, skipped: 0 })
    expect((await testDb.db.area.findUniqueOrThrow({ where: { code: '511402001' } })).nameEn).toBe(
      'Tonghui Subdistrict',
    )
  })

  it('reports a JSON syntax error with its line', async () => {
    const result = await importJson('{\n  "areas": [\n    {"code": "511400",}\n  ]\n}')
    if (result.ok) throw new Error('expected errors')
    expect(result.errors).toEqual([expect.objectContaining({ line: 3, section: 'file' })])
  })

  it('validates and counts without writing on a dry run', async () => {
    const result = await importDirectory(testDb.db, readDirectoryFile(goodCsv(), 'csv'), { dryRun: true, by })
    if (!result.ok) throw new Error('expected success')
    expect(result.counts.areas.created).toBe(7)
    expect(await testDb.db.area.count()).toBe(0)
  })
})
