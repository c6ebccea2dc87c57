import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BotUnderTest, startBotUnderTest } from './support/bot-under-test.ts'

let harness: BotUnderTest
beforeAll(async () => {
  harness = await startBotUnderTest({ role: 'all' })
})
afterAll(async () => {
  await harness.close()
})

describe('the bot process', () => {
  it('logs one start-up line with role, mode and version but no secrets', () => {
    const line = harness.bot.stdout.find((l) => l.includes('grid-12315-bot started'))
    expect(line).toBeDefined()
    const record = JSON.parse(line!) as Record<string, unknown>
    expect(record).toMatchObject({ role: 'all', mode: 'polling', version: expect.any(String) })
    expect(harness.bot.output()).not.toContain(harness.tg.token.split(':')[1])
  })

  it('answers /start through the Bot API root it was given', async () => {
    const alice = harness.tg.user({ firstName: 'Alice', languageCode: 'en' })
    await alice.send('/start')
    const reply = await alice.nextMessage({ timeout: 10_000 })
    expect(reply.text).toBeTruthy()
  })

  it('reports PostgreSQL and Redis as reachable on /healthz', async () => {
    const portLine = harness.bot.stdout.find((l) => l.includes('grid-12315-bot started'))!
    const port = (JSON.parse(portLine) as { httpPort: number }).httpPort
    const response = await fetch(`http://127.0.0.1:${port}/healthz`)
    expect(response.status).toBe(200)
    // From 1 November the body also warns when next year's holiday schedule is missing (docs/deadlines.md).
    expect(await response.json()).toMatchObject({ status: 'ok', checks: { postgres: 'up', redis: 'up' } })
  })

  it('exits 0 within 10 seconds of SIGTERM while long polling', async () => {
    const started = Date.now()
    const exit = await harness.bot.stop(10_000)
    expect(exit.code).toBe(0)
    expect(Date.now() - started).toBeLessThan(10_000)
  })
})
