import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FORM_VERSION, startForm } from '../../../src/domain/intake-form/index.ts'
import { createTestApp, type TestApp } from '../../support/app.ts'
import { TEST_REDIS_URL } from '../../support/redis.ts'

let app: TestApp
let redis: Redis
beforeAll(async () => {
  app = await createTestApp()
  redis = new Redis(TEST_REDIS_URL)
})
afterAll(async () => {
  redis.disconnect()
  await app.close()
})

const forms = () => app.services.intake.forms
const now = new Date('2026-11-28T04:00:00Z')

describe('the form store', () => {
  it('gives back a saved form as it was, under the deployment prefix', async () => {
    const form = startForm('COMPLAINT', 'form-a', now)
    await forms().save(101, form)
    expect(await forms().load(101, now)).toEqual({ status: 'active', form })
    expect(await redis.exists(`${app.redisPrefix}:form:101`)).toBe(1)
    const ttl = await redis.ttl(`${app.redisPrefix}:form:101`)
    expect(ttl).toBeGreaterThan(6 * 24 * 3600)
  })

  it('reports a form idle for more than 24 hours as expired, once', async () => {
    await forms().save(102, startForm('REPORT', 'form-b', now))
    const later = new Date(now.getTime() + 24 * 3600 * 1000 + 1000)
    expect(await forms().load(102, later)).toMatchObject({ status: 'expired', form: { formId: 'form-b' } })
    expect(await forms().load(102, later)).toEqual({ status: 'none' })
  })

  it('discards a form saved by a release with other steps, or an unreadable one', async () => {
    await redis.set(
      `${app.redisPrefix}:form:103`,
      JSON.stringify({ ...startForm('COMPLAINT', 'old', now), version: FORM_VERSION - 1 }),
    )
    expect(await forms().load(103, now)).toEqual({ status: 'outdated' })
    expect(await redis.exists(`${app.redisPrefix}:form:103`)).toBe(0)
    await redis.set(`${app.redisPrefix}:form:104`, '{not json')
    expect(await forms().load(104, now)).toEqual({ status: 'outdated' })
  })

  it('clears a filed form and remembers its tracking number', async () => {
    await forms().save(105, startForm('COMPLAINT', 'form-c', now))
    await forms().markFiled(105, { formId: 'form-c', trackingNumber: 'MS-20261128-0001' })
    expect(await forms().load(105, now)).toEqual({ status: 'none' })
    expect(await forms().lastFiled(105)).toEqual({ formId: 'form-c', trackingNumber: 'MS-20261128-0001' })
    expect(await forms().lastFiled(106)).toBeUndefined()
  })

  it('remembers the forms a user started, after they end, so their buttons are known', async () => {
    const started = startForm('COMPLAINT', 'abcdef12-3456-7890-abcd-ef1234567890', now)
    await forms().save(107, started, { started: true })
    await forms().clear(107)
    expect(await forms().wasStarted(107, 'abcdef12')).toBe(true)
    expect(await forms().wasStarted(107, 'deadbeef')).toBe(false)
    expect(await forms().startedAny(107)).toBe(true)
    expect(await forms().startedAny(1107)).toBe(false)
    expect(await redis.ttl(`${app.redisPrefix}:form-started:107`)).toBeGreaterThan(6 * 24 * 3600)
  })

  it('knows a form this process saw open is lost when Redis has neither it nor its record, and says so once', async () => {
    const form = startForm('COMPLAINT', 'lost0001-0000-0000-0000-000000000000', new Date())
    await forms().save(108, form, { started: true })
    await redis.del(`${app.redisPrefix}:form:108`, `${app.redisPrefix}:form-started:108`)
    expect(await forms().load(108)).toEqual({ status: 'none' })
    expect(await forms().lostSinceSeen(108)).toBe(true)
    expect(await forms().lostSinceSeen(108)).toBe(false)

    // Ended elsewhere (another bot process cleared it): the record remains, so it is not lost.
    await forms().save(109, startForm('REPORT', 'ended001-0000-0000-0000-000000000000', new Date()), { started: true })
    await redis.del(`${app.redisPrefix}:form:109`)
    expect(await forms().lostSinceSeen(109)).toBe(false)
  })
})
