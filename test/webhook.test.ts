import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeTelegram } from '../src/simulator/bot-api/fake-telegram.ts'
import { createTestApp, TEST_BOT_TOKEN, type TestApp } from './support/app.ts'
import { startUpdate } from './support/raw-updates.ts'
import { type BotProcess, spawnBot } from './support/spawn-bot.ts'

const SECRET = 'webhook-secret-for-tests-0123'
let tg: FakeTelegram
let app: TestApp
let bot: BotProcess
let port: number

beforeAll(async () => {
  tg = await FakeTelegram.start({ token: TEST_BOT_TOKEN })
  app = await createTestApp()
  bot = spawnBot(
    'src/main.ts',
    app.env({
      ...tg.env,
      ROLE: 'bot',
      BOT_MODE: 'webhook',
      WEBHOOK_URL: 'https://bot.example.org',
      WEBHOOK_SECRET: SECRET,
    }),
  )
  const line = await bot.waitForLine(/grid-12315-bot started/, { timeout: 30_000 })
  port = (JSON.parse(line) as { httpPort: number }).httpPort
})
afterAll(async () => {
  await bot.stop()
  await tg.stop()
  await app.close()
})

const post = (body: unknown, secret?: string) =>
  fetch(`http://127.0.0.1:${port}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
    body: JSON.stringify(body),
  })

describe('webhook mode', () => {
  it('registers the webhook with its secret at Telegram', () => {
    expect(tg.webhook()).toMatchObject({ url: 'https://bot.example.org/telegram/webhook', secretToken: SECRET })
  })

  it('answers an update posted with the right secret', async () => {
    const user = tg.user({ firstName: 'Hook', languageCode: 'en', startedBot: true })
    const response = await post(startUpdate(user.user, 1), SECRET)
    expect(response.status).toBe(200)
    expect((await user.nextMessage({ timeout: 10_000 })).text).toBeTruthy()
  })

  it('answers an update Telegram posts again (its retry after a lost answer) only once', async () => {
    const user = tg.user({ firstName: 'Hook', languageCode: 'en', startedBot: true })
    expect((await post(startUpdate(user.user, 3), SECRET)).status).toBe(200)
    await user.nextMessage({ timeout: 10_000 })
    expect((await post(startUpdate(user.user, 3), SECRET)).status).toBe(200)
    await user.expectNoMessage()
  })

  it('refuses an update without the secret and does not act on it', async () => {
    const user = tg.user({ firstName: 'Intruder', startedBot: true })
    const response = await post(startUpdate(user.user, 2))
    expect(response.status).toBe(401)
    await user.expectNoMessage()
  })
})
