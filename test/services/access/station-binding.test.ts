import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MemberRole } from '../../../src/generated/prisma/enums.ts'
import { missingGroupRequirements } from '../../../src/services/access/group-readiness.ts'
import { createInvites } from '../../../src/services/access/invites.ts'
import { createTestApp, type TestApp } from '../../support/app.ts'
import { TEST_OPERATOR as by } from '../../support/operator.ts'
import { createStation, seedAreas, type TestStation } from '../../support/world.ts'

let app: TestApp
const READY = { isAdmin: true, canManageTopics: true, canReadAllGroupMessages: false, isForum: false }
let lastTelegramId = 900_000_000
let lastChatId = -1_009_000_000_000
const nextTelegramIdValue = (): number => ++lastTelegramId
const nextChat = (): number => --lastChatId

beforeAll(async () => {
  app = await createTestApp()
  await seedAreas(app.database.db)
})
afterAll(async () => {
  await app.close()
})

async function member(station: TestStation, role: MemberRole = 'STAFF'): Promise<number> {
  const person = await app.services.people.identify({ telegramId: nextTelegramIdValue(), firstName: 'Test' })
  const invites = createInvites({ db: app.database.db })
  const invite = await invites.createInvite({ role, stationCode: station.code, ttlMs: 3600_000, by })
  if (!invite.ok) throw new Error(invite.reason)
  await invites.redeemInvite(invite.invite.code, person)
  return person.id
}

describe('what a group needs before it takes tickets', () => {
  it('needs the bot as administrator, topic rights in a forum, and sight of the messages', () => {
    expect(missingGroupRequirements(READY)).toEqual([])
    expect(missingGroupRequirements({ ...READY, isAdmin: false })).toEqual(['BOT_NOT_ADMIN', 'CANNOT_READ_MESSAGES'])
    expect(missingGroupRequirements({ ...READY, isAdmin: false, canReadAllGroupMessages: true })).toEqual([
      'BOT_NOT_ADMIN',
    ])
    expect(missingGroupRequirements({ ...READY, isForum: true, canManageTopics: false })).toEqual([
      'CANNOT_MANAGE_TOPICS',
    ])
    expect(missingGroupRequirements({ ...READY, isForum: true, isAdmin: false, canManageTopics: false })).toEqual([
      'BOT_NOT_ADMIN',
      'CANNOT_MANAGE_TOPICS',
      'CANNOT_READ_MESSAGES',
    ])
  })
})

describe('binding station groups', () => {
  it('lets exactly one of two stations racing for the same group have it', async () => {
    const [first, second] = [await createStation(app.database.db), await createStation(app.database.db)]
    const [firstStaff, secondStaff] = [await member(first), await member(second)]
    const chatId = nextChat()
    const results = await Promise.all([
      app.services.access.bindStationGroup({ personId: firstStaff, chatId, standing: READY }),
      app.services.access.bindStationGroup({ personId: secondStaff, chatId, standing: READY }),
    ])
    expect(results.map((r) => r.status).sort()).toEqual(['BOUND', 'GROUP_TAKEN'])
    expect(await app.database.db.station.count({ where: { chatId: BigInt(chatId) } })).toBe(1)
  })

  it('refuses a liaison: binding is for staff', async () => {
    const station = await createStation(app.database.db)
    const liaison = await member(station, 'LIAISON')
    const result = await app.services.access.bindStationGroup({
      personId: liaison,
      chatId: nextChat(),
      standing: READY,
    })
    expect(result).toEqual({ status: 'NOT_STAFF' })
  })

  it('lets an admin bind any station by its code, and refuses an unknown code', async () => {
    const home = await createStation(app.database.db)
    const other = await createStation(app.database.db)
    const admin = await member(home, 'ADMIN')
    const chatId = nextChat()
    expect(
      await app.services.access.bindStationGroup({
        personId: admin,
        chatId,
        standing: READY,
        station: { code: 'NOPE' },
      }),
    ).toEqual({ status: 'UNKNOWN_STATION' })
    const bound = await app.services.access.bindStationGroup({
      personId: admin,
      chatId,
      standing: READY,
      station: { code: other.code },
    })
    expect(bound).toMatchObject({ status: 'BOUND', station: { code: other.code } })
  })

  it('stops counting someone as staff once their role is revoked', async () => {
    const station = await createStation(app.database.db)
    const staff = await member(station)
    await app.database.db.membership.updateMany({ where: { personId: staff }, data: { revokedAt: new Date() } })
    const result = await app.services.access.bindStationGroup({ personId: staff, chatId: nextChat(), standing: READY })
    expect(result).toEqual({ status: 'NOT_STAFF' })
  })

  it('follows a group upgraded to a supergroup, and forgets a group the bot left, recording both', async () => {
    const station = await createStation(app.database.db)
    const staff = await member(station)
    const basic = nextChat()
    const upgraded = nextChat()
    await app.services.access.bindStationGroup({ personId: staff, chatId: basic, standing: READY })

    expect(await app.services.access.moveGroup(basic, upgraded, 900_000_001)).toMatchObject({ code: station.code })
    expect(await app.services.access.boundGroup(upgraded)).toMatchObject({ station: { code: station.code } })
    expect(await app.services.access.forgetGroup(upgraded, 900_000_001)).toMatchObject({ code: station.code })
    expect(await app.services.access.boundGroup(upgraded)).toBeNull()
    expect(await app.services.access.forgetGroup(upgraded, 900_000_001)).toBeNull()
    const audit = await app.database.db.auditLog.findMany({
      where: { stationCode: station.code, action: { startsWith: 'station.' } },
      orderBy: { id: 'asc' },
    })
    expect(audit.map((entry) => [entry.action, entry.channel, entry.actor, entry.chatId, entry.details])).toEqual([
      [
        'station.bind',
        'CHAT',
        expect.stringMatching(/^\d+$/),
        BigInt(basic),
        expect.objectContaining({ chatId: String(basic) }),
      ],
      ['station.move', 'CHAT', '900000001', BigInt(basic), { fromChatId: String(basic), toChatId: String(upgraded) }],
      [
        'station.unbind',
        'CHAT',
        '900000001',
        BigInt(upgraded),
        { chatId: String(upgraded), reason: 'bot removed from the group' },
      ],
    ])
  })
})
