// The complainant's identity at rest (encrypted, masked, never logged) and online shops routed by the address they
// show on the platform, from the chat through to the stored and routed ticket.
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestUser } from '../../../src/simulator/bot-api/index.ts'
import { TEST_REDIS_URL } from '../../support/redis.ts'
import type { RuntimeInProcess } from '../../support/runtime-in-process.ts'
import {
  answerComplaintZh,
  answerDailyLifeUseZh,
  answerIdentityZh,
  ID_NUMBER,
  pressWhenShown,
  replyMatching,
  startIntakeBot,
  zh,
} from './intake-driver.ts'

let harness: RuntimeInProcess
// Trace: every line the bot could write about an update (its text included) is in the output.
beforeAll(async () => {
  harness = await startIntakeBot({ LOG_LEVEL: 'trace' })
})
afterAll(async () => {
  await harness.close()
})

const db = () => harness.app.database.db

async function fileComplaintZh(user: TestUser): Promise<string> {
  const card = await answerComplaintZh(user)
  // The draft in Redis holds the number encrypted too.
  const redis = new Redis(TEST_REDIS_URL)
  const stored = await redis.get(`${harness.app.redisPrefix}:form:${user.id}`).finally(() => redis.disconnect())
  expect(stored).toContain('"idType":"RESIDENT_ID"')
  expect(stored).not.toContain(ID_NUMBER)
  const loaded = await harness.app.services.intake.forms.load(user.id)
  expect(loaded.status === 'active' && loaded.form.draft.idNumber).toBe(ID_NUMBER)
  await user.press(zh.confirm, { inMessage: card })
  await replyMatching(user, '投诉已提交')
  const complaint = await db().complaint.findFirstOrThrow({ where: { consumer: { telegramId: BigInt(user.id) } } })
  return complaint.id
}

async function staffOf(stationCode: string, telegramId: number): Promise<number> {
  const station = await db().station.findUniqueOrThrow({ where: { code: stationCode } })
  const person = await db().person.create({
    data: { telegramId: BigInt(telegramId), displayName: `staff ${stationCode}` },
  })
  await db().membership.create({ data: { personId: person.id, stationId: station.id, role: 'STAFF' } })
  return person.id
}

describe('the identity-document number', () => {
  it('is stored encrypted, in full only for the staff of the handling bureau, masked for a community station, and never logged', async () => {
    const user = harness.tg.user({ firstName: '小明', languageCode: 'zh-hans' })
    const complaintId = await fileComplaintZh(user)

    const [row] = await db().$queryRawUnsafe<Array<{ whole: string; encrypted: string }>>(
      'SELECT row_to_json(c)::text AS whole, c.id_number_encrypted AS encrypted FROM complaint c WHERE c.id = $1',
      complaintId,
    )
    expect(row!.whole).not.toContain(ID_NUMBER)
    expect(row!.whole).not.toContain(ID_NUMBER.slice(4, 14))
    expect(row!.encrypted).toMatch(/^v1:/)

    const contact = harness.app.services.tickets.contact
    const bureauStaff = await staffOf('DP-12315', 9_100_001)
    const communityStaff = await staffOf('DP-TONGHUI', 9_100_002)
    await db().complaint.update({ where: { id: complaintId }, data: { station: { connect: { code: 'DP-12315' } } } })
    expect(await contact.contactFor(bureauStaff, complaintId)).toMatchObject({
      status: 'allowed',
      contact: {
        idDocument: { type: 'RESIDENT_ID', number: ID_NUMBER, masked: false },
        mailingAddress: '东坡区苏祠路8号2单元301',
      },
    })
    await db().complaint.update({ where: { id: complaintId }, data: { station: { connect: { code: 'DP-TONGHUI' } } } })
    expect(await contact.contactFor(communityStaff, complaintId)).toMatchObject({
      status: 'allowed',
      contact: { idDocument: { type: 'RESIDENT_ID', number: '5114**********1235', masked: true } },
    })
    // The bureau's staff no longer handle it: nothing at all.
    expect(await contact.contactFor(bureauStaff, complaintId)).toEqual({ status: 'forbidden' })

    const lines = harness.logLines
    expect(lines.some((line) => line.includes('intake form filed'))).toBe(true)
    expect(lines.filter((line) => line.includes(ID_NUMBER) || line.includes(ID_NUMBER.slice(4, 14)))).toEqual([])
  })
})

