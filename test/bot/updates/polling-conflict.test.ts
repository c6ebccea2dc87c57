import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBotUnderTest, type BotUnderTest } from '../../support/bot-under-test.ts'

let harness: BotUnderTest
beforeAll(async () => { harness = await startBotUnderTest() })
afterAll(async () => { await harness.close() })

describe('a second process polling with the same token', () => {
  it('makes the first one stop cleanly with a clear log line, and takes over', async () => {
    const first = harness.bot
    const second = await harness.spawn('bot')

    const exit = await first.waitForExit({ timeout: 20_000 })
    expect(exit).toEqual({ code: 0, signal: null })
    const conflict = JSON.parse(await first.waitForLine(/409 Conflict/)) as Record<string, unknown>
    expect(conflict).toMatchObject({ level: 50, msg: expect.stringContaining('another process is polling Telegram with this BOT_TOKEN') })
    expect(first.stdout.some((line) => line.includes('stopped cleanly'))).toBe(true)
    expect(first.stderr).toEqual([])

    const lin = harness.tg.user({ languageCode: 'en' })
    await lin.send('/start')
    expect((await lin.nextMessage({ timeout: 20_000 })).text).toBeTruthy()
    expect(second.exited).toBe(false)
  })
})
