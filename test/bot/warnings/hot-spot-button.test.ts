import { describe, expect, it } from 'vitest'
import { hotSpotCallback } from '../../../src/telegram/callback-data/hot-spot.ts'
import { callsOf, type InProcessUser, inProcessBotPerFile } from '../../support/in-process-bot.ts'
import { addMembership, createStation, DONGPO } from '../../support/world.ts'

const STREET = '511402001' // 通惠街道, the street of DONGPO.community (诗书社区)
const harness = inProcessBotPerFile()
const db = () => harness.app().database.db

async function personOf(user: InProcessUser) {
  return db().person.findUniqueOrThrow({ where: { telegramId: BigInt(user.info.id) } })
}

/** A staff member of a community station covering 诗书社区, and the street's hot spot offered to that station. */
async function hotSpotAtCommunityStation() {
  const station = await createStation(db(), DONGPO)
  const staff = harness.bot().user()
  await staff.send('/start')
  await addMembership(db(), (await personOf(staff)).id, station.id, 'STAFF')
  const suggestion = await db().hotSpotSuggestion.create({
    data: {
      patternKey: `category-street:${STREET}:APPLIANCE_SMALL`,
      kind: 'CATEGORY_STREET',
      categoryCode: 'APPLIANCE_SMALL',
      streetCode: STREET,
      complaintCount: 5,
      windowDays: 30,
      stationId: station.id,
      triggeredBy: '00000000-0000-7000-8000-000000000000',
    },
  })
  return { staff, data: hotSpotCallback.encode({ suggestionId: suggestion.id }) }
}

const alertOf = (calls: ReturnType<typeof callsOf>) => String(calls[0]?.payload.text ?? '')

describe("a hot-spot suggestion's draft button", () => {
  it('opens the warning composer for the station’s staff with the area they may warn, the category and a draft text', async () => {
    const { staff, data } = await hotSpotAtCommunityStation()
    const calls = await staff.press(data)
    const card = callsOf(calls, 'sendMessage').map((call) => String(call.payload.text))
    expect(card.join('\n')).toContain('生活小家电')
    const draft = await db().warning.findFirstOrThrow({
      where: { authorId: (await personOf(staff)).id, status: 'DRAFT' },
    })
    // The station covers 诗书社区, not the whole street: its own community is the target.
    expect(draft.areaCodes).toEqual([DONGPO.community])
    expect(draft.categoryCode).toBe('APPLIANCE_SMALL')
    expect(draft.textZhCn).toContain('【消费警示】近期，东坡区通惠街道「生活小家电」方面的消费投诉较为集中')
  })

  it('is refused to someone who is not staff of that station, and nothing is drafted', async () => {
    const { data } = await hotSpotAtCommunityStation()
    const outsider = harness.bot().user()
    await outsider.send('/start')
    const calls = await outsider.press(data)
    expect(alertOf(callsOf(calls, 'answerCallbackQuery'))).toContain('只有处理该热点的站点工作人员或管理员')
    expect(await db().warning.count({ where: { authorId: (await personOf(outsider)).id } })).toBe(0)
  })

  it('answers a forged or stale suggestion clearly', async () => {
    const { staff } = await hotSpotAtCommunityStation()
    const forged = hotSpotCallback.encode({ suggestionId: '00000000-0000-7000-8000-0000000000ff' })
    expect(alertOf(callsOf(await staff.press(forged), 'answerCallbackQuery'))).toContain('热点提示已失效')
    expect(alertOf(callsOf(await staff.press('hs:not-a-uuid'), 'answerCallbackQuery'))).toContain('热点提示已失效')
  })
})