describe('a named reporter', () => {
  it('is disclosed only to the staff of the handling bureau station; others handling it are told why not', async () => {
    const reporter = await db().person.create({ data: { telegramId: 9_200_001n, displayName: '举报人' } })
    const filed = await harness.app.services.filing.fileComplaint(
      {
        formId: 'named-report-1',
        kind: 'REPORT',
        locale: 'zh-CN',
        draft: {
          respondentName: '无名小作坊',
          location: { type: 'area', areaCode: '511402001001' },
          respondentAddress: null,
          categoryCode: 'FOOD_BULK',
          violation: '无证生产散装白酒',
          evidence: [],
          anonymous: false,
          contactName: '李四',
          contactPhone: '+8613812345678',
          idType: 'RESIDENT_ID',
          idNumber: ID_NUMBER,
        },
      },
      reporter.id,
    )
    if (filed.status === 'daily-limit') throw new Error('daily limit')
    const reportId = filed.complaint.id
    const contact = harness.app.services.tickets.contact
    const community = await staffOf('DP-SUCI', 9_200_002)
    const bureau = await staffOf('PS-12315', 9_200_003)
    await db().complaint.update({ where: { id: reportId }, data: { station: { connect: { code: 'DP-SUCI' } } } })
    expect(await contact.contactFor(community, reportId)).toEqual({ status: 'confidential' })
    await db().complaint.update({ where: { id: reportId }, data: { station: { connect: { code: 'PS-12315' } } } })
    expect(await contact.contactFor(bureau, reportId)).toMatchObject({
      status: 'allowed',
      contact: { name: '李四', idDocument: { number: ID_NUMBER, masked: false } },
    })
  })
})

/** An online complaint on 淘宝, with the address the shop shows placed in 诗书社区第2网格, or skipped. */
async function fileOnlineComplaintZh(user: TestUser, options: { shopAddress: boolean }): Promise<string> {
  await user.send('/start')
  await pressWhenShown(user, zh.complaint)
  await replyMatching(user, '商家叫什么名字')
  await user.send('小明数码旗舰店')
  await pressWhenShown(user, '🛒 网店（网购平台）')
  await pressWhenShown(user, '淘宝')
  await replyMatching(user, '平台上公示的经营地址')
  if (options.shopAddress) {
    await user.send('四川省眉山市东坡区诗书路2号')
    await replyMatching(user, '这个地址在本市吗')
    for (const area of ['东坡区', '通惠街道', '诗书社区', '诗书社区第2网格']) await pressWhenShown(user, area)
    await replyMatching(user, '网店地址所在地区：东坡区 › 通惠街道 › 诗书社区 › 诗书社区第2网格')
  } else {
    await user.press(zh.skip)
  }
  await pressWhenShown(user, '商品')
  await pressWhenShown(user, '食品')
  await pressWhenShown(user, '预包装食品')
  await answerDailyLifeUseZh(user)
  await replyMatching(user, '哪一天')
  await user.send('昨天')
  await replyMatching(user, '涉及金额')
  await user.press(zh.skip)
  await replyMatching(user, '事情经过')
  await user.send('网店发来的奶粉已经过期，客服拒绝退款。')
  await pressWhenShown(user, '赔偿损失')
  await pressWhenShown(user, zh.done)
  await pressWhenShown(user, zh.noEvidence)
  await answerIdentityZh(user, { mailingAddress: true })
  const card = await replyMatching(user, '请核对您的投诉')
  if (options.shopAddress)
    expect(card.text).toContain('四川省眉山市东坡区诗书路2号（东坡区 › 通惠街道 › 诗书社区 › 诗书社区第2网格）')
  await user.press(zh.confirm)
  await replyMatching(user, '投诉已提交')
  const complaint = await db().complaint.findFirstOrThrow({ where: { consumer: { telegramId: BigInt(user.id) } } })
  return complaint.id
}

describe('an online shop', () => {
  beforeAll(async () => {
    // The bureau of 淘宝's domicile (余杭区), so that the platform's district has a center to route to.
    await db().station.create({
      data: { code: 'HZ-YH-12315', kind: 'COUNTY_CENTER', name: '余杭区12315投诉举报中心', districtCode: '330110' },
    })
  })

  it('showing an address in the city is routed to the station covering that address, and the reason says so', async () => {
    const user = harness.tg.user({ languageCode: 'zh-hans' })
    const complaintId = await fileOnlineComplaintZh(user, { shopAddress: true })
    expect(await db().complaint.findUniqueOrThrow({ where: { id: complaintId } })).toMatchObject({
      isOnline: true,
      platformCode: 'taobao',
      areaCode: '511402001001-02',
    })
    const outcome = await harness.app.services.routing.routeComplaint(complaintId)
    expect(outcome).toMatchObject({
      status: 'routed',
      reason: expect.stringContaining('online shop on 淘宝 showing an address in 511402001001-02: covered by'),
    })
    const routed = await db().complaint.findUniqueOrThrow({ where: { id: complaintId }, include: { station: true } })
    expect(routed.station).toMatchObject({ kind: 'COMMUNITY_LIAISON_STATION', districtCode: '511402' })
  })

  it("showing no address is routed to the bureau of the platform's domicile, and the reason says so", async () => {
    const user = harness.tg.user({ languageCode: 'zh-hans' })
    const complaintId = await fileOnlineComplaintZh(user, { shopAddress: false })
    expect(await db().complaint.findUniqueOrThrow({ where: { id: complaintId } })).toMatchObject({
      isOnline: true,
      areaCode: null,
      respondentAddress: null,
    })
    const outcome = await harness.app.services.routing.routeComplaint(complaintId)
    expect(outcome).toMatchObject({
      status: 'routed',
      reason: "online shop on 淘宝, no address in the city shown; center of the platform's district 330110",
    })
    const routed = await db().complaint.findUniqueOrThrow({ where: { id: complaintId }, include: { station: true } })
    expect(routed.station?.code).toBe('HZ-YH-12315')
  })
})
