import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRequestRateLimit } from '../../../src/services/access/request-rate-limit.ts'
import { flushRedisPrefix, TEST_REDIS_URL, uniqueRedisPrefix } from '../../support/redis.ts'

const prefix = uniqueRedisPrefix('ratelimit')
let redis: Redis
beforeAll(() => {
  redis = new Redis(TEST_REDIS_URL)
})
afterAll(async () => {
  await flushRedisPrefix(prefix)
  redis.disconnect()
})

async function overLimits(
  limit: ReturnType<typeof createRequestRateLimit>,
  person: number,
  count: number,
): Promise<number[]> {
  const results: number[] = []
  for (let i = 0; i < count; i++) results.push((await limit.countRequest(person)).overLimit)
  return results
}

describe('counting a request', () => {
  it('lets a burst through, then counts the requests over it, and forgets the person once the bucket is full again', async () => {
    const limit = createRequestRateLimit({ redis, prefix, perMinute: 30, burst: 5 })
    expect(await overLimits(limit, 1, 8)).toEqual([0, 0, 0, 0, 0, 1, 2, 3])
    const ttl = await redis.pttl(limit.counterKey(1))
    expect(ttl).toBeGreaterThan(0)
    // Five requests at 2 s each: the bucket is full again within 10 s, and the key goes with it.
    expect(ttl).toBeLessThanOrEqual(10_000)
  })

  it('refills at the per-minute rate, and tells again only after the bucket was full', async () => {
    const limit = createRequestRateLimit({ redis, prefix, perMinute: 120, burst: 2 })
    expect(await overLimits(limit, 4, 4)).toEqual([0, 0, 1, 2])
    // 120 a minute is one per 500 ms: 600 ms later one more goes through, the next is still "the same flood".
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(await overLimits(limit, 4, 2)).toEqual([0, 3])
    await expect.poll(() => redis.exists(limit.counterKey(4)), { timeout: 3_000, interval: 100 }).toBe(0)
    expect(await overLimits(limit, 4, 3)).toEqual([0, 0, 1])
  })

  it('reads the other keys in the same round trip, missing ones as null, in their order', async () => {
    const limit = createRequestRateLimit({ redis, prefix, perMinute: 30, burst: 60 })
    await redis.set(`${prefix}:a`, 'first')
    await redis.set(`${prefix}:c`, 'third')
    const counted = await limit.countRequest(2, [`${prefix}:a`, `${prefix}:b`, `${prefix}:c`, `${prefix}:d`])
    expect(counted).toEqual({ overLimit: 0, values: ['first', null, 'third', null] })
  })

  it('works again after Redis forgot its scripts', async () => {
    const limit = createRequestRateLimit({ redis, prefix, perMinute: 30, burst: 1 })
    await limit.countRequest(3)
    await redis.script('FLUSH')
    expect((await limit.countRequest(3)).overLimit).toBe(1)
  })
})
