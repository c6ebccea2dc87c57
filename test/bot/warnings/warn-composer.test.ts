import { describe, expect, it } from 'vitest'
import { hotSpotCallback } from '../../../src/telegram/callback-data/hot-spot.ts'
import { composeData } from '../../../src/telegram/callback-data/warnings.ts'
import { callsOf, type InProcessUser, inlineButtons, inProcessBotPerFile } from '../../support/in-process-bot.ts'
import { addMembership, createStation, DONGPO } from '../../support/world.ts'

const harness = inProcessBotPerFile()
const db = () => harness.app().database.db

async function personOf(user: InProcessUser) {
  return db().person.findUniqueOrThrow({ where: { telegramId: BigInt(user.info.id) } })
}

/** A staff member of a station covering 诗书社区, with the draft /warn opened for them. */
async function staffWithDraft() {
  const station = await createStation(db(), DONGPO)
  const staff = harness.bot().user()
  await staff.send('/start')
  const person = await personOf(staff)
  await addMembership(db(), person.id, station.id, 'STAFF')
  await staff.send('/warn')
  const draft = await db().warning.findFirstOrThrow({ where: { authorId: person.id, status: 'DRAFT' } })
  return { staff, draftId: draft.id, stationId: station.id, personId: person.id }
}

const replies = (calls: Awaited<ReturnType<InProcessUser['send']>>) =>
  callsOf(calls, 'sendMessage').map((call) => String(call.payload.text))
const edited = (calls: Awaited<ReturnType<InProcessUser['send']>>) =>
  String(callsOf(calls, 'editMessageText')[0]?.payload.text ?? '')
const alert = (calls: Awaited<ReturnType<InProcessUser['send']>>) =>
  String(callsOf(calls, 'answerCallbackQuery')[0]?.payload.text ?? '')
const draftRow = (id: number) => db().warning.findUniqueOrThrow({ where: { id } })

describe('/cancel while the composer waits for an answer', () => {
  it('returns the author to the draft card, keeping what it holds, and ends the wait', async () => {
    const { staff, draftId } = await staffWithDraft()
    await staff.press(composeData(draftId, 'A', DONGPO.community))
    await staff.press(composeData(draftId, 'tz'))
    const cancelled = await staff.send('/cancel')
    const [card] = replies(cancelled)
    expect(card).toContain(`消费警示草稿 #${draftId}`)
    expect(card).toContain('地区：东坡区 › 通惠街道 › 诗书社区')
    expect(inlineButtons(callsOf(cancelled, 'sendMessage')[0]).map((b) => b.text)).toContain('👁 预览')
    // The next text is not taken as the warning's text any more.
    await staff.send('这句话不是警示内容')
    expect((await draftRow(draftId)).textZhCn).toBe('')
  })

  it('also returns to the card from the wait for a photo', async () => {
    const { staff, draftId } = await staffWithDraft()
    await staff.press(composeData(draftId, 'f'))
    expect(replies(await staff.send('/cancel@grid_12315_test_bot'))[0]).toContain(`消费警示草稿 #${draftId}`)
    expect((await draftRow(draftId)).attachmentKind).toBeNull()
  })
})

