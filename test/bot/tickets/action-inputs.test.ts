import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LifecycleAction } from '../../../src/domain/lifecycle/index.ts'
import { createRedis, type Redis } from '../../../src/redis.ts'
import { ticketActionData } from '../../../src/telegram/callback-data/ticket-action.ts'
import { choiceData } from '../../../src/telegram/callback-data/ticket-choice.ts'
import {
  callsOf,
  type InProcessGroup,
  type InProcessUser,
  inlineButtons,
  inProcessBotPerFile,
  type RecordedCall,
} from '../../support/in-process-bot.ts'
import { TEST_REDIS_URL } from '../../support/redis.ts'
import { addMembership, createPerson, createRegion, createStation, fileAndRoute } from '../../support/world.ts'

const harness = inProcessBotPerFile({ MAX_COMPLAINTS_PER_DAY: '50' })
const db = () => harness.app().database.db
let redis: Redis
beforeAll(() => {
  redis = createRedis(TEST_REDIS_URL, { name: 'action-inputs-test' })
})
afterAll(() => {
  redis.disconnect()
})

interface Desk {
  group: InProcessGroup
  staff: InProcessUser
  staffId: number
  complaintId: string
  trackingNumber: string
}

/** A market supervision office whose group holds one staff member, and a complaint routed to it. */
async function desk(): Promise<Desk> {
  const region = await createRegion(db())
  const group = harness.bot().group()
  const station = await createStation(db(), region, { kind: 'MARKET_SUPERVISION_OFFICE', chatId: group.id })
  const staff = harness.bot().user()
  await staff.send('/start')
  const person = await db().person.findUniqueOrThrow({ where: { telegramId: BigInt(staff.info.id) } })
  await addMembership(db(), person.id, station.id, 'STAFF')
  const consumer = await createPerson(harness.app().services, '王小明')
  const complaintId = await fileAndRoute(harness.app().services, consumer.id, region)
  const { trackingNumber } = await db().complaint.findUniqueOrThrow({ where: { id: complaintId } })
  return { group, staff, staffId: person.id, complaintId, trackingNumber }
}

/** Takes the steps before the one under test, as the staff member would on the card. */
async function actAs(d: Desk, ...actions: LifecycleAction[]) {
  for (const action of actions) {
    const result = await harness
      .app()
      .services.tickets.actOnTicket({ complaintId: d.complaintId, personId: d.staffId, action })
    if (result.status !== 'done') throw new Error(`${action}: ${result.status}`)
  }
}

const press = (d: Desk, action: LifecycleAction) => d.staff.pressIn(d.group, ticketActionData(action, d.complaintId))
const said = (calls: RecordedCall[]) => callsOf(calls, 'sendMessage').map((call) => String(call.payload.text))
const alert = (calls: RecordedCall[]) => callsOf(calls, 'answerCallbackQuery')[0]?.payload
const statusOf = async (d: Desk) => (await db().complaint.findUniqueOrThrow({ where: { id: d.complaintId } })).status
/** The nonce of the choice buttons under the prompt a press answered with. */
const nonceOf = (calls: RecordedCall[]) =>
  inlineButtons(callsOf(calls, 'sendMessage')[0])
    .find((b) => b.callback_data?.startsWith('tc:'))
    ?.callback_data?.split(':')[1] ?? ''

