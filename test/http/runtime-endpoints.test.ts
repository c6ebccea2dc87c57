/**
 * The HTTP side of a running bot (the runtime in this process, webhook mode, the queue dashboard configured) as an
 * operator and Telegram meet it: /healthz, /metrics, /admin/queues behind basic auth, and the webhook's answers to
 * a wrong secret, a body that is not JSON and a real update.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startUpdate } from '../support/raw-updates.ts'
import { type RuntimeInProcess, startRuntimeInProcess } from '../support/runtime-in-process.ts'

const SECRET = 'webhook-secret-for-tests-0123'
let harness: RuntimeInProcess
let base: string

beforeAll(async () => {
  harness = await startRuntimeInProcess({
    env: {
      BOT_MODE: 'webhook',
      WEBHOOK_URL: 'https://bot.example.org',
      WEBHOOK_SECRET: SECRET,
      ADMIN_QUEUES_USER: 'operator',
      ADMIN_QUEUES_PASSWORD: 'dashboard-password',
    },
  })
  const line = await harness.waitForLog('http: /healthz listening')
  base = `http://127.0.0.1:${(JSON.parse(line) as { httpPort: number }).httpPort}`
})
afterAll(async () => {
  await harness?.close()
})

const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
})

const postUpdate = (body: string, secret?: string) =>
  fetch(`${base}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
    body,
  })

describe('an operator', () => {
  it('sees PostgreSQL and Redis up on /healthz', async () => {
    const res = await fetch(`${base}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ok', checks: { postgres: 'up', redis: 'up' } })
  })

  it('scrapes the depth of every queue by state, and the process metrics, from /metrics', async () => {
    const res = await fetch(`${base}/metrics`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
    const text = await res.text()
    expect(text).toContain('# TYPE grid_queue_jobs gauge')
    expect(text).toMatch(/^grid_queue_jobs\{queue="route",state="waiting"\} \d+$/m)
    expect(text).toMatch(/^grid_queue_jobs\{queue="notify",state="failed"\} \d+$/m)
    expect(text).toMatch(/^grid_process_resident_memory_bytes \d+/m)
  })

  it('opens the queue dashboard only with the configured user and password', async () => {
    expect((await fetch(`${base}/admin/queues`)).status).toBe(401)
    expect((await fetch(`${base}/admin/queues`, { headers: basic('operator', 'guess') })).status).toBe(401)
    const res = await fetch(`${base}/admin/queues`, { headers: basic('operator', 'dashboard-password') })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
  })
})

describe('Telegram posting to the webhook', () => {
  it('is registered with the secret', () => {
    expect(harness.tg.webhook()).toMatchObject({
      url: 'https://bot.example.org/telegram/webhook',
      secretToken: SECRET,
    })
  })

  it('is refused with 401 without the secret or with a wrong one, and nothing is answered', async () => {
    const user = harness.tg.user({ firstName: 'Hook', languageCode: 'en', startedBot: true })
    const update = JSON.stringify(startUpdate(user.user, 1))
    expect((await postUpdate(update)).status).toBe(401)
    expect((await postUpdate(update, 'not-the-secret-at-all')).status).toBe(401)
    await user.expectNoMessage()
  })

  it('gets 400 for a body that is not JSON', async () => {
    expect((await postUpdate('{"update_id": 7, "message"', SECRET)).status).toBe(400)
  })

  it('gets 200 for an update, which the bot answers', async () => {
    const user = harness.tg.user({ firstName: 'Hook', languageCode: 'en', startedBot: true })
    expect((await postUpdate(JSON.stringify(startUpdate(user.user, 2)), SECRET)).status).toBe(200)
    expect((await user.nextMessage()).text).toContain('Hello, Hook!')
  })
})
