import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BotUnderTest, startBotUnderTest } from '../../support/bot-under-test.ts'
import type { BotProcess } from '../../support/spawn-bot.ts'

let harness: BotUnderTest
beforeAll(async () => {
  harness = await startBotUnderTest()
})
afterAll(async () => {
  await harness.close()
})

function logRecord(process: BotProcess, line: string): Record<string, unknown> {
  expect(process.stdout).toContain(line)
  return JSON.parse(line) as Record<string, unknown>
}

describe('Telegram ending long polling with 409 Conflict', () => {
  it('makes the first of two processes polling with one token stop cleanly with a clear log line; the second takes over', async () => {
    const first = harness.bot
    const second = await harness.spawn('bot')

    expect(await first.waitForExit({ timeout: 20_000 })).toEqual({ code: 0, signal: null })
    const conflict = logRecord(first, await first.waitForLine(/409 Conflict/))
    expect(conflict).toMatchObject({
      level: 50,
      msg: expect.stringContaining('another process is polling Telegram with this BOT_TOKEN'),
    })
    expect(first.stdout.some((line) => line.includes('stopped cleanly'))).toBe(true)
    expect(first.stderr).toEqual([])

    const lin = harness.tg.user({ languageCode: 'en' })
    await lin.send('/start')
    expect((await lin.nextMessage({ timeout: 20_000 })).text).toBeTruthy()
    expect(second.exited).toBe(false)
  })

  it('makes a polling process stop cleanly when a webhook is set for its token, after answering what it took', async () => {
    // The newest poller; any process polling before it steps aside as above.
    const poller = await harness.spawn('bot')
    const setWebhook = await fetch(`${harness.tg.apiRoot}/bot${harness.tg.token}/setWebhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://elsewhere.example.org/hook' }),
    })
    expect(setWebhook.status).toBe(200)
    // The long poll in flight returns this message; the next one is refused.
    const lin = harness.tg.user({ languageCode: 'en' })
    await lin.send('/start')
    expect((await lin.nextMessage({ timeout: 20_000 })).text).toBeTruthy()

    expect(await poller.waitForExit({ timeout: 20_000 })).toEqual({ code: 0, signal: null })
    const conflict = logRecord(poller, await poller.waitForLine(/409 Conflict/))
    expect(conflict).toMatchObject({ level: 50, msg: expect.stringContaining('a webhook was set for this BOT_TOKEN') })
    expect(poller.stderr).toEqual([])
  })
})
