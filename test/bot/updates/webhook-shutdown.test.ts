import type { Update } from 'grammy/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Faults } from '../../../src/simulator/bot-api/index.ts'
import { startUpdate } from '../../support/raw-updates.ts'
import { type RuntimeInProcess, startRuntimeInProcess } from '../../support/runtime-in-process.ts'

const SECRET = 'webhook-secret-for-tests-0123'
const MENU = 'What would you like to do?'
let harness: RuntimeInProcess
beforeAll(async () => {
  harness = await startRuntimeInProcess({
    env: { BOT_MODE: 'webhook', WEBHOOK_URL: 'https://bot.example.org', WEBHOOK_SECRET: SECRET },
  })
})
afterAll(async () => {
  await harness.close()
})

/** The port of the runtime's HTTP server started last (each restart listens anew). */
function httpPort(): number {
  const line = harness.logLines.filter((l) => l.includes('http: /healthz listening')).at(-1)
  return (JSON.parse(line ?? '{}') as { httpPort: number }).httpPort
}

/** Telegram posting an update to the webhook, as it would; resolves with the HTTP status it got back. */
async function post(update: Update, port = httpPort()): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify(update),
  })
  return response.status
}

describe('the webhook while the bot shuts down', () => {
  it('refuses an update, so that Telegram posts it again to the next process, which answers it once', async () => {
    const slow = harness.tg.user({ firstName: 'Slow', languageCode: 'en', startedBot: true })
    const late = harness.tg.user({ firstName: 'Late', languageCode: 'en', startedBot: true })
    // The first update's answer takes a while: the shutdown waits for it, and the webhook is still listening.
    harness.tg.failNext('sendMessage', Faults.delay(1500), { chatId: slow.id })
    const port = httpPort()
    const inProgress = post(startUpdate(slow.user, 1001), port)
    await harness.tg.waitForCall('sendMessage', { inFlight: true, where: (call) => call.chatId === slow.id })
    const restarting = harness.restartBot()
    await expect.poll(() => post(startUpdate(late.user, 1002), port), { timeout: 5_000 }).toBeGreaterThanOrEqual(500)
    expect(await inProgress).toBe(200)
    await restarting
    await slow.waitForText(MENU)
    await late.expectNoMessage()

    expect(await post(startUpdate(late.user, 1002))).toBe(200)
    await late.waitForText(MENU)
    const answered = late.messages().length
    // Telegram's own retry of the same update (its answer was lost): not answered twice.
    expect(await post(startUpdate(late.user, 1002))).toBe(200)
    await late.expectNoMessage()
    expect(late.messages()).toHaveLength(answered)
  })
})