describe('choices asked after a card button', () => {
  it('offers the grounds as buttons; cancel changes nothing, an old or foreign button is refused', async () => {
    const d = await desk()
    const prompt = await press(d, 'REJECT')
    expect(said(prompt)[0]).toContain(`不予受理 <b>${d.trackingNumber}</b>：请选择依据`)
    const buttons = inlineButtons(callsOf(prompt, 'sendMessage')[0])
    expect(buttons.at(-1)?.text).toBe('✖ 取消')
    const nonce = nonceOf(prompt)

    const cancelled = await d.staff.pressIn(d.group, choiceData(nonce, 'x'))
    expect(alert(cancelled)?.text).toBe('已取消，未做任何更改。')
    expect(String(callsOf(cancelled, 'editMessageText')[0]?.payload.text)).toContain('→ ✖ 取消')
    expect(alert(await d.staff.pressIn(d.group, choiceData(nonce, 0)))?.text).toContain('此选项属于他人的操作')

    const again = await press(d, 'REJECT')
    const colleague = harness.bot().user()
    expect(alert(await colleague.pressIn(d.group, choiceData(nonceOf(again), 0)))?.text).toContain('此选项属于他人')
    // A forged index is refused before the prompt is touched: its buttons stay for the real choice.
    const forged = await d.staff.pressIn(d.group, choiceData(nonceOf(again), 99))
    expect(alert(forged)?.text).toContain('此选项属于他人')
    expect(callsOf(forged, 'editMessageText')).toHaveLength(0)
    expect(await statusOf(d)).toBe('RECEIVED')

    const chosen = await d.staff.pressIn(d.group, choiceData(nonceOf(again), 0))
    expect(alert(chosen)?.text).toBe(`不予受理：${d.trackingNumber}`)
    expect(await statusOf(d)).toBe('NOT_ACCEPTED')
  })

  it('asks the outcome, then the note, before closing an accepted complaint', async () => {
    const d = await desk()
    await actAs(d, 'ACCEPT')
    const outcome = await press(d, 'CLOSE')
    expect(said(outcome)[0]).toBe(`<b>${d.trackingNumber}</b> 的办理结果是？`)
    expect(inlineButtons(callsOf(outcome, 'sendMessage')[0]).map((b) => b.text)).toEqual([
      '✅ 已解决',
      '❌ 未解决',
      '✖ 取消',
    ])
    const note = await d.staff.pressIn(d.group, choiceData(nonceOf(outcome), 0))
    expect(said(note)[0]).toContain(`请回复 <b>${d.trackingNumber}</b> 的办结说明`)
    const closed = await d.staff.sendIn(d.group, '商家已退款，消费者认可。')
    expect(said(closed)[0]).toBe(`✅ 已办结：<b>${d.trackingNumber}</b>`)
    expect(await db().complaint.findUniqueOrThrow({ where: { id: d.complaintId } })).toMatchObject({
      status: 'CLOSED',
      closingOutcome: 'RESOLVED',
    })
  })

  it('says there is nobody to choose when the station has no grid liaison', async () => {
    const d = await desk()
    const prompt = await press(d, 'ASSIGN_LIAISON')
    expect(said(prompt)[0]).toBe(`没有可供选择的对象（<b>${d.trackingNumber}</b>）。`)
    expect(inlineButtons(callsOf(prompt, 'sendMessage')[0]).map((b) => b.text)).toEqual(['✖ 取消'])
  })
})

