import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../support/database.ts'
import { GOOD_CSV_ROWS, GOOD_JSON, goodCsv, rowCounts } from './directory-fixtures.ts'
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

describe('importDirectory: the rules across rows', () => {
  it('rejects a grid whose parent is a street', async () => {
    const result = await importCsv(
      goodCsv(
        withRow(7, { type: 'area', code: '511402001001-02', level: 'GRID', name: '网格', parentCode: '511402001' }),
      ),
    )
    if (result.ok) throw new Error('expected errors')
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          line: 7,
          field: 'parentCode',
          value: '511402001',
          message: "a GRID's parent must be a COMMUNITY, but 511402001 is a STREET",
        }),
      ]),
    )
    expect(await testDb.db.area.count()).toBe(0)
  })

  it('rejects coverage naming a station that is neither in the file nor stored', async () => {
    const result = await importCsv(
      goodCsv([...GOOD_CSV_ROWS, { type: 'coverage', stationCode: 'NO-SUCH', areaCodes: '511402001001' }]),
    )
    if (result.ok) throw new Error('expected errors')
    expect(result.errors).toEqual([
      expect.objectContaining({ line: 16, section: 'coverage', field: 'stationCode', value: 'NO-SUCH' }),
    ])
    expect(await rowCounts(testDb.db)).toMatchObject({ area: 0, station: 0, coverage: 0 })
  })

  it('rejects coverage naming an unknown area', async () => {
    const result = await importCsv(
      goodCsv([
        ...GOOD_CSV_ROWS,
        { type: 'coverage', stationCode: 'DP-TONGHUI', areaCodes: '511402001001;511402001009' },
      ]),
    )
    if (result.ok) throw new Error('expected errors')
    expect(result.errors).toEqual([
      expect.objectContaining({
        line: 16,
        field: 'areaCodes',
        value: '511402001001',
        message: 'station DP-TONGHUI already covers this area at line 12',
      }),
      expect.objectContaining({ line: 16, field: 'areaCodes', value: '511402001009' }),
    ])
  })

  it('accepts parents, stations and areas that are already stored', async () => {
    await importCsv(goodCsv())
    const result = await importCsv(
      goodCsv([
        { type: 'area', code: '511402001002', level: 'COMMUNITY', name: '东坡湖社区', parentCode: '511402001' },
        { type: 'area', code: '511402001002-01', level: 'GRID', name: '东坡湖社区第1网格', parentCode: '511402001002' },
        { type: 'coverage', stationCode: 'DP-TONGHUI', areaCodes: '511402001002' },
      ]),
    )
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    expect(result.counts.areas.created).toBe(2)
    expect(result.counts.coverage.created).toBe(1)
  })

  it('reports duplicate codes, a wrong code prefix, a second city, bad coordinates and phones, all at once', async () => {
    const result = await importCsv(
      goodCsv([
        ...GOOD_CSV_ROWS,
        { type: 'area', code: '511402', level: 'DISTRICT', name: '重复', parentCode: '511400' }, // 16
        { type: 'area', code: '511403001', level: 'STREET', name: '凤鸣街道', parentCode: '511402' }, // 17
        { type: 'area', code: '510100', level: 'CITY', name: '成都市' }, // 18
        {
          type: 'area',
          code: '511402001003',
          level: 'COMMUNITY',
          name: '社区',
          parentCode: '511402001',
          latitude: '103.8',
          longitude: '30.0',
        }, // 19
        {
          type: 'station',
          code: 'DP-X',
          kind: 'COMPLAINT_STATION',
          name: '市场',
          phone: '12345abc',
          districtCode: '511402',
        }, // 20
        { type: 'station', code: 'DP-Y', kind: 'COMPLAINT_STATION', name: '市场', districtCode: '511402001' }, // 21
        { type: 'platform', code: 'jd', name: '京东', districtCode: '110115' }, // 22
      ]),
    )
    if (result.ok) throw new Error('expected errors')
    const summary = result.errors.map((error) => `${error.line}:${error.field}=${error.value}`)
    expect(summary).toEqual(
      expect.arrayContaining([
        '2:code=511400',
        '16:code=511402',
        '17:code=511403001',
        '18:code=510100',
        '19:latitude=103.8',
        '19:longitude=30',
        '20:phone=12345abc',
        '21:districtCode=511402001',
        '22:districtCode=110115',
      ]),
    )
    expect(result.errors.map((error) => error.line)).toEqual(
      [...result.errors.map((error) => error.line)].sort((a, b) => a - b),
    )
    expect(await testDb.db.area.count()).toBe(0)
  })

  it('rejects CSV cells in columns the row type does not use, unknown types and unknown columns', async () => {
    const text = `${goodCsv()}station,DP-Z,COMMUNITY,COMPLAINT_STATION,市场,,,,,,,,511402,,,,,\nstore,x\n`
    const result = await importCsv(text)
    if (result.ok) throw new Error('expected errors')
    expect(result.errors).toEqual([
      expect.objectContaining({ line: 16, field: 'level', value: 'COMMUNITY' }),
      expect.objectContaining({ line: 17, field: 'type', value: 'store' }),
    ])
    const unknownColumn = await importCsv('type,code,colour\narea,511400,red\n')
    if (unknownColumn.ok) throw new Error('expected errors')
    expect(unknownColumn.errors[0]).toMatchObject({ line: 1, value: 'colour' })
  })

  it('refuses to change the level of a stored area', async () => {
    await importCsv(goodCsv())
    const result = await importCsv(goodCsv([{ type: 'area', code: '511400', level: 'DISTRICT', name: '眉山市' }]))
    if (result.ok) throw new Error('expected errors')
    expect(result.errors).toEqual([
      expect.objectContaining({
        line: 2,
        field: 'level',
        value: 'DISTRICT',
        message: "area 511400 is stored as a CITY; an area's level cannot change",
      }),
    ])
  })

  it('refuses to change the kind of a stored station (a liaison station does not become a 市场监管所 by import)', async () => {
    await importCsv(goodCsv())
    const office = {
      type: 'station',
      code: 'DP-TONGHUI',
      kind: 'MARKET_SUPERVISION_OFFICE',
      name: '通惠街道12315联络站',
      districtCode: '511402',
    }
    const result = await importCsv(goodCsv([office]))
    if (result.ok) throw new Error('expected errors')
    expect(result.errors).toEqual([
      expect.objectContaining({
        line: 2,
        field: 'kind',
        value: 'MARKET_SUPERVISION_OFFICE',
        message: expect.stringContaining(
          "station DP-TONGHUI is a COMMUNITY_LIAISON_STATION; a station's kind is not changed",
        ),
      }),
    ])
    expect((await testDb.db.station.findUniqueOrThrow({ where: { code: 'DP-TONGHUI' } })).kind).toBe(
      'COMMUNITY_LIAISON_STATION',
    )
  })

  describe('liaison grids', () => {
    const liaisonRow = {
      type: 'liaison_grid',
      telegramId: '424242',
      stationCode: 'DP-TONGHUI',
      gridCodes: '511402001001-01;511402001001-02',
    }

    it('skips a person who has not started the bot, with a warning', async () => {
      const result = await importCsv(goodCsv([...GOOD_CSV_ROWS, liaisonRow]))
      if (!result.ok) throw new Error(JSON.stringify(result.errors))
      expect(result.warnings).toEqual([expect.objectContaining({ line: 16, field: 'telegramId', value: '424242' })])
      expect(result.counts.liaisonGrids).toEqual({ created: 0, updated: 0, unchanged: 0, skipped: 2 })
    })

    it('skips a person without a liaison membership, and applies grids to an active liaison once', async () => {
      await importCsv(goodCsv())
      const person = await testDb.db.person.create({ data: { telegramId: 424242n, displayName: '王五' } })
      const skipped = await importCsv(goodCsv([liaisonRow]))
      if (!skipped.ok) throw new Error(JSON.stringify(skipped.errors))
      expect(skipped.warnings[0]?.message).toContain('not a liaison of station DP-TONGHUI')

      const station = await testDb.db.station.findUniqueOrThrow({ where: { code: 'DP-TONGHUI' } })
      await testDb.db.membership.create({ data: { personId: person.id, stationId: station.id, role: 'LIAISON' } })
      const applied = await importCsv(goodCsv([liaisonRow]))
      if (!applied.ok) throw new Error(JSON.stringify(applied.errors))
      expect(applied.counts.liaisonGrids).toEqual({ created: 2, updated: 0, unchanged: 0, skipped: 0 })
      const again = await importCsv(goodCsv([liaisonRow]))
      if (!again.ok) throw new Error(JSON.stringify(again.errors))
      expect(again.counts.liaisonGrids).toEqual({ created: 0, updated: 0, unchanged: 2, skipped: 0 })
      expect(await testDb.db.liaisonGrid.count()).toBe(2)
    })

    it('rejects a grid outside the areas the station covers', async () => {
      const result = await importCsv(
        goodCsv([
          ...GOOD_CSV_ROWS,
          { type: 'area', code: '511402001002', level: 'COMMUNITY', name: '东坡湖社区', parentCode: '511402001' },
          {
            type: 'area',
            code: '511402001002-01',
            level: 'GRID',
            name: '东坡湖社区第1网格',
            parentCode: '511402001002',
          },
          { ...liaisonRow, gridCodes: '511402001002-01;511402001001' },
        ]),
      )
      if (result.ok) throw new Error('expected errors')
      expect(result.errors).toEqual([
        expect.objectContaining({
          line: 18,
          value: '511402001002-01',
          message: 'is not in any area station DP-TONGHUI covers',
        }),
        expect.objectContaining({ line: 18, value: '511402001001', message: 'is a COMMUNITY, not a GRID' }),
      ])
    })
  })

  it('imports a 市场监管所 covering a street, and refuses one covering a community, naming the line', async () => {
    const office =
      '{"code": "DP-SJS-TONGHUI", "kind": "MARKET_SUPERVISION_OFFICE", "name": "东坡区市场监督管理局通惠市场监管所", "districtCode": "511402"},'
    const withOffice = (areaCode: string) =>
      GOOD_JSON.replace('"stations": [\n', `"stations": [\n    ${office}\n`).replace(
        '"coverage": [\n',
        `"coverage": [\n    {"stationCode": "DP-SJS-TONGHUI", "areaCodes": ["${areaCode}"]},\n`,
      )
    const refused = await importJson(withOffice('511402001001'))
    expect(refused.ok).toBe(false)
    if (refused.ok) return
    expect(refused.errors).toEqual([
      expect.objectContaining({
        section: 'coverage',
        field: 'areaCodes',
        value: '511402001001',
        message: expect.stringContaining('covers streets'),
      }),
    ])
    const imported = await importJson(withOffice('511402001'))
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors))
    const stored = await testDb.db.station.findUniqueOrThrow({
      where: { code: 'DP-SJS-TONGHUI' },
      include: { coverages: true },
    })
    expect([stored.kind, stored.coverages.map((link) => link.areaCode)]).toEqual([
      'MARKET_SUPERVISION_OFFICE',
      ['511402001'],
    ])
  })
})
