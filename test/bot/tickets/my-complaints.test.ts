import { beforeAll, describe, expect, it } from 'vitest'
import { myData } from '../../../src/telegram/callback-data/my-complaints.ts'
import {
  callsOf,
  type InProcessUser,
  inlineButtons,
  inProcessBotPerFile,
  type RecordedCall,
} from '../../support/in-process-bot.ts'
import { createStation, DONGPO, fileAndRoute } from '../../support/world.ts'

const harness = inProcessBotPerFile({ MAX_COMPLAINTS_PER_DAY: '50' })
const db = () => harness.app().database.db
beforeAll(async () => {
  // The station the consumers' complaints are routed to.
  await createStation(db(), DONGPO)
})

/** A consumer who has started the bot, with `count` complaints filed and routed. */
async function consumerWith(count: number): Promise<{ user: InProcessUser; complaints: string[] }> {
  const user = harness.bot().user()
  await user.send('/start')
  const person = await db().person.findUniqueOrThrow({ where: { telegramId: BigInt(user.info.id) } })
  const complaints: string[] = []
  for (let i = 0; i < count; i++)
    complaints.push(await fileAndRoute(harness.app().services, person.id, DONGPO, { business: `商店${i + 1}` }))
  return { user, complaints }
}

const trackingOf = async (id: string) => (await db().complaint.findUniqueOrThrow({ where: { id } })).trackingNumber
const closeComplaint = (id: string) =>
  db().complaint.update({ where: { id }, data: { status: 'CLOSED', closingOutcome: 'RESOLVED', closedAt: new Date() } })

const shown = (calls: RecordedCall[]) =>
  String((callsOf(calls, 'editMessageText')[0] ?? callsOf(calls, 'sendMessage')[0])?.payload.text ?? '')
const labels = (calls: RecordedCall[]) =>
  inlineButtons(callsOf(calls, 'editMessageText')[0] ?? callsOf(calls, 'sendMessage')[0]).map((b) => b.text)
const alert = (calls: RecordedCall[]) => callsOf(calls, 'answerCallbackQuery')[0]?.payload

