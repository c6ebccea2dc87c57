import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RuntimeInProcess } from '../../support/runtime-in-process.ts'
import {
  cardOf,
  cardShows,
  consumer,
  file,
  offers,
  openedFromMy,
  openFromMy,
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

describe('other endings: withdrawals, follow-ups and corrections', () => {
  it('ends a formal mediation the consumer withdraws from /my with the ground 撤回投诉 and the termination notice', async () => {
    const world = await stationWorld(harness)
    const { user, personId } = await consumer(harness, 'en')
    const ticket = await file(harness, personId, world.region, { locale: 'en' })
    const card = await cardOf(world.group, ticket.trackingNumber)
    await pressOnCard(world.staff, world.group, card, 'ac')
    await cardShows(world.group, card, '已受理：张主任')
    await pressOnCard(world.staff, world.group, card, 'md')
    await cardShows(world.group, card, '开始调解：张主任')
    await openFromMy(user, ticket.trackingNumber)
    await user.press('↩️ Withdraw')
    await user.waitForText('Mediation then ends', SLOW)
    const answer = await user.press('Yes, withdraw')
    expect(answer.text).toContain('mediation has ended')
    const notice = await user.waitFor(
      (m) => (m.text ?? '').includes(ticket.trackingNumber) && (m.text ?? '').includes('mediation ended'),
      SLOW,
    )
    expect(notice.text).toContain('withdrawn or settled')
    await cardShows(world.group, card, '投诉人撤回投诉或者双方自行和解')
    const stored = await db().complaint.findUniqueOrThrow({ where: { id: ticket.id } })
    expect([stored.status, stored.ground]).toEqual(['MEDIATION_ENDED', 'WITHDRAWN_OR_SETTLED'])
  })

  it('keeps verifying a report the reporter withdraws, and tells the reporter so', async () => {
    const world = await stationWorld(harness)
    const { user, personId } = await consumer(harness, 'en')
    const ticket = await file(harness, personId, world.region, { locale: 'en', kind: 'REPORT' })
    const card = await cardOf(world.group, ticket.trackingNumber)
    await pressOnCard(world.staff, world.group, card, 'vf')
    await cardShows(world.group, card, '开始核查：张主任')
    await openFromMy(user, ticket.trackingNumber)
    await user.press('↩️ Withdraw')
    await user.waitForText('withdrawing does not stop it', SLOW)
    const answer = await user.press('Yes, withdraw')
    expect(answer.show_alert).toBe(true)
    expect(answer.text).toContain('the verification continues')
    await cardShows(world.group, card, '已撤回：消费者')
    expect((await db().complaint.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('VERIFYING')
    expect(offers(world.group.message(card.message_id), 'fc')).toBe(true)
  })

  it('is withdrawn by the consumer from /my, and the card stops offering decisions', async () => {
    const { world, user, ticket, card } = await openedFromMy(harness)
    await user.press('↩️ Withdraw')
    await user.waitForText('The station will stop handling it', SLOW)
    await user.press('Yes, withdraw')
    await user.waitFor(
      (m) => (m.text ?? '').includes(ticket.trackingNumber) && (m.text ?? '').includes(': withdrawn'),
      SLOW,
    )
    await cardShows(world.group, card, '已撤回：消费者')
    const buttons = world.group.message(card.message_id)?.reply_markup?.inline_keyboard.flat() ?? []
    expect(
      buttons
        .map((b) => ('callback_data' in b ? b.callback_data.slice(0, 4) : ''))
        .filter((data) => data.startsWith('t:')),
    ).toEqual(['t:nt'])
  })

  it('withdraws once on a double tap of “Yes, withdraw”, and shows the complaint once', async () => {
    const world = await stationWorld(harness)
    const { user, personId } = await consumer(harness, 'en')
    const ticket = await file(harness, personId, world.region, { locale: 'en' })
    await cardOf(world.group, ticket.trackingNumber)
    await openFromMy(user, ticket.trackingNumber)
    await user.press('↩️ Withdraw')
    await user.waitForText('The station will stop handling it', SLOW)
    const [first, second] = await Promise.all([user.press('Yes, withdraw'), user.press('Yes, withdraw')])
    expect([first.show_alert, second.show_alert].sort()).toEqual([false, true])
    await user.waitFor(
      (m) => (m.text ?? '').includes(ticket.trackingNumber) && (m.text ?? '').includes(': withdrawn'),
      SLOW,
    )
    await harness.tg.idle()
    expect(user.messages().filter((m) => (m.text ?? '').includes('Timeline'))).toHaveLength(1)
    expect(await db().complaintEvent.count({ where: { complaintId: ticket.id, action: 'WITHDRAW' } })).toBe(1)
  })

  it('offers a new complaint about a closed one from /my, starting the form with the business filled in and the link to it', async () => {
    const world = await stationWorld(harness)
    const { user, personId } = await consumer(harness, 'zh-hans')
    const ticket = await file(harness, personId, world.region, { business: '好又多超市' })
    // Routed before the bureau acts on it: its card is posted.
    await cardOf(world.group, ticket.trackingNumber)
    const staffPerson = await db().person.findUniqueOrThrow({ where: { telegramId: BigInt(world.staff.id) } })
    const act = (action: string, input = {}) =>
      harness.app.services.tickets.actOnTicket({ complaintId: ticket.id, personId: staffPerson.id, action, input })
    await act('ACCEPT')
    await act('CLOSE', { outcome: 'UNRESOLVED', note: '商家拒绝' })
    await user.send('/my')
    await user.waitForText('我的投诉', SLOW)
    await user.press(new RegExp(ticket.trackingNumber))
    const detail = await user.waitFor((m) => (m.text ?? '').includes('办理进程') && Boolean(m.reply_markup), SLOW)
    await user.press('📝 就此重新投诉', { inMessage: detail })
    await user.waitForText('被投诉方已按原投诉填好：好又多超市', SLOW)
    await user.waitForText('请先选择大类', SLOW)
    const loaded = await harness.app.services.intake.forms.load(user.id)
    if (loaded.status !== 'active') throw new Error(`expected an active form, got ${loaded.status}`)
    expect(loaded.form).toMatchObject({
      kind: 'COMPLAINT',
      step: 'category',
      draft: { respondentName: '好又多超市', previousComplaintId: ticket.id },
    })
    expect(loaded.form.trail).toEqual(['businessName', 'location', 'businessAddress'])
  })

  it('has a wrong closing corrected by the bureau with a reason, back to the status before it; an old reopen button is explained', async () => {
    const world = await stationWorld(harness)
    const { user, personId } = await consumer(harness, 'zh-hans')
    const ticket = await file(harness, personId, world.region)
    const card = await cardOf(world.group, ticket.trackingNumber)
    const staffPerson = await db().person.findUniqueOrThrow({ where: { telegramId: BigInt(world.staff.id) } })
    const act = (action: string, input = {}) =>
      harness.app.services.tickets.actOnTicket({ complaintId: ticket.id, personId: staffPerson.id, action, input })
    await act('ACCEPT')
    await act('END_MEDIATION', { ground: 'AGREEMENT_IMPOSSIBLE' })
    await act('CLOSE')
    await cardShows(world.group, card, '已办结：张主任')
    const before = await db().complaint.findUniqueOrThrow({ where: { id: ticket.id } })

    const forged = await world.staff.pressData(card.message_id, `t:ro:${ticket.id}`, { in: world.group, ...SLOW })
    expect(forged.show_alert).toBe(true)
    expect(forged.text).toContain('“重新处理”已取消')

    await pressOnCard(world.staff, world.group, card, 'cc')
    const prompt = await world.group.waitForText('请回复更正', SLOW)
    await world.staff.sendInGroup(world.group, '误点办结', { replyTo: prompt })
    await cardShows(world.group, card, '已更正办结：张主任')
    await user.waitFor(
      (m) => (m.text ?? '').includes('调解终止') && m.message_id === user.lastMessage()?.message_id,
      SLOW,
    )
    const after = await db().complaint.findUniqueOrThrow({ where: { id: ticket.id } })
    expect([after.status, after.closedAt, after.mediationDueOn]).toEqual([
      'MEDIATION_ENDED',
      null,
      before.mediationDueOn,
    ])
  })
})
