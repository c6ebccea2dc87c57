import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Faults } from '../../src/simulator/bot-api/index.ts'
import { quietWindow } from '../../src/simulator/bot-api/waiting.ts'
import { flushRedisPrefix } from '../support/redis.ts'
import { type BotProcess, spawnBot } from '../support/spawn-bot.ts'
import { AREAS, createDeliveryWorld, type DeliveryWorld } from './support/delivery-world.ts'
import { adminAuthor, progressText, sendWarning, subscribers, warningsReceived } from './support/warning-world.ts'

let world: DeliveryWorld
beforeAll(async () => {
  world = await createDeliveryWorld()
})
afterAll(async () => {
  await world.close()
})

async function startWorkerProcess(): Promise<BotProcess> {
  const child = spawnBot('src/main.ts', world.workerEnv())
  await child.waitForLine(/grid-12315-bot started/, { timeout: 30_000 })
  return child
}

describe('a warning broadcast whose worker is killed', () => {
  it('reaches each of 300 subscribers exactly once after a SIGKILL half-way and a Redis flush', async () => {
    const db = world.app.database.db
    const author = await adminAuthor(world)
    const people = await subscribers(world, AREAS.tonghui, 300)
    const warningId = await sendWarning(world, author, AREAS.tonghui, '警示：以旧换新骗局')
    const delivered = () => people.filter(({ user }) => warningsReceived(user, '以旧换新').length > 0).length

    const doomed = await startWorkerProcess()
    await expect.poll(delivered, { timeout: 30_000, interval: 100 }).toBeGreaterThanOrEqual(120)
    // From now on Telegram delivers each message but its answer never comes back: the worker dies with every
    // message it has on its way delivered and unrecorded, the window a crash between send and record leaves.
    world.tg.failNext('sendMessage', Faults.delay(15_000, { afterProcessing: true }), { times: 10_000 })
    for (let before = -1; before !== delivered(); ) {
      before = delivered()
      await quietWindow()
    }
    doomed.kill('SIGKILL')
    await doomed.waitForExit()
    world.tg.state.faults.clear()
    const halfway = delivered()
    expect(halfway).toBeLessThan(300)
    expect(await flushRedisPrefix(world.app.redisPrefix)).toBeGreaterThan(0)

    // A new worker finds the broadcast in PostgreSQL (its job went with Redis) and finishes it.
    const survivor = await startWorkerProcess()
    await expect
      .poll(async () => (await db.warning.findUniqueOrThrow({ where: { id: warningId } })).status, { timeout: 60_000 })
      .toBe('DONE')
    for (const { user } of people) expect(warningsReceived(user, '以旧换新')).toHaveLength(1)
    const unconfirmed = await db.warningDelivery.count({ where: { warningId, status: 'UNCONFIRMED' } })
    expect(unconfirmed).toBeGreaterThan(0)
    await expect
      .poll(() => progressText(world, author), { timeout: 10_000 })
      .toContain('已发送 300，已屏蔽 0，失败 0，剩余 0')
    expect(progressText(world, author)).toContain(`其中 ${unconfirmed} 条`)
    await survivor.stop(10_000)
  }, 150_000)
})