describe('/my', () => {
  it('tells a consumer without complaints how to start one', async () => {
    const user = harness.bot().user()
    expect(shown(await user.send('/my'))).toBe('您还没有提交过投诉。发送 /start 开始投诉。')
  })

  it('lists the complaints five to a page, with buttons to page on and back', async () => {
    const { user } = await consumerWith(7)
    const first = await user.send('/my')
    expect(shown(first)).toContain('（共 7 件），第 1/2 页')
    expect(labels(first)).toHaveLength(6)
    expect(labels(first).at(-1)).toBe('下一页 ▶')
    const second = await user.press(myData.list(1))
    expect(shown(second)).toContain('第 2/2 页')
    expect(labels(second)).toHaveLength(3)
    expect(labels(second).at(-1)).toBe('◀ 上一页')
  })

  it('opens a complaint’s detail, takes added information as text or photo, and relays it', async () => {
    const { user, complaints } = await consumerWith(1)
    const [id] = complaints as [string]
    const tracking = await trackingOf(id)
    const detail = await user.press(myData.detail(id))
    expect(shown(detail)).toContain(`<b>${tracking}</b>`)
    expect(shown(detail)).toContain('被投诉方：商店1')
    expect(labels(detail)).toEqual(['➕ 补充材料', '↩️ 撤回', '« 我的投诉'])

    const prompt = await user.press(myData.addInformation(id))
    expect(shown(prompt)).toContain(`请发送 <b>${tracking}</b> 的补充材料`)
    const first = await user.send('收据上写的是 3 月 5 日。')
    expect(shown(first)).toBe(
      `已补充到 ${tracking}，并已转给承办站点。还可以继续发送文字、照片或文件；补充完毕请点“完成”（或发送 /cancel）。`,
    )
    expect(labels(first)).toEqual(['✅ 完成'])
    // A sticker is no information: said so, and the next photo is still taken.
    expect(shown(await user.sendSticker())).toContain('这条消息无法作为补充材料')
    expect(shown(await user.sendPhoto('收据照片'))).toContain(`已补充到 ${tracking}`)
    expect(alert(await user.press(myData.addInformationDone(id)))).toMatchObject({ text: '补充完毕。' })
    // Started again and ended with /cancel: what was added stays, and the answer says so.
    await user.press(myData.addInformation(id))
    expect(shown(await user.send('/cancel'))).toBe('补充完毕。')
    // Done: the next message is no longer added.
    await user.send('这句话不是补充材料')
    // Both are on the ticket (the workers relay them to the station).
    const added = await db().complaintEvent.findMany({
      where: { complaintId: id, action: 'ADD_INFORMATION' },
      orderBy: { id: 'asc' },
    })
    expect(added.map((event) => event.note)).toEqual(['收据上写的是 3 月 5 日。', '收据照片'])
    expect(await db().attachment.count({ where: { complaintId: id, kind: 'PHOTO' } })).toBe(1)
  })

  it('says what happens first at a liaison station: local mediation for a complaint, never for a report', async () => {
    const { user, complaints } = await consumerWith(1)
    const person = await db().person.findUniqueOrThrow({ where: { telegramId: BigInt(user.info.id) } })
    const report = await fileAndRoute(harness.app().services, person.id, DONGPO, { kind: 'REPORT' })
    expect(shown(await user.press(myData.detail(complaints[0] ?? '')))).toContain(
      '先由12315联络站就地化解；法定期限自市场监管部门收到之日起计算',
    )
    const reportDetail = shown(await user.press(myData.detail(report)))
    expect(reportDetail).toContain('法定核查期限自市场监管部门收到之日起计算')
    expect(reportDetail).not.toContain('就地化解')
  })

  it('asks before withdrawing; “no” goes back, “yes” withdraws and shows the new status', async () => {
    const { user, complaints } = await consumerWith(1)
    const [id] = complaints as [string]
    const tracking = await trackingOf(id)
    const ask = await user.press(myData.withdraw(id))
    expect(shown(ask)).toBe(`确定撤回 <b>${tracking}</b> 吗？站点将停止办理。`)
    expect(labels(ask)).toEqual(['确定撤回', '不撤回'])
    expect(shown(await user.press(myData.detail(id)))).toContain('状态：<b>已分派至承办站点</b>')
    const withdrawn = await user.press(myData.withdrawConfirmed(id))
    expect(alert(withdrawn)).toMatchObject({ text: `${tracking} 已撤回。`, show_alert: false })
    expect(shown(withdrawn)).toContain('状态：<b>已撤回</b>')
    // The same confirmation pressed again: the complaint is no longer open.
    const again = await user.press(myData.withdrawConfirmed(id))
    expect(alert(again)?.show_alert).toBe(true)
    expect(shown(again)).toContain('状态：<b>已撤回</b>')
  })

  it('offers a closed complaint to be filed anew instead of added to, and starts that form', async () => {
    const { user, complaints } = await consumerWith(1)
    const [id] = complaints as [string]
    const tracking = await trackingOf(id)
    const prompt = await user.press(myData.addInformation(id))
    expect(callsOf(prompt, 'sendMessage')).toHaveLength(1)
    await closeComplaint(id)
    // The information arrives after the station closed the complaint.
    expect(shown(await user.send('还有一张发票。'))).toBe(`${tracking} 已不在办理中，未作补充。`)
    expect(alert(await user.press(myData.addInformation(id)))).toMatchObject({
      text: `${tracking} 已不在办理中，未作补充。`,
      show_alert: true,
    })
    const detail = await user.press(myData.detail(id))
    expect(labels(detail)).toEqual(['📝 就此重新投诉', '« 我的投诉'])
    const again = await user.press(myData.fileAgain(id))
    expect(callsOf(again, 'sendMessage').map((call) => String(call.payload.text))).toEqual(
      expect.arrayContaining([expect.stringContaining('被投诉方已按原投诉填好：<b>商店1</b>')]),
    )
  })

  it('refuses another consumer’s complaint, a stale choice and a button pressed outside the private chat', async () => {
    const { complaints } = await consumerWith(1)
    const [id] = complaints as [string]
    const stranger = harness.bot().user()
    await stranger.send('/start')
    for (const data of [myData.detail(id), myData.withdraw(id), myData.addInformation(id), myData.fileAgain(id)])
      expect(alert(await stranger.press(data))?.text).toBe('此投诉不是您的，或已不存在。')
    expect(alert(await stranger.press(myData.withdrawConfirmed(id)))?.show_alert).toBe(true)
    expect(await db().complaint.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'RECEIVED' })
    // “Which complaint is this message about?” answered after the question was gone.
    expect(alert(await stranger.press(myData.relayTo(id)))?.text).toBe('此按钮已失效，未做任何更改。')
    expect(alert(await stranger.press('my:zz:1'))?.text).toBe('此按钮已失效，未做任何更改。')
    const group = harness.bot().group()
    const inGroup = await stranger.pressIn(group, myData.detail(id))
    expect(alert(inGroup)?.text).toBe('此按钮已失效，未做任何更改。')
  })
})