describe('answers typed in the group after a card button', () => {
  it('takes a note; an empty one is asked again, /cancel stops, and other commands pass on', async () => {
    const d = await desk()
    const prompt = await press(d, 'ADD_NOTE')
    expect(said(prompt)[0]).toContain(`请回复对 <b>${d.trackingNumber}</b> 的备注`)
    expect(said(await d.staff.sendIn(d.group, '   '))).toEqual(['请回复文字内容。'])
    expect(said(await d.staff.sendIn(d.group, '/cancel'))).toEqual(['已取消，未做任何更改。'])
    expect(said(await d.staff.sendIn(d.group, '这不是备注'))).toEqual([])

    await press(d, 'ADD_NOTE')
    // Another command is not taken as the note, which is still awaited after it.
    await d.staff.sendIn(d.group, '/help')
    const noted = await d.staff.sendIn(d.group, '已电话联系商家，约定周五答复。')
    expect(said(noted)).toEqual([`✅ 添加备注：<b>${d.trackingNumber}</b>`])
    const event = await db().complaintEvent.findFirstOrThrow({
      where: { complaintId: d.complaintId, action: 'ADD_NOTE' },
    })
    expect(event.note).toBe('已电话联系商家，约定周五答复。')
  })

  it('takes the money recovered: refuses what is not an amount, takes “0 元”', async () => {
    const d = await desk()
    await actAs(d, 'ACCEPT', 'START_MEDIATION')
    const prompt = await press(d, 'RECORD_AGREEMENT')
    expect(said(prompt)[0]).toContain(`请回复 <b>${d.trackingNumber}</b> 挽回的经济损失（元）`)
    expect(said(await d.staff.sendIn(d.group, '退了一部分'))).toEqual([
      '这不是有效的金额。请回复例如 120.50，没有挽回损失请回复 0。',
    ])
    expect(said(await d.staff.sendIn(d.group, '0 元'))).toEqual([`✅ 达成调解协议：<b>${d.trackingNumber}</b>`])
    expect(await db().complaint.findUniqueOrThrow({ where: { id: d.complaintId } })).toMatchObject({
      status: 'AGREED',
      recoveredFen: 0n,
    })
  })

  it('tells the one who typed an amount second that a colleague recorded the agreement first', async () => {
    const d = await desk()
    await actAs(d, 'ACCEPT', 'START_MEDIATION')
    await press(d, 'RECORD_AGREEMENT')
    const colleague = await createPerson(harness.app().services, '李科员')
    const station = await db().complaint.findUniqueOrThrow({ where: { id: d.complaintId } })
    await addMembership(db(), colleague.id, station.stationId!, 'STAFF')
    const first = await harness.app().services.tickets.actOnTicket({
      complaintId: d.complaintId,
      personId: colleague.id,
      action: 'RECORD_AGREEMENT',
      input: { amountFen: 5000 },
    })
    expect(first.status).toBe('done')
    const [late] = said(await d.staff.sendIn(d.group, '80'))
    expect(late).toMatch(/^已有人先处理：李科员 于 .+ 达成调解协议。工单当前状态为“/)
    expect((await db().complaint.findUniqueOrThrow({ where: { id: d.complaintId } })).recoveredFen).toBe(5000n)
  })

  it('opens a case from a complaint and reports each of its steps, the penalty amount last', async () => {
    const d = await desk()
    await actAs(d, 'ACCEPT')
    const opened = await press(d, 'FILE_CASE')
    expect(alert(opened)?.text).toContain('诉转案，移送核查')
    expect(said(opened)[0]).toMatch(/^⚖️ 案件 <b>.+<\/b>（源自 <b>.+<\/b>）：核查中。$/)
    await press(d, 'CASE_FILE')
    const filed = await d.staff.sendIn(d.group, '经局负责人批准立案。')
    expect(said(filed)[1]).toContain('：已立案。')
    const penalty = await press(d, 'CASE_DECIDE')
    expect(said(penalty)[0]).toContain(`请回复 <b>${d.trackingNumber}</b> 案件的罚没金额（元）`)
    const decided = await d.staff.sendIn(d.group, '30000')
    expect(said(decided)[0]).toBe(`✅ 已作出行政处罚决定：<b>${d.trackingNumber}</b>`)
    expect(said(decided)[1]).toContain('：已作出行政处罚决定。')
  })
})

describe('a half-finished input the bot can no longer read (stored by an earlier release)', () => {
  it('is dropped: the staff member is told to start that step again, by message or by button', async () => {
    const d = await desk()
    const key = harness.app().services.tickets.pendingInputs.keyOf(d.group.id, d.staff.info.id)
    const stale = JSON.stringify({ v: 0, type: 'action', nonce: 'a1b2c3', awaiting: 'AMOUNT' })
    await redis.set(key, stale)
    const dropped = '抱歉，本机器人更新后无法读取您在此处尚未完成的输入，未作任何更改。请重新开始该步骤。'
    expect(said(await d.staff.sendIn(d.group, '120'))).toEqual([dropped])
    await redis.set(key, stale)
    expect(alert(await d.staff.pressIn(d.group, choiceData('a1b2c3', 0)))).toMatchObject({
      text: dropped,
      show_alert: true,
    })
    expect(await redis.exists(key)).toBe(0)
    expect(await statusOf(d)).toBe('RECEIVED')
  })
})
