import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inlineButtons, type TestGroup } from '../../../src/simulator/bot-api/index.ts'
import { type RuntimeInProcess, startRuntimeInProcess } from '../../support/runtime-in-process.ts'
import { createStation, GRIDS, seedAreas, type TestStation } from '../../support/world.ts'
import { inviteCode, joinStation, REPLY_TIMEOUT_MS, redeem, warmUp } from './access-fixtures.ts'

let harness: RuntimeInProcess
const db = () => harness.app.database.db
const tg = () => harness.tg

beforeAll(async () => {
  harness = await startRuntimeInProcess()
  await seedAreas(db())
  await warmUp(harness.tg)
})
afterAll(async () => {
  await harness.close()
})

async function boundChatOf(station: TestStation): Promise<number | null> {
  const row = await db().station.findUniqueOrThrow({ where: { id: station.id } })
  return row.chatId === null ? null : Number(row.chatId)
}

async function staffOf(station: TestStation, languageCode = 'en') {
  const user = tg().user({ languageCode })
  await joinStation(db(), user, station)
  return user
}

async function say(user: ReturnType<RuntimeInProcess['tg']['user']>, group: TestGroup, text: string): Promise<string> {
  await user.sendInGroup(group, text)
  return (await group.nextMessage({ timeout: REPLY_TIMEOUT_MS })).text ?? ''
}

describe('/bind in a station group', () => {
  it('binds the group for staff of the station, and again is harmless', async () => {
    const station = await createStation(db())
    const staff = await staffOf(station)
    const group = tg().group({ members: [staff], botIsAdmin: true })

    expect(await say(staff, group, '/bind')).toContain(`ticket chat of ${station.nameEn}`)
    expect(await boundChatOf(station)).toBe(group.id)
    const boundAt = (await db().station.findUniqueOrThrow({ where: { id: station.id } })).boundAt

    expect(await say(staff, group, '/bind')).toContain('already is the ticket chat')
    const after = await db().station.findUniqueOrThrow({ where: { id: station.id } })
    expect([Number(after.chatId), after.boundAt]).toEqual([group.id, boundAt])
  })

  it('refuses someone who is not staff of a station', async () => {
    const station = await createStation(db())
    const stranger = tg().user({ languageCode: 'en' })
    const group = tg().group({ members: [stranger], botIsAdmin: true })

    expect(await say(stranger, group, '/bind')).toContain('Only a station')
    expect(await say(stranger, group, `/bind ${station.code}`)).toContain('Only a station')
    expect(await boundChatOf(station)).toBeNull()
  })

  it('refuses staff of one station naming another station', async () => {
    const mine = await createStation(db())
    const theirs = await createStation(db())
    const staff = await staffOf(mine)
    const group = tg().group({ members: [staff], botIsAdmin: true })

    expect(await say(staff, group, `/bind ${theirs.code}`)).toContain('Only a station')
    expect(await boundChatOf(theirs)).toBeNull()
  })

  it('explains that the bot must be an administrator and read messages when it is a plain member with privacy mode on', async () => {
    const station = await createStation(db())
    const staff = await staffOf(station)
    const group = tg().group({ members: [staff], botIsAdmin: false })

    const answer = await say(staff, group, '/bind')
    expect(answer).toContain('make me an administrator')
    expect(answer).toContain('read the group')
    expect(answer).toContain('not bound yet')
    expect(await boundChatOf(station)).toBeNull()
  })

  it('explains, in Chinese, that a forum group needs the right to manage topics', async () => {
    const station = await createStation(db())
    const staff = await staffOf(station, 'zh-hans')
    const forum = tg().group({
      forum: true,
      members: [staff],
      botIsAdmin: true,
      botRights: { can_manage_topics: false },
    })

    const answer = await say(staff, forum, '/bind')
    expect(answer).toContain('管理话题')
    expect(answer).not.toContain('设为本群管理员')
    expect(await boundChatOf(station)).toBeNull()

    forum.setBotAdmin({ can_manage_topics: true })
    expect(await say(staff, forum, '/bind')).toContain('话题')
    expect(await boundChatOf(station)).toBe(forum.id)
    expect((await db().station.findUniqueOrThrow({ where: { id: station.id } })).chatIsForum).toBe(true)
  })

  it('refuses a second station taking a group bound to another station', async () => {
    const first = await createStation(db())
    const second = await createStation(db())
    const firstStaff = await staffOf(first)
    const secondStaff = await staffOf(second)
    const group = tg().group({ members: [firstStaff, secondStaff], botIsAdmin: true })

    await say(firstStaff, group, '/bind')
    expect(await say(secondStaff, group, '/bind')).toContain(`already is the ticket chat of ${first.nameEn}`)
    expect([await boundChatOf(first), await boundChatOf(second)]).toEqual([group.id, null])
  })

  it('moves a station to its new group, one group per station', async () => {
    const station = await createStation(db())
    const staff = await staffOf(station)
    const oldGroup = tg().group({ members: [staff], botIsAdmin: true })
    const newGroup = tg().group({ members: [staff], botIsAdmin: true })

    await say(staff, oldGroup, '/bind')
    expect(await say(staff, newGroup, '/bind')).toContain('previous ticket group has been unbound')
    expect(await boundChatOf(station)).toBe(newGroup.id)
  })

  it('lets staff of two stations choose by button, and re-checks whoever presses it', async () => {
    const first = await createStation(db())
    const second = await createStation(db())
    const staff = tg().user({ languageCode: 'en' })
    await joinStation(db(), staff, first)
    await joinStation(db(), staff, second)
    const stranger = tg().user({ languageCode: 'en' })
    const group = tg().group({ members: [staff, stranger], botIsAdmin: true })

    await staff.sendInGroup(group, '/bind')
    const choice = await group.nextMessage({ timeout: REPLY_TIMEOUT_MS })
    expect(inlineButtons(choice).map((b) => b.text)).toEqual([first.nameEn, second.nameEn].sort())

    const refused = await stranger.press(second.nameEn, { in: group })
    expect(refused.text).toContain('Only a station')
    const forged = await staff.pressData(choice.message_id, `a:bind:${crypto.randomUUID()}`, { in: group })
    expect(forged.text).toContain('cannot find that station')
    const garbage = await staff.pressData(choice.message_id, 'a:bind:1;DROP', { in: group })
    expect(garbage.text).toContain('no longer works')
    expect([await boundChatOf(first), await boundChatOf(second)]).toEqual([null, null])

    await staff.press(second.nameEn, { in: group })
    await group.waitForText(`ticket chat of ${second.nameEn}`, { timeout: REPLY_TIMEOUT_MS })
    expect([await boundChatOf(first), await boundChatOf(second)]).toEqual([null, group.id])
  })

  it('points to the group when /bind is sent in a private chat', async () => {
    const someone = tg().user({ languageCode: 'en' })
    await someone.send('/bind')
    expect((await someone.nextMessage({ timeout: REPLY_TIMEOUT_MS })).text).toContain('in your station')
  })
})

