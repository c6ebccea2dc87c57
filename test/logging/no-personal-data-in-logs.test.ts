import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Faults } from '../../src/simulator/bot-api/index.ts'
import { inviteCode, REPLY_TIMEOUT_MS, redeem, warmUp } from '../bot/access/access-fixtures.ts'
import { type BotUnderTest, startBotUnderTest } from '../support/bot-under-test.ts'
import { createStation, seedAreas } from '../support/world.ts'

const PHONE = '13912345678'
const ID_NUMBER = '510102199001011234'
const LANDLINE = '02838123456'
const PASSPORT = 'E12345678'

let harness: BotUnderTest
beforeAll(async () => {
  // Everything logs at trace, so every line the bot process could write is in the output.
  harness = await startBotUnderTest({ env: { LOG_LEVEL: 'trace', RATE_LIMIT_PER_MINUTE: '8', RATE_LIMIT_BURST: '8' } })
  await seedAreas(harness.app.database.db)
  await warmUp(harness.tg)
})
afterAll(async () => {
  await harness.close()
})

describe('the logs of a whole flow', () => {
  it('contain no full phone or ID number', async () => {
    const { tg } = harness
    const consumer = tg.user({ firstName: '娜娜', lastName: '欧阳', username: 'ouyang_nana', languageCode: 'zh-hans' })
    await consumer.send('/start')
    await consumer.nextMessage({ timeout: REPLY_TIMEOUT_MS })
    await consumer.shareContact(`+86${PHONE}`)
    await consumer.send(`我的电话是 ${PHONE.slice(0, 3)} ${PHONE.slice(3, 7)} ${PHONE.slice(7)}，座机 028-38123456`)
    await consumer.send(`身份证号 ${ID_NUMBER}，手机 ${PHONE}，护照 ${PASSPORT}`)
    // A failing Bot API call whose error repeats the number: the error path logs it.
    tg.failNext(
      'sendMessage',
      Faults.apiError(400, `Bad Request: cannot send to +86${PHONE} (${PASSPORT}, ${ID_NUMBER})`),
      { chatId: consumer.id },
    )
    await consumer.send(`再说一次：${PHONE}`)
    await consumer.send('/whoami')
    // Staff joining and binding their group: the access feature's own log lines.
    const station = await createStation(harness.app.database.db)
    const staff = tg.user({ firstName: '建国', lastName: '王', languageCode: 'zh-hans' })
    await redeem(staff, await inviteCode(harness.app.database.db, station, 'STAFF'))
    const group = tg.group({ members: [staff], botIsAdmin: true })
    await staff.sendInGroup(group, `/bind 联系我 ${PHONE}`)
    await group.nextMessage({ timeout: REPLY_TIMEOUT_MS })
    // Past the rate limit: the notice and its log line.
    for (let i = 0; i < 8; i += 1) await consumer.send(`${PHONE} #${i}`)
    await consumer.waitForText('操作过于频繁', { timeout: REPLY_TIMEOUT_MS })
    await harness.bot.waitForLine(/Bot API call failed/, { timeout: REPLY_TIMEOUT_MS })
    await harness.bot.waitForLine(/station group bound|\/bind refused/, { timeout: REPLY_TIMEOUT_MS })
    await harness.bot.stop()

    const lines = [...harness.bot.stdout, ...harness.bot.stderr]
    expect(lines.length).toBeGreaterThan(5)
    const leaks = lines.filter((line) => {
      const digits = line.replace(/\D/g, '')
      return (
        digits.includes(PHONE) ||
        digits.includes(ID_NUMBER) ||
        digits.includes(LANDLINE) ||
        line.includes('欧阳') ||
        line.includes(PASSPORT)
      )
    })
    expect(leaks).toEqual([])
    // The number did reach the logger (in the failed call's error), masked.
    expect(lines.some((line) => line.includes('*******5678'))).toBe(true)
  })
})
