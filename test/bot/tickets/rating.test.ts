import { beforeAll, describe, expect, it } from 'vitest'
import { myData } from '../../../src/telegram/callback-data/my-complaints.ts'
import { ratingData, skipCommentData } from '../../../src/telegram/callback-data/rating.ts'
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
  await createStation(db(), DONGPO)
})

/** A consumer with one complaint, closed by the station (the rating prompt is what they see next). */
async function closedComplaint(): Promise<{ user: InProcessUser; id: string; tracking: string }> {
  const user = harness.bot().user()
  await user.send('/start')
  const person = await db().person.findUniqueOrThrow({ where: { telegramId: BigInt(user.info.id) } })
  const id = await fileAndRoute(harness.app().services, person.id, DONGPO)
  const closed = await db().complaint.update({
    where: { id },
    data: { status: 'CLOSED', closingOutcome: 'RESOLVED', closedAt: new Date() },
  })
  return { user, id, tracking: closed.trackingNumber }
}

const alert = (calls: RecordedCall[]) => callsOf(calls, 'answerCallbackQuery')[0]?.payload
const rated = (id: string) => db().complaint.findUniqueOrThrow({ where: { id } })

describe('rating a closed complaint', () => {
  it('thanks for the stars, then keeps the consumer’s next message as their comment', async () => {
    const { user, id, tracking } = await closedComplaint()
    const thanks = await user.press(ratingData(4, id))
    const edit = callsOf(thanks, 'editMessageText')[0]
    expect(String(edit?.payload.text)).toContain(`谢谢！您给 <b>${tracking}</b> 的评价是 ⭐⭐⭐⭐。`)
    expect(inlineButtons(edit).map((b) => b.text)).toEqual(['跳过'])
    const saved = await user.send('站点处理得很及时，谢谢。')
    expect(String(callsOf(saved, 'sendMessage')[0]?.payload.text)).toBe(`谢谢，您对 ${tracking} 的意见已保存。`)
    expect(await rated(id)).toMatchObject({ satisfaction: 4, satisfactionComment: '站点处理得很及时，谢谢。' })
    // /my: the rating once, the comment as its own step, and nothing more asked of the consumer.
    const detail = String(callsOf(await user.press(myData.detail(id)), 'editMessageText')[0]?.payload.text)
    expect(detail).toContain('您的评价：⭐⭐⭐⭐')
    expect(detail).toContain('下一步：无需您再做什么')
    expect(detail.match(/已评价/g)).toHaveLength(1)
    expect(detail).toContain('已留下评价意见')
  })

  it('leaves the comment unasked when the consumer starts a new complaint: their next message answers the form', async () => {
    const { user, id } = await closedComplaint()
    await user.press(ratingData(5, id))
    await user.press('m:c')
    const answered = await user.send('新华书店')
    const said = callsOf(answered, 'sendMessage').map((call) => String(call.payload.text))
    expect(said.join('\n')).toContain('商家在哪里')
    expect(await rated(id)).toMatchObject({ satisfaction: 5, satisfactionComment: null })
    const form = await harness.app().services.intake.forms.load(user.info.id)
    expect(form.status === 'active' && form.form.draft.respondentName).toBe('新华书店')
  })

  it('takes no comment after “skip”, and refuses a second rating with the stars given', async () => {
    const { user, id } = await closedComplaint()
    await user.press(ratingData(2, id))
    const skipped = await user.press(skipCommentData(id))
    expect(alert(skipped)?.text).toBe('感谢您的评价！')
    expect(callsOf(skipped, 'editMessageReplyMarkup')[0]?.payload.reply_markup).toEqual({ inline_keyboard: [] })
    await user.send('这句话不是评价意见')
    expect(await rated(id)).toMatchObject({ satisfaction: 2, satisfactionComment: null })
    expect(alert(await user.press(ratingData(5, id)))).toMatchObject({ text: '您已评价过：⭐⭐。', show_alert: true })
    expect((await rated(id)).satisfaction).toBe(2)
  })

  it('refuses to rate a complaint still being handled, another consumer’s, or with a broken button', async () => {
    const { user, id } = await closedComplaint()
    await db().complaint.update({ where: { id }, data: { status: 'ACCEPTED', closedAt: null } })
    expect(alert(await user.press(ratingData(5, id)))).toMatchObject({
      text: '此投诉尚未办结，暂不能评价。',
      show_alert: true,
    })
    const other = await closedComplaint()
    expect(alert(await user.press(ratingData(1, other.id)))?.text).toBe('这不是您的投诉。')
    expect(alert(await user.press(`rate:9:${other.id}`))?.text).toBe('此按钮已失效，未做任何更改。')
    expect((await rated(other.id)).satisfaction).toBeNull()
  })
})
