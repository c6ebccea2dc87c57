// What a consumer sees when what Redis holds for them is damaged or of an older release: validated, never trusted.
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestUser } from '../../../src/simulator/bot-api/index.ts'
import { TEST_REDIS_URL } from '../../support/redis.ts'
import type { RuntimeInProcess } from '../../support/runtime-in-process.ts'
import { en, pressWhenShown, replyMatching, startIntakeBot, zh } from './intake-driver.ts'

let harness: RuntimeInProcess
let redis: Redis
beforeAll(async () => {
  harness = await startIntakeBot()
  redis = new Redis(TEST_REDIS_URL)
})
afterAll(async () => {
  redis.disconnect()
  await harness.close()
})

const key = (...parts: Array<string | number>) => [harness.app.redisPrefix, ...parts].join(':')

/** Starts a complaint and answers its first question, so that an open form is stored. */
async function openForm(user: TestUser, labels: typeof zh | typeof en, ask: string): Promise<void> {
  await user.send('/start')
  await pressWhenShown(user, labels.complaint)
  await replyMatching(user, ask)
}

describe('a stored form that fails its schema', () => {
  it('is reset with an apology in Chinese when its draft is damaged, and the menu is offered again', async () => {
    const user = harness.tg.user({ languageCode: 'zh-hans' })
    await openForm(user, zh, '商家叫什么名字')
    const stored = JSON.parse((await redis.get(key('form', user.id)))!) as { draft: Record<string, unknown> }
    const damaged = { ...stored, draft: { ...stored.draft, evidence: 'not a list' } }
    await redis.set(key('form', user.id), JSON.stringify(damaged))
    await user.send('好又多超市')
    await replyMatching(user, '系统刚刚升级，您尚未填完的表单无法继续')
    await replyMatching(user, '请选择')
    expect(await redis.exists(key('form', user.id))).toBe(0)
  })

  it('is reset with an apology in English when it was saved under an older form version', async () => {
    const user = harness.tg.user({ languageCode: 'en' })
    await openForm(user, en, 'business')
    const stored = JSON.parse((await redis.get(key('form', user.id)))!) as { version: number }
    await redis.set(key('form', user.id), JSON.stringify({ ...stored, version: stored.version - 1 }))
    await user.send('Corner Shop')
    await replyMatching(user, 'your unfinished form cannot be continued')
    expect(await redis.exists(key('form', user.id))).toBe(0)
  })

  it('is reset with an apology when it is no JSON at all', async () => {
    const user = harness.tg.user({ languageCode: 'zh-hans' })
    await openForm(user, zh, '商家叫什么名字')
    await redis.set(key('form', user.id), '{"version":')
    await user.send('好又多超市')
    await replyMatching(user, '系统刚刚升级，您尚未填完的表单无法继续')
  })
})

describe('a stored pending input that fails its schema', () => {
  it('is dropped, and the consumer is told to start that step again (zh-CN)', async () => {
    const user = harness.tg.user({ languageCode: 'zh-hans' })
    await user.send('/start')
    await replyMatching(user, '请选择')
    const older = { v: 0, type: 'add-information', complaintId: 'x' }
    await redis.set(key('tickets', 'input', user.id, user.id), JSON.stringify(older))
    await user.send('补充一张收据')
    await replyMatching(user, '无法读取您在此处尚未完成的输入')
    expect(await redis.exists(key('tickets', 'input', user.id, user.id))).toBe(0)
  })

  it('is dropped with the English message when a button of it is pressed', async () => {
    const user = harness.tg.user({ languageCode: 'en' })
    await user.send('/start')
    const menu = await replyMatching(user, 'What would you like to do?')
    await redis.set(key('tickets', 'input', user.id, user.id), '{"type":"action"')
    const answer = await user.pressData(menu.message_id, 'tc:abc123:0')
    expect(answer.text).toContain('could not be read back')
    expect(await redis.exists(key('tickets', 'input', user.id, user.id))).toBe(0)
  })
})

describe('a cached person that fails its schema', () => {
  it('is a cache miss: the consumer is served as usual and cached anew', async () => {
    const user = harness.tg.user({ languageCode: 'en' })
    await user.send('/start')
    await replyMatching(user, 'What would you like to do?')
    await redis.set(key('person', user.id), JSON.stringify({ id: 'not a number', displayName: 'x' }), 'EX', 300)
    await user.send('/start')
    await replyMatching(user, 'What would you like to do?')
    const cached = async () => JSON.parse((await redis.get(key('person', user.id))) ?? '{}') as { v?: number }
    await expect.poll(cached).toMatchObject({ v: 1 })
  })
})
