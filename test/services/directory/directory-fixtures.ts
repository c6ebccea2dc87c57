/** Small directory files shared by the directory, admin and invite tests. */
import type { Database } from '../../../src/db/client.ts'

export const CSV_COLUMNS = [
  'type',
  'code',
  'level',
  'kind',
  'name',
  'nameEn',
  'parentCode',
  'latitude',
  'longitude',
  'address',
  'addressEn',
  'phone',
  'districtCode',
  'stationCode',
  'areaCodes',
  'aliases',
  'telegramId',
  'gridCodes',
] as const

type CsvFields = Partial<Record<(typeof CSV_COLUMNS)[number], string>>

/** One CSV line with the cells in header order; cells with a comma or a quote are quoted. */
export function csvLine(fields: CsvFields): string {
  return CSV_COLUMNS.map((column) => {
    const value = fields[column] ?? ''
    return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
  }).join(',')
}

/** A tiny but complete region: line numbers are the array index + 2 (the header is line 1). */
export const GOOD_CSV_ROWS: CsvFields[] = [
  {
    type: 'area',
    code: '511400',
    level: 'CITY',
    name: '眉山市',
    nameEn: 'Meishan',
    latitude: '30.0757',
    longitude: '103.8485',
  }, // 2
  { type: 'area', code: '511402', level: 'DISTRICT', name: '东坡区', nameEn: 'Dongpo District', parentCode: '511400' }, // 3
  { type: 'area', code: '511402001', level: 'STREET', name: '通惠街道', parentCode: '511402' }, // 4
  {
    type: 'area',
    code: '511402001001',
    level: 'COMMUNITY',
    name: '诗书社区',
    parentCode: '511402001',
    latitude: '30.046',
    longitude: '103.841',
  }, // 5
  { type: 'area', code: '511402001001-01', level: 'GRID', name: '诗书社区第1网格', parentCode: '511402001001' }, // 6
  { type: 'area', code: '511402001001-02', level: 'GRID', name: '诗书社区第2网格', parentCode: '511402001001' }, // 7
  { type: 'area', code: '330110', level: 'DISTRICT', name: '杭州市余杭区', nameEn: 'Yuhang District, Hangzhou' }, // 8
  {
    type: 'station',
    code: 'DP-TONGHUI',
    kind: 'COMMUNITY_LIAISON_STATION',
    name: '通惠街道12315联络站',
    address: '通惠街道便民服务中心',
    addressEn: 'Public Service Center, Tonghui Subdistrict',
    phone: '028 3812 3456',
    districtCode: '511402',
  }, // 9
  {
    type: 'station',
    code: 'DP-12315',
    kind: 'COUNTY_CENTER',
    name: '东坡区12315投诉举报中心',
    phone: '12315',
    districtCode: '511402',
  }, // 10
  { type: 'station', code: 'MS-12315', kind: 'CITY_CENTER', name: '眉山市12315投诉举报中心', districtCode: '511400' }, // 11
  { type: 'coverage', stationCode: 'DP-TONGHUI', areaCodes: '511402001001' }, // 12
  { type: 'coverage', stationCode: 'DP-12315', areaCodes: '511402' }, // 13
  { type: 'coverage', stationCode: 'MS-12315', areaCodes: '511400' }, // 14
  { type: 'platform', code: 'taobao', name: '淘宝', aliases: '淘宝网;Taobao', districtCode: '330110' }, // 15
]

export function goodCsv(rows: CsvFields[] = GOOD_CSV_ROWS): string {
  return `${[CSV_COLUMNS.join(','), ...rows.map(csvLine)].join('\n')}\n`
}

/** The same region as {@link GOOD_CSV_ROWS}, as JSON with one element per line. */
export const GOOD_JSON = `{
  "areas": [
    {"code": "511400", "level": "CITY", "name": "眉山市", "nameEn": "Meishan", "latitude": 30.0757, "longitude": 103.8485},
    {"code": "511402", "level": "DISTRICT", "name": "东坡区", "nameEn": "Dongpo District", "parentCode": "511400"},
    {"code": "511402001", "level": "STREET", "name": "通惠街道", "parentCode": "511402"},
    {"code": "511402001001", "level": "COMMUNITY", "name": "诗书社区", "parentCode": "511402001", "latitude": 30.046, "longitude": 103.841},
    {"code": "511402001001-01", "level": "GRID", "name": "诗书社区第1网格", "parentCode": "511402001001"},
    {"code": "511402001001-02", "level": "GRID", "name": "诗书社区第2网格", "parentCode": "511402001001"},
    {"code": "330110", "level": "DISTRICT", "name": "杭州市余杭区", "nameEn": "Yuhang District, Hangzhou"}
  ],
  "stations": [
    {"code": "DP-TONGHUI", "kind": "COMMUNITY_LIAISON_STATION", "name": "通惠街道12315联络站", "address": "通惠街道便民服务中心", "addressEn": "Public Service Center, Tonghui Subdistrict", "phone": "028-38123456", "districtCode": "511402"},
    {"code": "DP-12315", "kind": "COUNTY_CENTER", "name": "东坡区12315投诉举报中心", "phone": "12315", "districtCode": "511402"},
    {"code": "MS-12315", "kind": "CITY_CENTER", "name": "眉山市12315投诉举报中心", "districtCode": "511400"}
  ],
  "coverage": [
    {"stationCode": "DP-TONGHUI", "areaCodes": ["511402001001"]},
    {"stationCode": "DP-12315", "areaCodes": ["511402"]},
    {"stationCode": "MS-12315", "areaCodes": ["511400"]}
  ],
  "platforms": [
    {"code": "taobao", "name": "淘宝", "aliases": ["淘宝网", "Taobao"], "districtCode": "330110"}
  ]
}
`

export interface RowCounts {
  area: number
  station: number
  coverage: number
  platform: number
  membership: number
  liaisonGrid: number
  invite: number
}

/** How many rows each directory table holds. */
export async function rowCounts(db: Database): Promise<RowCounts> {
  return {
    area: await db.area.count(),
    station: await db.station.count(),
    coverage: await db.stationCoverage.count(),
    platform: await db.platform.count(),
    membership: await db.membership.count(),
    liaisonGrid: await db.liaisonGrid.count(),
    invite: await db.invite.count(),
  }
}

/** Every directory row, for comparing two databases or two moments. */
export async function directoryRows(db: Database) {
  return {
    areas: await db.area.findMany({ orderBy: { code: 'asc' }, omit: { createdAt: true } }),
    stations: await db.station.findMany({ orderBy: { code: 'asc' }, omit: { id: true, createdAt: true } }),
    coverage: (await db.stationCoverage.findMany({ select: { areaCode: true, station: { select: { code: true } } } }))
      .map((link) => `${link.station.code}>${link.areaCode}`)
      .sort(),
    platforms: await db.platform.findMany({ orderBy: { code: 'asc' }, omit: { createdAt: true } }),
  }
}

/** {@link directoryRows} without updatedAt, to compare the content of two imports made at different times. */
export async function directoryContent(db: Database) {
  const rows = await directoryRows(db)
  const strip = <T extends { updatedAt: Date }>(list: T[]) => list.map(({ updatedAt: _updatedAt, ...rest }) => rest)
  return { ...rows, areas: strip(rows.areas), stations: strip(rows.stations), platforms: strip(rows.platforms) }
}
