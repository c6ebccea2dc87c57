import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createInvites } from '../../../src/services/access/invites.ts'
import { listPeople, listStations } from '../../../src/services/directory/directory-listings.ts'
import { importDirectory } from '../../../src/services/directory/import-directory.ts'
import { readDirectoryFile } from '../../../src/services/directory/read-directory-file.ts'
import { createTestDatabase, type TestDatabase } from '../../support/database.ts'
import { TEST_OPERATOR as by } from '../../support/operator.ts'
import { goodCsv } from './directory-fixtures.ts'

let testDb: TestDatabase
beforeAll(async () => {
  testDb = await createTestDatabase()
  const result = await importDirectory(testDb.db, readDirectoryFile(goodCsv(), 'csv'), { by })
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
})
afterAll(async () => {
  await testDb.drop()
})

describe('directory listings', () => {
  it('lists stations with their bound chat, coverage and active members', async () => {
    const db = testDb.db
    const invites = createInvites({ db })
    const person = await db.person.create({ data: { telegramId: 7001n, displayName: '李四', username: 'lisi' } })
    const other = await db.person.create({ data: { telegramId: 7002n, displayName: '赵六' } })
    for (const [who, role] of [
      [person, 'LIAISON'],
      [other, 'STAFF'],
    ] as const) {
      const created = await invites.createInvite({
        role,
        stationCode: 'DP-TONGHUI',
        ttlMs: 3600_000,
        by,
        gridCodes: role === 'LIAISON' ? ['511402001001-01'] : [],
      })
      if (!created.ok) throw new Error(created.reason)
      await invites.redeemInvite(created.invite.code, who)
    }
    await invites.revokeMembership(7002n, 'DP-TONGHUI', { by })
    await db.station.update({ where: { code: 'DP-12315' }, data: { chatId: -100123n } })

    const stations = await listStations(db)
    expect(stations.map((station) => station.code)).toEqual(['MS-12315', 'DP-12315', 'DP-TONGHUI'])
    expect(stations[1]).toMatchObject({ chatBound: true, coverageCount: 1 })
    expect(stations[2]).toMatchObject({
      chatBound: false,
      coverageCount: 1,
      members: { STAFF: 0, LIAISON: 1, ADMIN: 0 },
    })

    const active = await listPeople(db)
    expect(active).toEqual({
      ok: true,
      people: [
        expect.objectContaining({
          telegramId: 7001n,
          memberships: [
            expect.objectContaining({
              stationCode: 'DP-TONGHUI',
              role: 'LIAISON',
              gridCodes: ['511402001001-01'],
              revokedAt: null,
            }),
          ],
        }),
      ],
    })
    const withRevoked = await listPeople(db, { stationCode: 'DP-TONGHUI', includeRevoked: true })
    expect(withRevoked.ok && withRevoked.people.map((p) => p.telegramId)).toEqual([7001n, 7002n])
    expect(await listPeople(db, { stationCode: 'DP-12315' })).toEqual({ ok: true, people: [] })
    expect(await listPeople(db, { stationCode: 'NOPE' })).toEqual({ ok: false, reason: 'UNKNOWN_STATION' })
  })
})
