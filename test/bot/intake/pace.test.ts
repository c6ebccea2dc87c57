// The default flood limit against an honest consumer and a flood (no rate-limit settings: the defaults apply).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoRegion } from '../../../prisma/seed.ts'
import { type RuntimeInProcess, startRuntimeInProcess } from '../../support/runtime-in-process.ts'
import { answerComplaintZh, replyMatching, zh } from './intake-driver.ts'

let harness: RuntimeInProcess
beforeAll(async () => {
  harness = await startRuntimeInProcess({ env: { MAX_COMPLAINTS_PER_DAY: '5' } })
  const seeded = await seedDemoRegion(harness.app.database.db)
  if (!seeded.ok) throw new Error('the demo region did not import')
})
afterAll(async () => {
  await harness.close()
})

const limitNotice = /操作过于频繁/

describe('the default rate limit', () => {
  it('lets a consumer file two complaints in a row as fast as they can', async () => {
    const user = harness.tg.user({ languageCode: 'zh-hans' })
    await user.press(zh.confirm, { inMessage: await answerComplaintZh(user) })
    const first = await replyMatching(user, '投诉已提交')
    await user.press(zh.confirm, { inMessage: await answerComplaintZh(user) })
    const second = await replyMatching(user, '投诉已提交')
    expect(first.text).not.toBe(second.text)
    expect(user.messages().filter((m) => limitNotice.test(m.text ?? ''))).toHaveLength(0)
    expect(
      await harness.app.database.db.complaint.count({ where: { consumer: { telegramId: BigInt(user.id) } } }),
    ).toBe(2)
  })

  it('still stops a flood, and says so once', async () => {
    const flooder = harness.tg.user({ languageCode: 'zh-hans' })
    for (let i = 0; i < 100; i += 1) await flooder.send(`刷屏 ${i}`)
    await flooder.waitForText(limitNotice, { timeout: 20_000 })
    await harness.tg.idle()
    await flooder.expectNoMessage()
    const texts = flooder.messages().map((m) => m.text ?? '')
    expect(texts.filter((t) => limitNotice.test(t))).toHaveLength(1)
    // The burst of 60 (and what refilled meanwhile) is answered; the rest of the 100 is not.
    expect(texts.length).toBeLessThan(75)
  })
})
