/**
 * The one fixture world for tests: areas, stations, people, memberships and filed complaints, written through Prisma
 * and the real services. Two shapes of area tree:
 * - `DONGPO`, the real 东坡区 codes down to two grids (`seedAreas`, idempotent), shared by every test file that
 *   seeds it; tests that need their own stations create them here;
 * - `createRegion`, a made-up district of its own, so that routing tests never route into each other's stations.
 * Scenario builders (test/bot/tickets/ticket-world.ts, test/queue/support/delivery-world.ts) are built on these.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type { Database } from '../../src/db/client.ts'
import type { ConfirmedIntake, FormKind } from '../../src/domain/intake-form/draft.ts'
import type { MemberRole, StationKind } from '../../src/generated/prisma/enums.ts'
import type { Services } from '../../src/services/services.ts'

/** A district of its own with one community and two grids, so that tests never route into each other's stations. */
export interface Region {
  district: string
  community: string
  grid: string
  otherGrid: string
}

/** Creates a fresh region under the 眉山 city area. */
export async function createRegion(db: Database): Promise<Region> {
  const n = randomBytes(3).readUIntBE(0, 3) % 1_000_000
  const district = `9${String(n).padStart(6, '0')}`
  const region = {
    district,
    community: `${district}001001`,
    grid: `${district}001001-01`,
    otherGrid: `${district}001001-02`,
  }
  await db.area.createMany({
    skipDuplicates: true,
    data: [{ code: '511400', level: 'CITY', name: '眉山市', nameEn: 'Meishan' }],
  })
  await db.area.createMany({
    data: [
      { code: district, level: 'DISTRICT', name: `东坡${n}区`, nameEn: `Dongpo ${n}`, parentCode: '511400' },
      { code: `${district}001`, level: 'STREET', name: '通惠街道', parentCode: district },
      { code: region.community, level: 'COMMUNITY', name: '诗书社区', parentCode: `${district}001` },
      {
        code: region.grid,
        level: 'GRID',
        name: '诗书社区第1网格',
        nameEn: 'Shishu grid 1',
        parentCode: region.community,
      },
      {
        code: region.otherGrid,
        level: 'GRID',
        name: '诗书社区第2网格',
        nameEn: 'Shishu grid 2',
        parentCode: region.community,
      },
    ],
  })
  return region
}

/** The real 东坡区 tree that `seedAreas` writes: 通惠街道 › 诗书社区 › grids 1 and 2. */
export const DONGPO: Region = {
  district: '511402',
  community: '511402001001',
  grid: '511402001001-01',
  otherGrid: '511402001001-02',
}

/** The two grids of `DONGPO`, by name. */
export const GRIDS = { first: DONGPO.grid, second: DONGPO.otherGrid } as const

/** The 东坡区 area tree down to two grids (idempotent, so every test file can call it once). */
export async function seedAreas(db: Database): Promise<void> {
  await db.area.createMany({
    skipDuplicates: true,
    data: [
      { code: '511400', level: 'CITY', name: '眉山市', nameEn: 'Meishan' },
      { code: '511402', level: 'DISTRICT', name: '东坡区', nameEn: 'Dongpo District', parentCode: '511400' },
      { code: '511402001', level: 'STREET', name: '通惠街道', parentCode: '511402' },
      { code: '511402001001', level: 'COMMUNITY', name: '诗书社区', parentCode: '511402001' },
      {
        code: GRIDS.first,
        level: 'GRID',
        name: '诗书社区第1网格',
        nameEn: 'Shishu grid 1',
        parentCode: '511402001001',
      },
      {
        code: GRIDS.second,
        level: 'GRID',
        name: '诗书社区第2网格',
        nameEn: 'Shishu grid 2',
        parentCode: '511402001001',
      },
    ],
  })
}

/** A station as the tests know it. */
export interface TestStation {
  id: string
  code: string
  name: string
  nameEn: string
}

let fakeChatIds = -1_009_000_000_000 - Math.floor(Math.random() * 1_000_000) * 1000

