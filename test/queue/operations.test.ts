import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BotProcess, spawnBot } from '../support/spawn-bot.ts'
import { AREAS, createDeliveryWorld, type DeliveryWorld } from './support/delivery-world.ts'

let world: DeliveryWorld
let worker: BotProcess
let base: string
const auth = `Basic ${Buffer.from('ops:correct-horse-battery').toString('base64')}`

beforeAll(async () => {
  world = await createDeliveryWorld()
  worker = spawnBot(
    'src/main.ts',
    world.workerEnv({ ADMIN_QUEUES_USER: 'ops', ADMIN_QUEUES_PASSWORD: 'correct-horse-battery' }),
  )
  const line = await worker.waitForLine(/grid-12315-bot started/, { timeout: 30_000 })
  base = `http://127.0.0.1:${(JSON.parse(line) as { httpPort: number }).httpPort}`
})
afterAll(async () => {
  await worker.stop(10_000)
  await world.close()
})

describe('operating the workers', () => {
  it('warns at start unless Redis evicts nothing, and says which policy it found', () => {
    // The test Redis runs with noeviction, so no warning is expected.
    expect(worker.output()).not.toContain('maxmemory-policy should be noeviction')
  })

  it('serves Prometheus metrics with queue depths, job durations and failures', async () => {
    const { user, personId } = await world.consumer()
    const complaintId = await world.file(personId, { areaCode: AREAS.grid1 })
    const tracking = (await world.app.database.db.complaint.findUniqueOrThrow({ where: { id: complaintId } }))
      .trackingNumber
    await user.waitForText(tracking, { timeout: 20_000 })
    const response = await fetch(`${base}/metrics`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/plain')
    const text = await response.text()
    expect(text).toMatch(/grid_queue_jobs\{queue="route",state="completed"\} 1/)
    expect(text).toMatch(/grid_job_duration_seconds_count\{queue="notify",outcome="completed"\} [1-9]/)
    expect(text).toContain('grid_job_failures_total')
    expect(text).toContain('grid_bot_updates_handled_total')
    expect(text).toMatch(/grid_telegram_sent_total\{method="sendMessage"\} [1-9]/)
  })

  it('shows the queue dashboard only with the configured credentials', async () => {
    expect((await fetch(`${base}/admin/queues`)).status).toBe(401)
    expect(
      (
        await fetch(`${base}/admin/queues`, {
          headers: { authorization: `Basic ${Buffer.from('ops:wrong-password-123').toString('base64')}` },
        })
      ).status,
    ).toBe(401)
    const page = await fetch(`${base}/admin/queues`, { headers: { authorization: auth } })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<html')
    const api = await fetch(`${base}/admin/queues/api/queues`, { headers: { authorization: auth } })
    expect(api.status).toBe(200)
    expect(JSON.stringify(await api.json())).toContain('notify')
  })

  it('stops within the 10 s shutdown budget on SIGTERM', async () => {
    const started = Date.now()
    const exit = await worker.stop(10_000)
    expect(exit.code).toBe(0)
    expect(Date.now() - started).toBeLessThan(10_000)
  })
})
