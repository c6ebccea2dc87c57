import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RuntimeInProcess, startRuntimeInProcess } from '../../support/runtime-in-process.ts'
import { createStation, GRIDS, seedAreas } from '../../support/world.ts'
import { inviteCode, REPLY_TIMEOUT_MS, redeem, warmUp } from './access-fixtures.ts'

let harness: RuntimeInProcess
const db = () => harness.app.database.db

beforeAll(async () => {
  harness = await startRuntimeInProcess()
  await seedAreas(db())
  await warmUp(harness.tg)
})
afterAll(async () => {
  await harness.close()
})

describe('redeeming an invite with /start <code>', () => {
  it('greets new staff in their role at their station and lets the code work only once', async () => {
    const station = await createStation(db())
    const code = await inviteCode(db(), station, 'STAFF')
    const wang = harness.tg.user({ firstName: '王', languageCode: 'zh-hans' })

    const greeting = await redeem(wang, code)
    expect(greeting).toContain(station.name)
    expect(greeting).toContain('工作人员')
    expect(greeting).toContain('/bind')

    const li = harness.tg.user({ firstName: '李', languageCode: 'zh-hans' })
    expect(await redeem(li, code)).toContain('已经用过')
    expect(await redeem(wang, code)).toContain('已经用过')

    const memberships = await db().membership.findMany({ where: { stationId: station.id }, include: { person: true } })
    expect(memberships.map((m) => [Number(m.person.telegramId), m.role])).toEqual([[wang.id, 'STAFF']])
  })

  it('tells a liaison, in English, which grids they now look after', async () => {
    const station = await createStation(db())
    const code = await inviteCode(db(), station, 'LIAISON', { gridCodes: [GRIDS.first, GRIDS.second] })
    const zhao = harness.tg.user({ firstName: 'Zhao', languageCode: 'en' })

    const greeting = await redeem(zhao, code)
    expect(greeting).toContain('grid worker')
    expect(greeting).toContain(station.nameEn)
    expect(greeting).toContain('Shishu grid 1, Shishu grid 2')
  })

  it('refuses an expired code and grants nothing', async () => {
    const station = await createStation(db())
    const code = await inviteCode(db(), station, 'STAFF', { validForMs: -1000 })
    const sun = harness.tg.user({ languageCode: 'en' })

    expect(await redeem(sun, code)).toContain('expired')
    expect(await db().membership.count({ where: { stationId: station.id } })).toBe(0)
  })

  it('refuses a made-up code, whatever it looks like', async () => {
    const zhou = harness.tg.user({ languageCode: 'zh-hans' })
    expect(await redeem(zhou, 'AAAAAAAAAAAAAAAAAAAAAAAA')).toContain('无效')
    expect(await redeem(zhou, 'hello')).toContain('无效')
  })

  it('makes a liaison who had never opened the bot reachable for tickets', async () => {
    const station = await createStation(db())
    const code = await inviteCode(db(), station, 'LIAISON', { gridCodes: [GRIDS.first] })
    const wu = harness.tg.user({ firstName: 'Wu', languageCode: 'en', startedBot: false })
    await db().person.create({
      data: { telegramId: BigInt(wu.id), displayName: 'Wu', reachable: false, unreachableSince: new Date() },
    })

    await redeem(wu, code)
    const person = await db().person.findUniqueOrThrow({ where: { telegramId: BigInt(wu.id) } })
    expect(person.reachable).toBe(true)
    // The greeting itself went through: the bot can write to them from now on.
    expect(wu.messages().length).toBeGreaterThan(0)
  })

  it('leaves a plain /start to the main menu', async () => {
    const zheng = harness.tg.user({ languageCode: 'en' })
    await zheng.send('/start')
    const reply = await zheng.nextMessage({ timeout: REPLY_TIMEOUT_MS })
    expect(reply.text).not.toMatch(/invite/i)
  })
})