describe('/unbind and leaving a group', () => {
  it('lets staff unbind their group, and nobody else', async () => {
    const station = await createStation(db())
    const staff = await staffOf(station)
    const stranger = tg().user({ languageCode: 'en' })
    const group = tg().group({ members: [staff, stranger], botIsAdmin: true })
    await say(staff, group, '/bind')

    expect(await say(stranger, group, '/unbind')).toContain(`Only staff of ${station.nameEn}`)
    expect(await boundChatOf(station)).toBe(group.id)
    expect(await say(staff, group, '/unbind')).toContain('no longer the ticket chat')
    expect(await boundChatOf(station)).toBeNull()
    expect(await say(staff, group, '/unbind')).toContain('not bound to any station')
  })

  it('unbinds a group the bot was removed from, and logs a warning', async () => {
    const station = await createStation(db())
    const staff = await staffOf(station)
    const group = tg().group({ members: [staff], botIsAdmin: true })
    await say(staff, group, '/bind')

    group.removeBot(staff, 'kicked')
    const warning = await harness.waitForLog(
      new RegExp(`"stationCode":"${station.code}".*bot removed from a station group`),
      { timeout: REPLY_TIMEOUT_MS },
    )
    expect(JSON.parse(warning)).toMatchObject({ level: 40, stationCode: station.code })
    expect(await boundChatOf(station)).toBeNull()
  })

  it('says so in the group when the bot loses its administrator rights there', async () => {
    const station = await createStation(db())
    const staff = await staffOf(station)
    const group = tg().group({ members: [staff], botIsAdmin: true })
    await say(staff, group, '/bind')

    group.addBot(staff, { asAdmin: false })
    expect((await group.nextMessage({ timeout: REPLY_TIMEOUT_MS })).text).toContain('make me an administrator')
    expect(await boundChatOf(station)).toBe(group.id)
  })
})

describe('/whoami', () => {
  it('shows a consumer that they are a consumer', async () => {
    const consumer = tg().user({ firstName: 'Lin <b>', languageCode: 'en' })
    await consumer.send('/whoami')
    const text = (await consumer.nextMessage({ timeout: REPLY_TIMEOUT_MS })).text ?? ''
    expect(text).toContain('Lin <b>')
    expect(text).toContain(String(consumer.id))
    expect(text).toContain('Consumer')
    expect(text).not.toContain('Staff')
  })

  it('shows staff and liaison roles with stations and grids, and which station a group serves', async () => {
    const station = await createStation(db())
    const user = tg().user({ languageCode: 'zh-hans' })
    await joinStation(db(), user, station, 'STAFF')
    await redeem(user, await inviteCode(db(), station, 'LIAISON', { gridCodes: [GRIDS.first] }))

    await user.send('/whoami')
    const text = (await user.nextMessage({ timeout: REPLY_TIMEOUT_MS })).text ?? ''
    expect(text).toContain(`工作人员 · ${station.name}（${station.code}）`)
    expect(text).toContain(`网格员 · ${station.name}`)
    expect(text).toContain('诗书社区第1网格')

    const group = tg().group({ members: [user], botIsAdmin: true })
    expect(await say(user, group, '/whoami')).toContain('本群尚未绑定站点')
    await say(user, group, '/bind')
    expect(await say(user, group, '/whoami')).toContain(`本群：${station.name} 的工单群`)
  })
})
