/** Stations, grids and invites for the access tests, written straight to the test database. */
import { randomBytes } from 'node:crypto'
import type { Database } from '../../../src/db/client.ts'
import type { MemberRole } from '../../../src/generated/prisma/enums.ts'
import { createInvites } from '../../../src/services/access/invites.ts'
import type { FakeTelegram, TestUser } from '../../../src/simulator/bot-api/index.ts'
import { TEST_OPERATOR } from '../../support/operator.ts'

export const GRIDS = { first: '511402001001-01', second: '511402001001-02' } as const

/** The 东坡区 area tree down to two grids (idempotent, so every test file can call it once). */
export async function seedAreas(db: Database): Promise<void> {
  await db.area.createMany({
    skipDuplicates: true,
    data: [
      { code: '511400', level: 'CITY', name: '眉山市', nameEn: 'Meishan' },
      { code: '511402', level: 'DISTRICT', name: '东坡区', nameEn: 'Dongpo District', parentCode: '511400' },
      { code: '511402001', level: 'STREET', name: '通惠街道', parentCode: '511402' },
      { code: '511402001001', level: 'COMMUNITY', name: '诗书社区', parentCode: '511402001' },
      { code: GRIDS.first, level: 'GRID', name: '诗书社区第1网格', nameEn: 'Shishu grid 1', parentCode: '511402001001' },
      { code: GRIDS.second, level: 'GRID', name: '诗书社区第2网格', nameEn: 'Shishu grid 2', parentCode: '511402001001' },
    ],
  })
}

export interface TestStation {
  id: string
  code: string
  name: string
  nameEn: string
}

/** A liaison station of its own for one test, covering the 诗书 community. */
export async function createStation(db: Database, label = 'station'): Promise<TestStation> {
  const suffix = randomBytes(3).toString('hex').toUpperCase()
  const station = await db.station.create({
    data: {
      code: `T-${suffix}`,
      kind: 'COMMUNITY_LIAISON_STATION',
      name: `通惠${label}${suffix}联络站`,
      nameEn: `Tonghui ${label} ${suffix} liaison station`,
      districtCode: '511402',
      coverages: { create: [{ areaCode: '511402001001' }] },
    },
  })
  return { id: station.id, code: station.code, name: station.name, nameEn: station.nameEn ?? station.name }
}

/** A fresh invite code; `validFor` may be negative to get one that has already expired. */
export async function inviteCode(
  db: Database,
  station: TestStation,
  role: MemberRole,
  options: { gridCodes?: string[]; validForMs?: number } = {},
): Promise<string> {
  const validForMs = options.validForMs ?? 3600_000
  const ttlMs = Math.max(validForMs, 60_000)
  const now = () => new Date(Date.now() + validForMs - ttlMs)
  const result = await createInvites({ db, now }).createInvite({ role, stationCode: station.code, gridCodes: options.gridCodes, ttlMs, by: TEST_OPERATOR })
  if (!result.ok) throw new Error(`could not create a test invite: ${result.reason}`)
  return result.invite.code
}

/** How long to wait for a reply: generous, since a loaded CI machine runs several bot processes at once. */
export const REPLY_TIMEOUT_MS = 15_000

/** One round trip with a throwaway user, so that the bot's cold start does not count against a test's timeouts. */
export async function warmUp(tg: FakeTelegram): Promise<void> {
  const user = tg.user()
  await user.send('/whoami')
  await user.nextMessage({ timeout: 60_000 })
}

/** The user opens the invite link and reads the greeting; resolves with its text. */
export async function redeem(user: TestUser, code: string): Promise<string> {
  await user.send(`/start ${code}`)
  return (await user.nextMessage({ timeout: REPLY_TIMEOUT_MS })).text ?? ''
}

/** A user who holds `role` at the station (through a real invite redeemed in the bot). */
export async function joinStation(db: Database, user: TestUser, station: TestStation, role: MemberRole = 'STAFF'): Promise<void> {
  await redeem(user, await inviteCode(db, station, role))
}