describe('the /warn composer', () => {
  it('sets the topic through the category tree, back to every topic, and clears the areas', async () => {
    const { staff, draftId } = await staffWithDraft()
    await staff.press(composeData(draftId, 'A', DONGPO.community))
    const kinds = inlineButtons(callsOf(await staff.press(composeData(draftId, 'kt')), 'editMessageText')[0])
    expect(kinds.map((b) => b.text)).toEqual(expect.arrayContaining(['↩️ 返回草稿']))
    const groups = await staff.press(composeData(draftId, 'kk', 'GOODS', 0))
    expect(inlineButtons(callsOf(groups, 'editMessageText')[0]).map((b) => b.text)).toContain('食品')
    const leaves = await staff.press(composeData(draftId, 'kg', 'GOODS_FOOD', 0))
    expect(inlineButtons(callsOf(leaves, 'editMessageText')[0]).map((b) => b.text)).toContain('预包装食品')
    expect(edited(await staff.press(composeData(draftId, 'kc', 'FOOD_PACKAGED')))).toContain('类别：预包装食品')
    expect((await draftRow(draftId)).categoryCode).toBe('FOOD_PACKAGED')
    expect(edited(await staff.press(composeData(draftId, 'kn')))).toContain('类别：全部类别')
    const cleared = edited(await staff.press(composeData(draftId, 'ca')))
    expect(cleared).toContain('地区：（无）')
    expect((await draftRow(draftId)).areaCodes).toEqual([])
  })

  it('takes an English text and a photo, refuses the wrong kind of answer, and lets both be removed', async () => {
    const { staff, draftId } = await staffWithDraft()
    await staff.press(composeData(draftId, 'tz'))
    expect(replies(await staff.sendPhoto())[0]).toBe('请发送文字内容。')
    expect(replies(await staff.send('   '))[0]).toBe('内容不能为空，请重新发送。')
    await staff.send('/cancel')

    await staff.press(composeData(draftId, 'te'))
    const english = await staff.send('Beware of prepaid-card shops that close overnight.')
    expect(replies(english)[0]).toContain('英文内容：Beware of prepaid-card shops that close overnight.')
    expect(inlineButtons(callsOf(english, 'sendMessage')[0]).map((b) => b.text)).toContain('移除英文')

    await staff.press(composeData(draftId, 'f'))
    expect(replies(await staff.send('一张照片'))[0]).toBe('请发送照片或文件。')
    const photo = await staff.sendPhoto()
    expect(replies(photo)[0]).toContain('附件：照片')
    expect(inlineButtons(callsOf(photo, 'sendMessage')[0]).map((b) => b.text)).toContain('移除附件')
    expect((await draftRow(draftId)).attachmentKind).toBe('PHOTO')

    expect(edited(await staff.press(composeData(draftId, 'fx')))).toContain('附件：（无）')
    expect(edited(await staff.press(composeData(draftId, 'tx')))).toContain('英文内容：（无）')
    expect(await draftRow(draftId)).toMatchObject({ attachmentKind: null, textEn: null })
  })

  it('previews only a draft with an area and a text, says which is missing, and can be discarded', async () => {
    const { staff, draftId } = await staffWithDraft()
    expect(alert(await staff.press(composeData(draftId, 'p')))).toBe('请先至少选择一个地区。')
    await staff.press(composeData(draftId, 'A', DONGPO.community))
    expect(alert(await staff.press(composeData(draftId, 'p')))).toBe('请先填写中文内容。')
    // A confirm pressed on an old preview is checked again.
    expect(alert(await staff.press(composeData(draftId, 's')))).toBe('请先填写中文内容。')
    expect(edited(await staff.press(composeData(draftId, 'x')))).toBe('草稿已放弃。')
    expect(await db().warning.count({ where: { id: draftId } })).toBe(0)
    expect(alert(await staff.press(composeData(draftId, 'c')))).toContain('草稿已不存在')
  })

  it('refuses to send to an area the author no longer covers, and answers an unknown button', async () => {
    const { staff, draftId, stationId, personId } = await staffWithDraft()
    await staff.press(composeData(draftId, 'A', DONGPO.community))
    await staff.press(composeData(draftId, 'tz'))
    await staff.send('警惕“高价回收旧手机”的骗局。')
    expect(edited(await staff.press(composeData(draftId, 'p')))).toContain('将发送给 0 人')
    // The author left the station between the preview and the confirmation.
    await db().membership.deleteMany({ where: { personId, stationId } })
    expect(alert(await staff.press(composeData(draftId, 's')))).toContain('不在您所在站点的辖区内')
    expect((await draftRow(draftId)).status).toBe('DRAFT')
    expect(alert(await staff.press(composeData(draftId, 'zz')))).toContain('草稿已不存在')
  })

  it('offers an administrator the region’s districts to choose from, and goes back to the card', async () => {
    const center = await createStation(db(), DONGPO, { kind: 'COUNTY_CENTER' })
    const admin = harness.bot().user()
    await admin.send('/start')
    await addMembership(db(), (await personOf(admin)).id, center.id, 'ADMIN')
    await admin.send('/warn')
    const draft = await db().warning.findFirstOrThrow({
      where: { authorId: (await personOf(admin)).id, status: 'DRAFT' },
    })
    const top = await admin.press(composeData(draft.id, 'd'))
    expect(inlineButtons(callsOf(top, 'editMessageText')[0]).map((b) => b.text)).toContain('东坡区')
    const streets = await admin.press(composeData(draft.id, 'd', DONGPO.district, 0))
    expect(edited(streets)).toContain('📍 东坡区')
    expect(inlineButtons(callsOf(streets, 'editMessageText')[0]).map((b) => b.text)).toContain('通惠街道')
    expect(edited(await admin.press(composeData(draft.id, 'A', DONGPO.district)))).toContain('地区：东坡区')
    expect(edited(await admin.press(composeData(draft.id, 'c')))).toContain(`消费警示草稿 #${draft.id}`)
  })

  it('opens from a hot-spot suggestion pressed in the station’s group in the presser’s private chat', async () => {
    const group = harness.bot().group()
    const station = await createStation(db(), DONGPO, { chatId: group.id })
    const staff = harness.bot().user()
    await staff.send('/start')
    await addMembership(db(), (await personOf(staff)).id, station.id, 'STAFF')
    const suggestion = await db().hotSpotSuggestion.create({
      data: {
        patternKey: 'category-street:511402001:FOOD_PACKAGED',
        kind: 'CATEGORY_STREET',
        categoryCode: 'FOOD_PACKAGED',
        streetCode: '511402001',
        complaintCount: 6,
        windowDays: 30,
        stationId: station.id,
        triggeredBy: '00000000-0000-7000-8000-000000000001',
      },
    })
    const pressed = await staff.pressIn(group, hotSpotCallback.encode({ suggestionId: suggestion.id }))
    const sent = callsOf(pressed, 'sendMessage')
    expect(sent.map((call) => call.payload.chat_id)).toEqual([staff.info.id])
    expect(String(sent[0]?.payload.text)).toContain('类别：预包装食品')
    expect(String(sent[0]?.payload.text)).toContain('地区：东坡区 › 通惠街道 › 诗书社区')
  })
})