/**
 * A station of its own for one test, in `region` (default `DONGPO`, whose areas `seedAreas` must have written). `chatId: 'fake'` binds it to a made-up group (service tests: nothing is sent), a
 * number binds it to that group. A liaison station covers the region's community, a 市场监管所 its street; a center
 * covers nothing.
 */
export async function createStation(
  db: Database,
  region: Region = DONGPO,
  options: { kind?: StationKind; chatId?: number | 'fake' | null; label?: string } = {},
): Promise<TestStation> {
  const suffix = randomBytes(3).toString('hex').toUpperCase()
  const kind = options.kind ?? 'COMMUNITY_LIAISON_STATION'
  const center = kind === 'COUNTY_CENTER' || kind === 'CITY_CENTER'
  const chatId = options.chatId === 'fake' ? fakeChatIds-- : (options.chatId ?? null)
  const office = kind === 'MARKET_SUPERVISION_OFFICE'
  const label =
    options.label ?? (center ? '东坡区12315中心' : office ? '东坡区市场监督管理局通惠市场监管所' : '通惠联络站')
  const station = await db.station.create({
    data: {
      code: `TK-${suffix}`,
      kind,
      name: `${label}${suffix}`,
      nameEn: `${center ? 'Dongpo 12315 center' : office ? 'Tonghui market supervision office' : 'Tonghui station'} ${suffix}`,
      districtCode: region.district,
      chatId: chatId === null ? null : BigInt(chatId),
      boundAt: chatId === null ? null : new Date(),
      ...(center ? {} : { coverages: { create: [{ areaCode: office ? `${region.district}001` : region.community }] } }),
    },
  })
  return { id: station.id, code: station.code, name: station.name, nameEn: station.nameEn ?? station.name }
}

let nextTelegramId = 880_000_000 + Math.floor(Math.random() * 1_000_000) * 10

/** A person as the bot would create them on first contact, optionally with a Telegram id of a fake user. */
export async function createPerson(
  services: Services,
  name: string,
  telegramId?: number,
): Promise<{ id: number; telegramId: number; name: string }> {
  const id = telegramId ?? nextTelegramId++
  const person = await services.people.identify({ telegramId: id, firstName: name })
  return { id: person.id, telegramId: id, name: person.displayName }
}

/** Gives the person a role at the station (liaisons look after `grids`). */
export async function addMembership(
  db: Database,
  personId: number,
  stationId: string,
  role: MemberRole,
  grids: string[] = [],
): Promise<void> {
  await db.membership.create({
    data: {
      personId,
      stationId,
      role,
      ...(grids.length > 0 ? { grids: { create: grids.map((areaCode) => ({ areaCode })) } } : {}),
    },
  })
}

/** A confirmed form as the intake feature would hand it over. */
export function intakeOf(
  areaCode: string,
  options: { kind?: FormKind; locale?: string; business?: string; violation?: string; anonymous?: boolean } = {},
): ConfirmedIntake {
  return {
    formId: randomUUID(),
    kind: options.kind ?? 'COMPLAINT',
    locale: options.locale ?? 'zh-CN',
    draft: {
      respondentName: options.business ?? '好又多超市',
      location: { type: 'area', areaCode },
      incidentDate: '2026-11-20',
      amountFen: 12050,
      facts: '买到的牛奶已经过期了三天。',
      demands: ['REFUND'],
      ...(options.violation || options.kind === 'REPORT' ? { violation: options.violation ?? '销售过期食品' } : {}),
      ...(options.anonymous ? { anonymous: true } : { contactName: '王小明', contactPhone: '+8613812345678' }),
    },
  }
}

/** Files a complaint about a business in the region's grid and routes it in-process; returns its id (RECEIVED). */
export async function fileAndRoute(
  services: Services,
  consumerId: number,
  region: Region,
  options: Parameters<typeof intakeOf>[1] = {},
): Promise<string> {
  const filed = await services.filing.fileComplaint(intakeOf(region.grid, options), consumerId)
  if (filed.status === 'daily-limit') throw new Error('daily limit reached in a test')
  const routed = await services.routing.routeComplaint(filed.complaint.id)
  if (routed.status !== 'routed') throw new Error(`routing failed: ${routed.status}`)
  return filed.complaint.id
}
