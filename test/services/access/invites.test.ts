import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Person } from '../../../src/generated/prisma/client.ts'
import { createInvites, INVITE_CODE_PATTERN } from '../../../src/services/access/invites.ts'
import { importDirectory } from '../../../src/services/directory/import-directory.ts'
import { readDirectoryFile } from '../../../src/services/directory/read-directory-file.ts'
import { createTestDatabase, type TestDatabase } from '../../support/database.ts'
import { TEST_OPERATOR as by } from '../../support/operator.ts'
import { goodCsv } from '../directory/directory-fixtures.ts'

const HOUR = 3600_000
let testDb: TestDatabase
const clock = new Date('2026-11-28T08:00:00Z')
let nextTelegramId = 9000n
const invites = () => createInvites({ db: testDb.db, now: () => clock })
const newPerson = (): Promise<Person> =>
  testDb.db.person.create({ data: { telegramId: nextTelegramId++, displayName: 'Test' } })

async function inviteCode(
  input: Partial<Parameters<ReturnType<typeof createInvites>['createInvite']>[0]> = {},
): Promise<string> {
  const result = await invites().createInvite({ role: 'STAFF', stationCode: 'DP-TONGHUI', ttlMs: HOUR, by, ...input })
  if (!result.ok) throw new Error(result.reason)
  return result.invite.code
}

beforeAll(async () => {
  testDb = await createTestDatabase()
  const result = await importDirectory(testDb.db, readDirectoryFile(goodCsv(), 'csv'), { by })
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
})
afterAll(async () => {
  await testDb.drop()
})

describe('createInvite', () => {
  it('stores a URL-safe one-time code that fits a /start payload', async () => {
    const result = await invites().createInvite({
      role: 'LIAISON',
      stationCode: 'DP-TONGHUI',
      gridCodes: ['511402001001-02'],
      ttlMs: 7 * 24 * HOUR,
      by,
    })
    if (!result.ok) throw new Error(result.reason)
    expect(result.invite.code).toMatch(INVITE_CODE_PATTERN)
    expect(result.invite.code.length).toBeGreaterThanOrEqual(16)
    expect(result.invite.expiresAt).toEqual(new Date(clock.getTime() + 7 * 24 * HOUR))
    const stored = await testDb.db.invite.findUniqueOrThrow({ where: { code: result.invite.code } })
    expect(stored).toMatchObject({ role: 'LIAISON', gridCodes: ['511402001001-02'], redeemedAt: null })
  })

  it('gives every invite a different code', async () => {
    const codes = await Promise.all(Array.from({ length: 20 }, () => inviteCode()))
    expect(new Set(codes).size).toBe(20)
  })

  it('refuses grids for roles other than liaison, grids the station does not cover, and unknown stations', async () => {
    const create = (input: Partial<Parameters<ReturnType<typeof createInvites>['createInvite']>[0]>) =>
      invites().createInvite({ role: 'LIAISON', stationCode: 'DP-TONGHUI', ttlMs: HOUR, by, ...input })
    expect(await create({ role: 'STAFF', gridCodes: ['511402001001-01'] })).toEqual({
      ok: false,
      reason: 'GRIDS_ONLY_FOR_LIAISONS',
    })
    expect(await create({ gridCodes: ['511402001009-01'] })).toEqual({
      ok: false,
      reason: 'UNKNOWN_GRID',
      gridCode: '511402001009-01',
    })
    expect(await create({ gridCodes: ['511402001001'] })).toEqual({
      ok: false,
      reason: 'NOT_A_GRID',
      gridCode: '511402001001',
    })
    expect(await create({ stationCode: 'MS-12315', gridCodes: ['511402001001-01'] })).toMatchObject({ ok: true })
    await testDb.db.area.create({
      data: { code: '511402001002', level: 'COMMUNITY', name: '东坡湖社区', parentCode: '511402001' },
    })
    await testDb.db.area.create({
      data: { code: '511402001002-01', level: 'GRID', name: '东坡湖社区第1网格', parentCode: '511402001002' },
    })
    expect(await create({ gridCodes: ['511402001002-01'] })).toEqual({
      ok: false,
      reason: 'GRID_NOT_COVERED',
      gridCode: '511402001002-01',
    })
    expect(await create({ stationCode: 'NOPE' })).toEqual({ ok: false, reason: 'UNKNOWN_STATION' })
    expect(await create({ ttlMs: 0 })).toEqual({ ok: false, reason: 'INVALID_TTL' })
  })
})

