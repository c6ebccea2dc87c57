/**
 * GET /healthz as an operator's probe sees it, with the process's own reachability checks on real connections:
 * 200 while PostgreSQL and Redis answer, 503 naming the one that does not, and warnings that do not change the
 * status. And what Telegram gets from the webhook route: while the bot starts, for a bad body, for a failure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, type Database, databaseIsReachable } from '../../src/db/client.ts'
import { createHttpApp, deferredPost, type HealthProbe, type HttpServer, listen } from '../../src/http/server.ts'
import { createLogger } from '../../src/logging/logger.ts'
import { createRedis, type Redis, redisIsReachable } from '../../src/redis.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { freePort } from '../support/local-server.ts'
import { startPrivateRedis } from '../support/private-redis.ts'
import { TEST_REDIS_URL } from '../support/redis.ts'

let database: TestDatabase
let redis: Redis
const servers: HttpServer[] = []
const clients: { close(): Promise<unknown> }[] = []

beforeAll(async () => {
  database = await createTestDatabase()
  redis = createRedis(TEST_REDIS_URL, { name: 'health-test' })
  await redis.ping()
})
afterAll(async () => {
  for (const server of servers) await server.close()
  for (const client of clients) await client.close()
  redis.disconnect()
  await database.drop()
})

const postgresProbe = (db: Database): HealthProbe => ({ name: 'postgres', check: () => databaseIsReachable(db) })
const redisProbe = (client: Redis): HealthProbe => ({ name: 'redis', check: () => redisIsReachable(client) })

/** The log records a server wrote, as JSON lines. */
const logged: Record<string, unknown>[] = []
const log = createLogger({ level: 'info', destination: { write: (line: string) => logged.push(JSON.parse(line)) } })

async function serve(probes: HealthProbe[], warnings?: Parameters<typeof createHttpApp>[2]): Promise<string> {
  const server = await listen(createHttpApp(probes, log, warnings), 0, '127.0.0.1')
  servers.push(server)
  return `http://127.0.0.1:${server.port()}`
}

async function health(base: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${base}/healthz`)
  return { status: res.status, body: await res.json() }
}

describe('GET /healthz', () => {
  it('answers 200 "ok" while PostgreSQL and Redis answer', async () => {
    const base = await serve([postgresProbe(database.db), redisProbe(redis)])
    expect(await health(base)).toEqual({ status: 200, body: { status: 'ok', checks: { postgres: 'up', redis: 'up' } } })
  })

  it('answers 503 naming PostgreSQL when nothing listens where it should be', async () => {
    const down = createDatabase(`postgresql://postgres@127.0.0.1:${await freePort()}/grid`, { maxConnections: 1 })
    clients.push({ close: () => down.$disconnect() })
    const base = await serve([postgresProbe(down), redisProbe(redis)])
    expect(await health(base)).toEqual({
      status: 503,
      body: { status: 'degraded', checks: { postgres: 'down', redis: 'up' } },
    })
  })

  it('answers 503 naming Redis once its server has gone away', async () => {
    const privateRedis = await startPrivateRedis()
    const client = createRedis(privateRedis.url, { name: 'health-test-private' })
    client.on('error', () => undefined)
    clients.push({ close: async () => client.disconnect() })
    await client.ping()
    const base = await serve([postgresProbe(database.db), redisProbe(client)])
    expect((await health(base)).status).toBe(200)
    await privateRedis.kill()
    await expect
      .poll(() => health(base))
      .toEqual({ status: 503, body: { status: 'degraded', checks: { postgres: 'up', redis: 'down' } } })
  })

  it('reports warnings next to a healthy status, and stays healthy when they cannot be read', async () => {
    const warned = await serve([postgresProbe(database.db)], async () => ({
      holidayCalendar: 'the 2027 holiday schedule is not imported',
    }))
    expect(await health(warned)).toEqual({
      status: 200,
      body: {
        status: 'ok',
        checks: { postgres: 'up' },
        warnings: { holidayCalendar: 'the 2027 holiday schedule is not imported' },
      },
    })
    const unreadable = await serve([postgresProbe(database.db)], () => Promise.reject(new Error('no calendar')))
    expect(await health(unreadable)).toEqual({ status: 200, body: { status: 'ok', checks: { postgres: 'up' } } })
  })
})

describe('the webhook route', () => {
  it('answers 503 until the bot is ready; then 400 for a body that is not JSON, 500 when handling fails', async () => {
    const app = createHttpApp([], log)
    const route = deferredPost(app, '/telegram/webhook')
    const server = await listen(app, 0, '127.0.0.1')
    servers.push(server)
    const post = async (body: string) => {
      const res = await fetch(`http://127.0.0.1:${server.port()}/telegram/webhook`, { method: 'POST', body })
      return [res.status, await res.text()]
    }
    expect(await post('{}')).toEqual([503, 'starting'])
    route.set(async (c) => {
      const update = (await c.req.json()) as { fail?: boolean }
      if (update.fail) throw new Error('the update could not be handled')
      return c.text('handled')
    })
    expect(await post('{}')).toEqual([200, 'handled'])
    expect(await post('{"update_id": 1,')).toEqual([400, 'the body is not JSON'])
    // Telegram delivers an update again until it is answered 2xx: an update not taken must not look like a bad request.
    expect(await post('{"fail": true}')).toEqual([500, 'Internal Server Error'])
    // The failure reaches the operator as a log record (redacted like every other), not as Hono's print to stderr.
    expect(logged.at(-1)).toMatchObject({
      level: 50,
      msg: 'HTTP request failed',
      method: 'POST',
      path: '/telegram/webhook',
      err: { message: 'the update could not be handled' },
    })
  })
})
