/**
 * `/due`, `/pause` and `/resume` as staff, liaisons and everyone else see them, with the bot and the workers in this
 * process. The runtime reads the wall clock, so due dates are set relative to today (Asia/Shanghai): yesterday is
 * overdue, tomorrow due soon whatever the calendar, a month ahead later.
 */
import type { Message } from 'grammy/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalDate, localDateOf, plusDays } from '../../../src/domain/calendar/local-date.ts'
import type { TestGroup, TestUser } from '../../../src/simulator/bot-api/index.ts'
import { d } from '../../queue/support/deadline-world.ts'
import type { RuntimeInProcess } from '../../support/runtime-in-process.ts'
import { addMembership, createPerson, createRegion, createStation } from '../../support/world.ts'
import {
  addStaff,
  cardOf,
  cardShows,
  consumer,
  file,
  SLOW,
  type StationWorld,
  startTicketRuntime,
  stationWorld,
} from './ticket-world.ts'

let harness: RuntimeInProcess
const db = () => harness.app.database.db

beforeAll(async () => {
  harness = await startTicketRuntime()
})
afterAll(async () => {
  await harness.close()
})

const text = (message: Message | undefined) => message?.text ?? ''

/** A date as the bot writes it in Chinese, without the weekday: 2026-12-03 → 2026年12月3日. */
const zhDate = (day: string) => {
  const [year, month, date] = day.split('-').map(Number)
  return `${year}年${month}月${date}日`
}

/** The weekday of a calendar date as Chinese writes it after 周. */
const weekdayZh = (day: string) => '日一二三四五六'[new Date(`${day}T00:00:00Z`).getUTCDay()]

/** Files a complaint about `business` in the world's region, waits for its card, and sets its decision due date. */
async function ticketDue(world: StationWorld, business: string, dueOn: LocalDate) {
  const { personId } = await consumer(harness, 'zh-hans')
  const ticket = await file(harness, personId, world.region, { business })
  const card = await cardOf(world.group, ticket.trackingNumber)
  await db().complaint.update({ where: { id: ticket.id }, data: { decisionDueOn: d(dueOn), dueDatesFinal: true } })
  return { ...ticket, card }
}

/** The bot's answer to `command`, sent by `user` in `chat` (their private chat when no group is given). */
async function answer(user: TestUser, command: string, match: RegExp, group?: TestGroup): Promise<Message> {
  const chat = group ?? user
  const earlier = new Set(chat.messages().map((m) => m.message_id))
  if (group) await user.sendInGroup(group, command)
  else await user.send(command)
  return chat.waitFor((m) => !earlier.has(m.message_id) && match.test(text(m)), {
    ...SLOW,
    description: `the answer to ${command}`,
  })
}

const NO_STATION = '您不是任何站点的工作人员，没有可查看的到期工单。'
const NOTHING = '✅ 暂无今日到期、两个工作日内到期或已超期的工单。'

describe('/due', () => {
  it("lists a station's overdue, due-today and due-soon tickets in its group, each with a button to its card", async () => {
    const world = await stationWorld(harness)
    const today = localDateOf(new Date())
    const overdue = await ticketDue(world, '超期超市', plusDays(today, -1))
    const dueToday = await ticketDue(world, '今日超市', today)
    const soon = await ticketDue(world, '明日超市', plusDays(today, 1))
    const later = await ticketDue(world, '下月超市', plusDays(today, 30))

    const reply = await answer(world.staff, '/due', /到期工单/, world.group)
    const listed = text(reply)
    const lines = listed.split('\n')
    expect(lines[0]).toMatch(new RegExp(`^📅 ${world.station.name} 到期工单（${zhDate(today)}周[一二三四五六日]）$`))
    expect(lines.slice(1, 4)).toEqual([
      '',
      '🔴 已超期',
      expect.stringContaining(`• ${overdue.trackingNumber} 超期超市 — 受理决定 ${zhDate(plusDays(today, -1))}周`),
    ])
    expect(lines.slice(4, 7)).toEqual([
      '',
      '🟠 今日到期',
      expect.stringContaining(`• ${dueToday.trackingNumber} 今日超市 — 受理决定 ${zhDate(today)}周`),
    ])
    expect(lines.slice(7)).toEqual([
      '',
      '🟡 两个工作日内到期',
      expect.stringContaining(`• ${soon.trackingNumber} 明日超市 — 受理决定 ${zhDate(plusDays(today, 1))}周`),
    ])
    expect(listed).not.toContain(later.trackingNumber)

    const chat = String(world.group.id).slice(4)
    expect(reply.reply_markup?.inline_keyboard).toEqual([
      [
        { text: `📋 ${overdue.trackingNumber}`, url: `https://t.me/c/${chat}/${overdue.card.message_id}` },
        { text: `📋 ${dueToday.trackingNumber}`, url: `https://t.me/c/${chat}/${dueToday.card.message_id}` },
      ],
      [{ text: `📋 ${soon.trackingNumber}`, url: `https://t.me/c/${chat}/${soon.card.message_id}` }],
    ])
    // Privately the staff member gets the same list of their station.
    expect(text(await answer(world.staff, '/due', /到期工单/))).toBe(listed)
  })

  it('shows a liaison the tickets of their grids in English, privately, without card buttons', async () => {
    const world = await stationWorld(harness)
    const liaison = harness.tg.user({ firstName: 'Li', languageCode: 'en', startedBot: true })
    await addStaff(harness, world.station, liaison, 'LIAISON', [world.region.grid])
    const today = localDateOf(new Date())
    const ticket = await ticketDue(world, 'Corner shop', today)

    const reply = await answer(liaison, '/due', /tickets due/)
    expect(text(reply).split('\n')).toEqual([
      expect.stringMatching(/^📅 My tickets due \(\w{3}, \d+ \w+ \d{4}\)$/),
      '',
      '🟠 Due today',
      expect.stringMatching(
        new RegExp(`^• ${ticket.trackingNumber} Corner shop — acceptance decision \\w{3}, \\d+ \\w+ \\d{4}$`),
      ),
    ])
    expect(reply.reply_markup).toBeUndefined()
  })

  it('lets an admin list the tickets of a station group they are not staff of', async () => {
    const world = await stationWorld(harness)
    const ticket = await ticketDue(world, '督查超市', plusDays(localDateOf(new Date()), -1))
    const admin = harness.tg.user({ firstName: '管理员', languageCode: 'zh-hans', startedBot: true })
    const person = await createPerson(harness.app.services, '管理员', admin.id)
    const elsewhere = await createStation(db(), await createRegion(db()), { kind: 'COUNTY_CENTER' })
    await addMembership(db(), person.id, elsewhere.id, 'ADMIN')
    world.group.setMember(admin)

    const listed = await answer(admin, '/due', /到期工单|您不是/, world.group)
    expect(text(listed)).toContain(`🔴 已超期\n• ${ticket.trackingNumber} 督查超市`)
  })

  it('tells whoever is not staff there that there is nothing for them: a group member, a consumer, an unbound group', async () => {
    const world = await stationWorld(harness)
    await ticketDue(world, '旁观超市', localDateOf(new Date()))
    const member = harness.tg.user({ firstName: '群成员', languageCode: 'zh-hans', startedBot: true })
    await createPerson(harness.app.services, '群成员', member.id)
    world.group.setMember(member)
    expect(text(await answer(member, '/due', /到期/, world.group))).toBe(NO_STATION)

    const { user } = await consumer(harness, 'en')
    expect(text(await answer(user, '/due', /no tickets due/))).toBe(
      'You are not staff of any station, so there are no tickets due for you.',
    )
    const unbound = harness.tg.group({ title: '闲聊群', members: [world.staff], botIsAdmin: true })
    expect(text(await answer(world.staff, '/due', /到期/, unbound))).toBe(NO_STATION)
  })

  it('says so when nothing is due, in the group and privately', async () => {
    const world = await stationWorld(harness)
    await ticketDue(world, '远期超市', plusDays(localDateOf(new Date()), 30))
    expect(text(await answer(world.staff, '/due', /暂无/, world.group))).toBe(NOTHING)
    expect(text(await answer(world.staff, '/due', /暂无/))).toBe(NOTHING)
  })
})

