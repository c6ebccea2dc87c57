/**
 * A worker process (`ROLE=worker`: route, notify, deadlines, summaries, the statistics rollup) whose clock is a
 * file the test writes: `node --import tsx test/support/clocked-worker-process.ts`, spawned with spawnBot. The
 * production entry reads the wall clock; this one builds the same services and workers with `now` read from
 * TEST_CLOCK_FILE (an ISO instant) on every call, so a test can move the day of several real processes at once.
 * Env: the worker env of the test's world, plus TEST_CLOCK_FILE, TEST_DEADLINE_TICK_MS and TEST_DELIVERY_LIMITS
 * (JSON of DeliveryLimits). Prints "clocked worker started" when its workers are ready; stops on SIGTERM.
 */
import { readFileSync } from 'node:fs'
import { Api } from 'grammy'
import { loadConfig } from '../../src/config.ts'
import { createDatabase } from '../../src/db/client.ts'
import { createTranslator } from '../../src/i18n/translator.ts'
import { createLogger } from '../../src/logging/logger.ts'
import { createQueues } from '../../src/queue/queues.ts'
import { startWorkers } from '../../src/queue/start-workers.ts'
import { createRedis } from '../../src/redis.ts'
import { createServices } from '../../src/services/services.ts'
import type { DeliveryLimits } from '../../src/telegram/sending/delivery-limits.ts'

const clockFile = process.env.TEST_CLOCK_FILE
if (!clockFile) throw new Error('TEST_CLOCK_FILE is not set')
const now = () => new Date(readFileSync(clockFile, 'utf8').trim())

const config = loadConfig(process.env)
const log = createLogger({ level: 'warn' })
const db = createDatabase(config.DATABASE_URL, { maxConnections: 4, log })
const redis = createRedis(config.REDIS_URL, { name: 'clocked-worker', autoPipelining: true })
const queues = createQueues(redis, config.REDIS_PREFIX, log)
const services = createServices({ config, db, redis, queues, log, now })
const translator = await createTranslator(config.DEFAULT_LOCALE)
const limits = process.env.TEST_DELIVERY_LIMITS
  ? (JSON.parse(process.env.TEST_DELIVERY_LIMITS) as DeliveryLimits)
  : undefined
const workers = await startWorkers({
  config,
  db,
  services,
  translator,
  log,
  api: new Api(config.BOT_TOKEN, { apiRoot: config.TELEGRAM_API_ROOT, timeoutSeconds: 10 }),
  limits,
  deadlineTickMs: Number(process.env.TEST_DEADLINE_TICK_MS ?? 150),
})
console.log(`clocked worker started (pid ${process.pid})`)

process.once('SIGTERM', async () => {
  await workers.close()
  await queues.close()
  redis.disconnect()
  await db.$disconnect()
  process.exit(0)
})
