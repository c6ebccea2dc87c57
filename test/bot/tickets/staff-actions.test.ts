import type { Message } from 'grammy/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RuntimeInProcess } from '../../support/runtime-in-process.ts'
import { createStation } from '../../support/world.ts'
import {
  addStaff,
  cardOf,
  cardShows,
  cardText,
  consumer,
  file,
  offers,
  pressInChat,
  pressOnCard,
  SLOW,
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

async function snapshot(complaintId: string) {
  const complaint = await db().complaint.findUniqueOrThrow({ where: { id: complaintId } })
  return {
    status: complaint.status,
    stationId: complaint.stationId,
    updatedAt: complaint.updatedAt.getTime(),
    events: await db().complaintEvent.count({ where: { complaintId } }),
  }
}

/** An English-speaking 网格员 of the station's grid, and an English consumer's ticket whose card reached them. */
async function liaisonWithTicket(world: Awaited<ReturnType<typeof stationWorld>>) {
  const liaison = harness.tg.user({ firstName: 'Li', languageCode: 'en', startedBot: true })
  await addStaff(harness, world.station, liaison, 'LIAISON', [world.region.grid])
  const { user, personId } = await consumer(harness, 'en')
  const ticket = await file(harness, personId, world.region, { locale: 'en' })
  const card = await liaison.waitFor(
    (m) => (m.text ?? '').includes(ticket.trackingNumber) && Boolean(m.reply_markup),
    SLOW,
  )
  return { liaison, user, ticket, card }
}

/**
 * Transfers the ticket of `card` from the card, with `reason`, to another 所 with a group of its own; returns that
 * group. The 所 is created now, after routing, or it would have been chosen; the ticket was received by a bureau
 * station, so it may go to a bureau station only.
 */
async function transferToAnotherOffice(world: Awaited<ReturnType<typeof stationWorld>>, card: Message, reason: string) {
  const otherGroup = harness.tg.group({ title: '另一市场监管所', botIsAdmin: true })
  const other = await createStation(db(), world.region, {
    kind: 'MARKET_SUPERVISION_OFFICE',
    chatId: otherGroup.id,
    label: '另一市场监管所',
  })
  await pressOnCard(world.staff, world.group, card, 'tr')
  await world.group.waitForText('请选择将', SLOW)
  await world.staff.press(new RegExp(other.name), { in: world.group })
  const prompt = await world.group.waitForText('请回复转办', SLOW)
  await world.staff.sendInGroup(world.group, reason, { replyTo: prompt })
  return otherGroup
}

describe('acting on a ticket card', () => {
  it('accepts once when two staff members press accept at the same moment; the other is told who acted', async () => {
    const world = await stationWorld(harness)
    const second = harness.tg.user({ firstName: '刘科员', languageCode: 'zh-hans', startedBot: true })
    world.group.setMember(second)
    await addStaff(harness, world.station, second)
    const { personId } = await consumer(harness, 'zh-hans')
    const ticket = await file(harness, personId, world.region)
    const card = await cardOf(world.group, ticket.trackingNumber)

    const answers = await Promise.all([
      pressOnCard(world.staff, world.group, card, 'ac'),
      pressOnCard(second, world.group, card, 'ac'),
    ])
    const alerts = answers.filter((answer) => answer.show_alert)
    expect(alerts).toHaveLength(1)
    expect(alerts[0]?.text).toMatch(/已有人先处理：(张主任|刘科员) 于 .* 已受理/)
    expect(await db().complaintEvent.count({ where: { complaintId: ticket.id, action: 'ACCEPT' } })).toBe(1)
  })

  it('refuses staff of another station, by its button or by forged data, and changes nothing', async () => {
    const world = await stationWorld(harness)
    const other = await stationWorld(harness, { staffName: '外站员工' })
    world.group.setMember(other.staff)
    const { personId } = await consumer(harness, 'zh-hans')
    const ticket = await file(harness, personId, world.region)
    const card = await cardOf(world.group, ticket.trackingNumber)
    const before = await snapshot(ticket.id)

    const pressed = await pressOnCard(other.staff, world.group, card, 'ac')
    expect(pressed).toMatchObject({ show_alert: true, text: '您不负责此工单，未做任何更改。' })
    const target = await other.staff.sendInGroup(other.group, '好的')
    for (const data of [`t:ac:${ticket.id}`, `t:rj:${ticket.id}`, `t:tr:${ticket.id}`, `t:nt:${ticket.id}`]) {
      const forged = await other.staff.pressData(target.message_id, data, { in: other.group, ...SLOW })
      expect(forged).toMatchObject({ show_alert: true, text: '您不负责此工单，未做任何更改。' })
    }
    expect(await snapshot(ticket.id)).toEqual(before)
  })

  it('changes nothing for any transition the status does not allow, pressed with forged data', async () => {
    const world = await stationWorld(harness)
    const { user, personId } = await consumer(harness, 'en')
    const ticket = await file(harness, personId, world.region, { locale: 'en' })
    const card = await cardOf(world.group, ticket.trackingNumber)
    const before = await snapshot(ticket.id)
    for (const code of [
      'ag',
      'md',
      'cl',
      'ro',
      'cc',
      'cf',
      'cn',
      'cd',
      'em',
      'sl',
      'fc',
      'nf',
      'vf',
      'an',
      'rt',
      'wd',
      'zz',
    ]) {
      const answer = await world.staff.pressData(card.message_id, `t:${code}:${ticket.id}`, {
        in: world.group,
        ...SLOW,
      })
      expect(answer.show_alert, code).toBe(true)
    }
    const status = await user.waitFor((m) => (m.text ?? '').includes(ticket.trackingNumber), SLOW)
    const consumerPress = await user.pressData(status.message_id, `t:ac:${ticket.id}`, SLOW)
    expect(consumerPress.show_alert).toBe(true)
    expect(await snapshot(ticket.id)).toEqual(before)
  })

  it('lets the grid liaison mediate locally from the card in their private chat and record the money recovered', async () => {
    const world = await stationWorld(harness)
    const { liaison, user, ticket, card } = await liaisonWithTicket(world)
    await pressInChat(liaison, card, 'lm')
    await user.waitForText('being mediated locally', SLOW)
    await liaison.waitFor((m) => m.message_id === card.message_id && offers(m, 'sl'), SLOW)
    await pressInChat(liaison, card, 'sl')
    const prompt = await liaison.waitForText('money recovered', SLOW)
    await liaison.reply(prompt, 'abc')
    await liaison.waitForText('not an amount', SLOW)
    await liaison.reply(prompt, '¥80')
    await user.waitForText('settled locally', SLOW)
    expect((await db().complaint.findUniqueOrThrow({ where: { id: ticket.id } })).recoveredFen).toBe(8000n)
  })

  it('ends the grid worker’s part once they escalate: no more relaying, no replies, no full contact', async () => {
    const world = await stationWorld(harness, { kind: 'COMMUNITY_LIAISON_STATION' })
    const officeGroup = harness.tg.group({ title: '通惠市场监管所', botIsAdmin: true })
    await createStation(db(), world.region, { kind: 'MARKET_SUPERVISION_OFFICE', chatId: officeGroup.id })
    const { liaison, user, ticket, card } = await liaisonWithTicket(world)
    // The station's card names the 网格员 the ticket was given to; the 所's names none of its own.
    const stationCard = await cardOf(world.group, ticket.trackingNumber)
    expect(cardText(world.group, stationCard)).toContain('网格员：Li')
    const consumerPerson = await db().person.findUniqueOrThrow({ where: { telegramId: BigInt(user.id) } })
    await harness.app.services.tickets.consumer.addInformation(consumerPerson.id, ticket.id, {
      text: 'The shop also refused to give me a receipt.',
    })
    await pressInChat(liaison, card, 'es')
    await liaison.reply(await liaison.waitForText('reason for escalating', SLOW), 'The shop refuses to talk')
    const officeCard = await cardOf(officeGroup, ticket.trackingNumber)
    // The 所 reads what the consumer added at the liaison station and why it was passed up, on the card itself.
    const officeText = cardText(officeGroup, officeCard)
    expect(officeText).not.toContain('网格员')
    expect(officeText).toContain('消费者补充说明（共 1 条')
    expect(officeText).toContain('The shop also refused to give me a receipt.')
    expect(officeText).toContain('⬆️ 上报理由：The shop refuses to talk')
    // The bureau's deadlines are not theirs: the 所's decision due today is not on the 网格员's /due.
    await db().complaint.update({ where: { id: ticket.id }, data: { decisionDueOn: new Date() } })
    await liaison.send('/due')
    expect((await liaison.waitForText('Nothing due today', SLOW)).text).not.toContain(ticket.trackingNumber)
    const frozen = await liaison.waitFor(
      (m) => m.message_id === card.message_id && (m.reply_markup?.inline_keyboard.flat() ?? []).length === 0,
      SLOW,
    )
    expect(frozen.text).not.toContain('13812345678')

    await liaison.reply(card, 'I can still talk to you')
    await liaison.waitForText('cannot be passed on', SLOW)
    const status = await user.waitForText('passed on to the market regulation bureau', SLOW)
    await user.reply(status, 'When will the bureau call me?')
    await officeGroup.waitForText('When will the bureau call me?', SLOW)
    await user.waitForText('Passed on to the station handling', SLOW)
    expect(liaison.messages().some((m) => (m.text ?? '').includes('When will the bureau call me?'))).toBe(false)
    expect(user.messages().some((m) => (m.text ?? '').includes('I can still talk to you'))).toBe(false)
  })

  it('transfers a ticket to another station with a reason; the new station gets the card, the old one loses the buttons', async () => {
    const world = await stationWorld(harness)
    const { personId } = await consumer(harness, 'zh-hans')
    const ticket = await file(harness, personId, world.region)
    const card = await cardOf(world.group, ticket.trackingNumber)
    const otherGroup = await transferToAnotherOffice(world, card, '经营地址不在本站辖区')
    await cardOf(otherGroup, ticket.trackingNumber)
    const old = await cardShows(world.group, card, '已转交')
    expect(old.reply_markup?.inline_keyboard.flat() ?? []).toHaveLength(0)
    expect(old.text).not.toContain('+8613812345678')
    // No promise of relaying on a card the station no longer handles, and a reply to it is answered, not dropped.
    expect(old.text).not.toContain('回复本卡片')
    await world.staff.sendInGroup(world.group, '还能转告消费者吗？', { replyTo: old })
    await world.group.waitForText('此工单已不由您办理，这条消息未转告消费者。', SLOW)
  })

  it('hands a complaint in mediation to another bureau station whose card shows the running mediation period', async () => {
    const world = await stationWorld(harness)
    const { personId } = await consumer(harness, 'zh-hans')
    const ticket = await file(harness, personId, world.region)
    const card = await cardOf(world.group, ticket.trackingNumber)
    await pressOnCard(world.staff, world.group, card, 'ac')
    await cardShows(world.group, card, '已受理：')
    await pressOnCard(world.staff, world.group, card, 'md')
    const mediating = await cardShows(world.group, card, '开始调解：')
    const due = /调解期限至：(\S+)/.exec(mediating.text ?? '')?.[1]
    const otherGroup = await transferToAnotherOffice(world, card, '由另一所继续调解')
    // The new station decides on a running period: its card says when it ends, from the start.
    const received = await cardOf(otherGroup, ticket.trackingNumber)
    expect(received.text).toContain(`调解期限至：${due}`)
    expect(received.text).toContain('↪️ 转办理由：由另一所继续调解')
  })

  it('shows other open complaints about the same business at the station on the card', async () => {
    const world = await stationWorld(harness)
    const { personId } = await consumer(harness, 'zh-hans')
    const first = await file(harness, personId, world.region, { business: '好又多超市' })
    const second = await file(harness, personId, world.region, { business: '好又多 超市。' })
    const card = await cardOf(world.group, second.trackingNumber)
    await cardOf(world.group, first.trackingNumber)
    await pressOnCard(world.staff, world.group, card, 'ac')
    const shown = await cardShows(world.group, card, '另有 1 件')
    expect(shown.text).toContain(first.trackingNumber)
  })
})
