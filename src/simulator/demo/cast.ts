/**
 * The demo cast: who plays which role, in which chats. The simulated Telegram side (users, groups) and the
 * database side (people, memberships, stations bound to their groups) are created from this one table, with fixed
 * ids, so that a Reset brings back exactly the same world.
 */
import type { Database } from '../../db/client.ts'
import type { MemberRole } from '../../generated/prisma/enums.ts'
import type { FakeTelegram } from '../bot-api/fake-telegram.ts'
import type { TestGroup } from '../bot-api/test-group.ts'
import type { TestUser } from '../bot-api/test-user.ts'

export type PersonaKey = 'consumer' | 'liaison' | 'stationStaff' | 'officeStaff' | 'centerStaff' | 'admin'
export type GroupKey = 'station' | 'office' | 'center'

export interface Persona {
  key: PersonaKey
  telegramId: number
  firstName: string
  /** As a Telegram client sends it. */
  languageCode: 'zh-hans' | 'en'
  /** Role in the 12315 system, shown on the page. */
  role: { zh: string; en: string }
  membership?: { stationCode: string; role: MemberRole; grids?: string[] }
}

export interface CastGroup {
  key: GroupKey
  stationCode: string
  title: string
  forum: boolean
  /** The first member speaks for the group on the page. */
  members: [PersonaKey, ...PersonaKey[]]
}

export const PERSONAS: readonly Persona[] = [
  {
    key: 'consumer',
    telegramId: 710_000_001,
    firstName: '王小明',
    languageCode: 'zh-hans',
    role: { zh: '消费者', en: 'Consumer' },
  },
  {
    key: 'liaison',
    telegramId: 710_000_002,
    firstName: '李网格',
    languageCode: 'zh-hans',
    role: { zh: '网格员', en: 'Grid worker' },
    membership: { stationCode: 'DP-TONGHUI', role: 'LIAISON', grids: ['511402001001-01', '511402001001-02'] },
  },
  {
    key: 'stationStaff',
    telegramId: 710_000_003,
    firstName: '张站长',
    languageCode: 'zh-hans',
    role: { zh: '联络站工作人员', en: 'Liaison station staff' },
    membership: { stationCode: 'DP-TONGHUI', role: 'STAFF' },
  },
  {
    key: 'officeStaff',
    telegramId: 710_000_004,
    firstName: '陈所长',
    languageCode: 'zh-hans',
    role: { zh: '市场监管所工作人员', en: 'Market supervision office staff' },
    membership: { stationCode: 'DP-SJS-TONGHUI', role: 'STAFF' },
  },
  {
    key: 'centerStaff',
    telegramId: 710_000_005,
    firstName: 'Emma Liu',
    languageCode: 'en',
    role: { zh: '区12315中心工作人员', en: 'County 12315 center staff' },
    membership: { stationCode: 'DP-12315', role: 'STAFF' },
  },
  {
    key: 'admin',
    telegramId: 710_000_006,
    firstName: '赵管理',
    languageCode: 'zh-hans',
    role: { zh: '管理员', en: 'Administrator' },
    membership: { stationCode: 'DP-12315', role: 'ADMIN' },
  },
]

export const GROUPS: readonly CastGroup[] = [
  { key: 'station', stationCode: 'DP-TONGHUI', title: '通惠街道12315联络站', forum: false, members: ['stationStaff'] },
  { key: 'office', stationCode: 'DP-SJS-TONGHUI', title: '通惠市场监管所', forum: false, members: ['officeStaff'] },
  { key: 'center', stationCode: 'DP-12315', title: '东坡区12315中心', forum: true, members: ['centerStaff', 'admin'] },
]

export interface SimulatedCast {
  users: Map<PersonaKey, TestUser>
  groups: Map<GroupKey, TestGroup>
}

/** Creates the cast's users and groups in the Bot API server (private chats already started, the bot an admin). */
/** The cast's user of a persona, or group of a key: createSimulatedCast makes every one of them. */
export function castMember<K extends string, V>(members: ReadonlyMap<K, V>, key: K): V {
  const member = members.get(key)
  if (member === undefined) throw new Error(`the simulated cast has no ${key}`)
  return member
}

export function createSimulatedCast(tg: FakeTelegram): SimulatedCast {
  const users = new Map<PersonaKey, TestUser>()
  for (const p of PERSONAS) {
    users.set(
      p.key,
      tg.user({ id: p.telegramId, firstName: p.firstName, languageCode: p.languageCode, startedBot: true }),
    )
  }
  const groups = new Map<GroupKey, TestGroup>()
  for (const g of GROUPS) {
    const members = g.members.map((key) => castMember(users, key))
    groups.set(g.key, tg.group({ title: g.title, forum: g.forum, owner: members[0], members, botIsAdmin: true }))
  }
  return { users, groups }
}

/** Writes the cast into the database: people, their memberships, and each station bound to its group. */
export async function seedCast(db: Database, cast: SimulatedCast): Promise<void> {
  const stations = new Map((await db.station.findMany({ select: { id: true, code: true } })).map((s) => [s.code, s.id]))
  const stationId = (code: string): string => {
    const id = stations.get(code)
    if (!id) throw new Error(`the 眉山 directory has no station ${code}`)
    return id
  }
  for (const g of GROUPS) {
    const group = castMember(cast.groups, g.key)
    await db.station.update({
      where: { id: stationId(g.stationCode) },
      data: { chatId: BigInt(group.id), chatIsForum: g.forum, boundAt: new Date() },
    })
  }
  for (const p of PERSONAS) {
    const person = await db.person.create({
      data: {
        telegramId: BigInt(p.telegramId),
        displayName: p.firstName,
        locale: p.languageCode === 'en' ? 'en' : 'zh-CN',
      },
    })
    if (!p.membership) continue
    const grids = p.membership.grids ?? []
    await db.membership.create({
      data: {
        personId: person.id,
        stationId: stationId(p.membership.stationCode),
        role: p.membership.role,
        ...(grids.length > 0 ? { grids: { create: grids.map((areaCode) => ({ areaCode })) } } : {}),
      },
    })
  }
}
