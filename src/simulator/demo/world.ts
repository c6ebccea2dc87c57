/**
 * The running demo world: the Bot API server with the cast's chats, and the bot and workers (one in-process
 * runtime) talking to it. Reset stops it, puts the database back to its template, and starts it again.
 */
import { readFile } from 'node:fs/promises'
import { cliActor } from '../../admin/cli-actor.ts'
import { loadConfig } from '../../config.ts'
import { createDatabase } from '../../db/client.ts'
import type { Logger } from '../../logging/logger.ts'
import { createRedis } from '../../redis.ts'
import { type Runtime, startRuntime } from '../../runtime.ts'
import { importDirectory } from '../../services/directory/import-directory.ts'
import { readDirectoryFile } from '../../services/directory/read-directory-file.ts'
import { FakeTelegram } from '../bot-api/fake-telegram.ts'
import { createSimulatedCast, type SimulatedCast, seedCast } from './cast.ts'
import { type demoDatabase, recreateAndMigrate, restoreFromTemplate, saveAsTemplate } from './demo-database.ts'
import { DEMO_BOT_TOKEN } from './safety.ts'

/** A fixed key for identity numbers at rest: the demo holds no real ones. */
const DEMO_ID_KEY = Buffer.alloc(32, 12315 % 256).toString('base64')

export interface WorldOptions {
  database: ReturnType<typeof demoDatabase>
  redisUrl: string
  redisPrefix: string
  host: string
  logLevel: string
  log: Logger
}

export interface World {
  tg: FakeTelegram
  cast: SimulatedCast
  runtime: Runtime
  stop(): Promise<void>
}

/** Clears the demo's Redis keys; creates, migrates and seeds the database (directory + cast) as the Reset template. */
export async function prepareDatabase(options: WorldOptions): Promise<void> {
  // The update journal remembers update ids: a fresh simulator starts counting again, so old keys must go.
  await deletePrefix(options.redisUrl, options.redisPrefix)
  await recreateAndMigrate(options.database)
  const tg = await FakeTelegram.start({
    token: DEMO_BOT_TOKEN,
    host: options.host,
    botUsername: 'grid12315_demo_bot',
    botName: '12315 演示',
  })
  const db = createDatabase(options.database.url, { maxConnections: 2 })
  try {
    const text = await readFile(new URL('../../../prisma/seed/meishan.json', import.meta.url), 'utf8')
    const seeded = await importDirectory(db, readDirectoryFile(text, 'json'), {
      by: cliActor(process.env),
      source: 'meishan.json',
    })
    if (!seeded.ok) throw new Error('the 眉山 directory did not import')
    await seedCast(db, createSimulatedCast(tg))
  } finally {
    await db.$disconnect()
    await tg.stop()
  }
  await saveAsTemplate(options.database)
}

/** Starts the Bot API server with the cast, then the bot and workers against it. */
export async function startWorld(options: WorldOptions): Promise<World> {
  const tg = await FakeTelegram.start({
    token: DEMO_BOT_TOKEN,
    host: options.host,
    botUsername: 'grid12315_demo_bot',
    botName: '12315 演示',
  })
  const cast = createSimulatedCast(tg)
  const config = loadConfig({
    BOT_TOKEN: DEMO_BOT_TOKEN,
    TELEGRAM_API_ROOT: tg.apiRoot,
    DATABASE_URL: options.database.url,
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: options.redisPrefix,
    ID_ENCRYPTION_KEY: DEMO_ID_KEY,
    HTTP_PORT: '0',
    LOG_LEVEL: options.logLevel,
    RATE_LIMIT_PER_MINUTE: '600',
    RATE_LIMIT_BURST: '600',
    ROLE: 'all',
  })
  const runtime = await startRuntime(
    config,
    options.log,
    {
      onPollingEnd: (reason) => options.log.warn({ reason }, 'the demo bot stopped polling'),
    },
    { httpHost: '127.0.0.1' },
  )
  return {
    tg,
    cast,
    runtime,
    async stop() {
      await runtime.stop()
      await tg.stop()
    },
  }
}

/** Back to the initial state: the world stopped, Redis keys of the prefix removed, the database copied from its template. */
export async function resetWorld(world: World, options: WorldOptions): Promise<World> {
  await world.stop()
  await deletePrefix(options.redisUrl, options.redisPrefix)
  await restoreFromTemplate(options.database)
  return startWorld(options)
}

/** Removes the demo's own Redis keys (never the whole database: Redis may be shared). */
async function deletePrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = createRedis(redisUrl, { name: 'demo-reset' })
  try {
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500)
      cursor = next
      if (keys.length > 0) await redis.unlink(...keys)
    } while (cursor !== '0')
  } finally {
    redis.disconnect()
  }
}