describe('redeemInvite', () => {
  it('creates the membership and its grids once; a second use is USED', async () => {
    const code = await inviteCode({ role: 'LIAISON', gridCodes: ['511402001001-01'] })
    const person = await newPerson()
    const first = await invites().redeemInvite(code, person)
    expect(first).toEqual({
      ok: true,
      role: 'LIAISON',
      station: { code: 'DP-TONGHUI', name: '通惠街道12315联络站', kind: 'COMMUNITY_LIAISON_STATION' },
      gridCodes: ['511402001001-01'],
    })
    const membership = await testDb.db.membership.findFirstOrThrow({
      where: { personId: person.id },
      include: { grids: true },
    })
    expect(membership).toMatchObject({ role: 'LIAISON', revokedAt: null })
    expect(membership.grids.map((grid) => grid.areaCode)).toEqual(['511402001001-01'])
    expect(await testDb.db.invite.findUniqueOrThrow({ where: { code } })).toMatchObject({
      redeemedById: person.id,
      redeemedAt: clock,
    })

    expect(await invites().redeemInvite(code, person)).toEqual({ ok: false, reason: 'USED' })
    expect(await invites().redeemInvite(code, await newPerson())).toEqual({ ok: false, reason: 'USED' })
  })

  it('is EXPIRED once its time has passed', async () => {
    const code = await inviteCode({ ttlMs: HOUR })
    const later = createInvites({ db: testDb.db, now: () => new Date(clock.getTime() + HOUR) })
    expect(await later.redeemInvite(code, await newPerson())).toEqual({ ok: false, reason: 'EXPIRED' })
    expect(await testDb.db.membership.count({ where: { person: { telegramId: nextTelegramId - 1n } } })).toBe(0)
  })

  it('is UNKNOWN for a made-up code or one that is not even a payload', async () => {
    const person = await newPerson()
    expect(await invites().redeemInvite('AAAAAAAAAAAAAAAAAAAAAAAA', person)).toEqual({ ok: false, reason: 'UNKNOWN' })
    expect(await invites().redeemInvite("x'; DROP TABLE invite; --", person)).toEqual({ ok: false, reason: 'UNKNOWN' })
  })

  it('lets exactly one of two concurrent redemptions win', async () => {
    for (let round = 0; round < 5; round += 1) {
      const code = await inviteCode()
      const [a, b] = [await newPerson(), await newPerson()]
      const results = await Promise.all([invites().redeemInvite(code, a), invites().redeemInvite(code, b)])
      expect(results.filter((result) => result.ok)).toHaveLength(1)
      expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, reason: 'USED' }])
      expect(await testDb.db.membership.count({ where: { personId: { in: [a.id, b.id] } } })).toBe(1)
    }
  })

  it("reactivates a revoked membership with only the new invite's grids", async () => {
    const person = await newPerson()
    await invites().redeemInvite(await inviteCode({ role: 'LIAISON', gridCodes: ['511402001001-01'] }), person)
    expect(await invites().revokeMembership(person.telegramId, 'DP-TONGHUI', { by })).toEqual({ ok: true, revoked: 1 })
    const again = await invites().redeemInvite(
      await inviteCode({ role: 'LIAISON', gridCodes: ['511402001001-02'] }),
      person,
    )
    expect(again).toMatchObject({ ok: true })
    const memberships = await testDb.db.membership.findMany({
      where: { personId: person.id },
      include: { grids: true },
    })
    expect(memberships).toHaveLength(1)
    expect(memberships[0]).toMatchObject({ revokedAt: null })
    expect(memberships[0]?.grids.map((grid) => grid.areaCode)).toEqual(['511402001001-02'])
  })
})

describe('revokeMembership', () => {
  it('sets revokedAt on every active role at the station, and says why when there is nothing to revoke', async () => {
    const person = await newPerson()
    await invites().redeemInvite(await inviteCode({ role: 'STAFF' }), person)
    await invites().redeemInvite(await inviteCode({ role: 'ADMIN' }), person)
    expect(await invites().revokeMembership(person.telegramId, 'DP-TONGHUI', { by })).toEqual({ ok: true, revoked: 2 })
    const memberships = await testDb.db.membership.findMany({ where: { personId: person.id } })
    expect(memberships.every((membership) => membership.revokedAt?.getTime() === clock.getTime())).toBe(true)
    expect(await invites().revokeMembership(person.telegramId, 'DP-TONGHUI', { by })).toEqual({
      ok: false,
      reason: 'NOT_A_MEMBER',
    })
    expect(await invites().revokeMembership(1n, 'DP-TONGHUI', { by })).toEqual({ ok: false, reason: 'UNKNOWN_PERSON' })
    expect(await invites().revokeMembership(person.telegramId, 'NOPE', { by })).toEqual({
      ok: false,
      reason: 'UNKNOWN_STATION',
    })
  })
})