describe('/pause and /resume', () => {
  it('records waiting for proof of identity for the 所 holding the ticket, and refuses what cannot be paused', async () => {
    const world = await stationWorld(harness)
    const { user, personId } = await consumer(harness, 'en')
    const ticket = await file(harness, personId, world.region, { business: '身份超市', locale: 'en' })
    const card = await cardOf(world.group, ticket.trackingNumber)
    const { decisionDueOn } = await db().complaint.findUniqueOrThrow({ where: { id: ticket.id } })
    const due = decisionDueOn!.toISOString().slice(0, 10)
    const today = localDateOf(new Date())
    const say = async (command: string, match: RegExp, by = world.staff) =>
      text(await answer(by, command, match, world.group))
    const usage = /^用法/

    const told = await say('/pause', usage)
    expect(told).toContain('/pause <工单号> 检测|身份')
    expect(await say(`/pause ${ticket.trackingNumber}`, usage)).toBe(told)
    expect(await say('/pause zz0000 identity', /未找到/)).toBe('未找到工单 ZZ0000。')
    // Testing pauses mediation; a ticket awaiting the acceptance decision has none running.
    expect(await say(`/pause ${ticket.trackingNumber} testing`, /不能/)).toBe('工单当前状态下不能中止该期限。')
    const other = await stationWorld(harness, { staffName: '外所员工' })
    world.group.setMember(other.staff)
    expect(await say(`/pause ${ticket.trackingNumber} identity`, /只有/, other.staff)).toBe(
      '只有承办该工单的市场监管部门（12315中心、市场监管所）工作人员可以记录期限中止。',
    )

    expect(await say(`/pause ${ticket.trackingNumber.toLowerCase()} 身份`, /已记录/)).toBe(
      `⏸ 已记录 ${ticket.trackingNumber} 的等待投诉人提供身份证明开始：受理决定期限自 ${zhDate(today)}周${weekdayZh(today)} 起中止计算。`,
    )
    expect(text(await user.waitFor((m) => text(m).startsWith('⏸'), SLOW))).toContain(
      "(waiting for the complainant's proof of identity)",
    )
    await cardShows(world.group, card, '⏸ 受理决定期限中止计算：等待投诉人提供身份证明')
    expect(await say(`/pause ${ticket.trackingNumber} identity`, /已有/)).toBe(
      '该工单已有正在进行的期限中止，请先记录结束。',
    )

    // Resumed the same day: no working day paused, the date stays.
    expect(await say(`/resume ${ticket.trackingNumber}`, /已记录/)).toBe(
      `▶️ 已记录 ${ticket.trackingNumber} 的等待投诉人提供身份证明结束：中止 0 个工作日，受理决定期限顺延至 ${zhDate(due)}周${weekdayZh(due)}。`,
    )
    expect(await say(`/resume ${ticket.trackingNumber}`, /没有/)).toBe('该工单没有正在进行的期限中止。')
  })
})
