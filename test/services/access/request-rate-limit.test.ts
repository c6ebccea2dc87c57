import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRequestRateLimit } from '../../../src/services/access/request-rate-limit.ts'
import { flushRedisPrefix, TEST_REDIS_URL, uniqueRedisPrefix } from '../../support/redis.ts'

const prefix = uniqueRedisPrefix('ratelimit')
let redis: Redis
beforeAll(() => { redis = new Redis(TEST_REDIS_URL) })
afterAll(async () => {
  await flushRedisPrefix(prefix)
  redis.disconnect()
})

describe('counting a request', () => {
  it('numbers the requests of a window and starts the window with the first one only', async () => {
    const limit = createRequestRateLimit({ redis, prefix, perMinute: 30 })
    expect((await limit.countRequest(1)).requestsInWindow).toBe(1)
    await redis.pexpire(limit.counterKey(1), 5_000)
    expect((await limit.countRequest(1)).requestsInWindow).toBe(2)
    const ttl = await redis.pttl(limit.counterKey(1))
    expect(ttl).toBeGreaterThan(0)
    expect(ttl).toBeLessThanOrEqual(5_000)
  })

  it('reads the other keys in the same round trip, missing ones as null, in their order', async () => {
    const limit = createRequestRateLimit({ redis, prefix, perMinute: 30 })
    await redis.set(`${prefix}:a`, 'first')
    await redis.set(`${prefix}:c`, 'third')
    const counted = await limit.countRequest(2, [`${prefix}:a`, `${prefix}:b`, `${prefix}:c`, `${prefix}:d`])
    expect(counted).toEqual({ requestsInWindow: 1, values: ['first', null, 'third', null] })
  })

  it('works again after Redis forgot its scripts', async () => {
    const limit = createRequestRateLimit({ redis, prefix, perMinute: 30 })
    await limit.countRequest(3)
    await redis.script('FLUSH')
    expect((await limit.countRequest(3)).requestsInWindow).toBe(2)
  })
})
