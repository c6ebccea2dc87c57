/**
 * What the page may do to the running demo (src/simulator/web/api.ts's DemoControl): read the world, Reset it,
 * the walk-through and admin views, invites, a person's language, the map's areas.
 */
import { createDatabase, type Database } from '../../db/client.ts'
import type { Logger } from '../../logging/logger.ts'
import { createQueues } from '../../queue/queues.ts'
import { createRedis } from '../../redis.ts'
import { createPersonDirectory } from '../../services/people/person-directory.ts'
import type { DemoControl } from '../web/api.ts'
import { adminView, createDemoInvite, mapAreas, walkthrough } from './sandbox.ts'
import { resetWorld, type World, type WorldOptions } from './world.ts'

export interface RunningDemo {
  control: DemoControl
  stop(): Promise<void>
}

export function controlDemo(first: World, options: WorldOptions, log: Logger): RunningDemo {
  let world = first
  const redis = createRedis(options.redisUrl, { name: 'demo-panel' })
  const queues = createQueues(redis, options.redisPrefix, log)
  const connect = () => createDatabase(options.database.url, { maxConnections: 2 })
  let db: Database = connect()
  const listeners = new Set<() => void>()
  const notify = () => {
    for (const l of listeners) l()
  }
  let unhook = world.tg.state.feed.subscribe(notify)
  let resetting: Promise<number> | undefined

  const control: DemoControl = {
    world: () => world,
    reset() {
      resetting ??= (async () => {
        const started = Date.now()
        unhook()
        await db.$disconnect()
        world = await resetWorld(world, options)
        db = connect()
        unhook = world.tg.state.feed.subscribe(notify)
        notify()
        return Date.now() - started
      })().finally(() => {
        resetting = undefined
      })
      return resetting
    },
    walkthrough: () => walkthrough(db),
    admin: () => adminView(db, queues),
    createInvite: (input) => createDemoInvite(db, input),
    mapAreas: () => mapAreas(db),
    async setLanguage(key, languageCode) {
      const user = world.cast.users.get(key)
      if (user) (user.user as { language_code?: string }).language_code = languageCode
      // The bot speaks the language stored for the person (as /language stores it), so store it the same way.
      const telegramId = BigInt(user?.id ?? 0)
      const person = await db.person.findUnique({ where: { telegramId }, select: { id: true } })
      if (person) {
        const people = createPersonDirectory({ db, redis, redisPrefix: options.redisPrefix, log })
        await people.setLocale(person.id, languageCode === 'en' ? 'en' : 'zh-CN')
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return {
    control,
    async stop() {
      await resetting?.catch(() => undefined)
      await world.stop()
      await queues.close()
      redis.disconnect()
      await db.$disconnect()
    },
  }
}
