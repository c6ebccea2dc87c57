import { type Config, loadConfig } from '../../src/config.ts'
import { createLogger } from '../../src/logging/logger.ts'
import { createQueues } from '../../src/queue/queues.ts'
import { createRedis } from '../../src/redis.ts'
import { createServices, type Services } from '../../src/services/services.ts'
import { createTestDatabase, type TestDatabase } from './database.ts'
import { flushRedisPrefix, TEST_REDIS_URL, uniqueRedisPrefix } from './redis.ts'

export const TEST_BOT_TOKEN = '123456789:TEST-token_for_the_fake_bot_api_0000'
/** The tests' key for identity-document numbers (32 bytes, base64). */
export const TEST_ID_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64')

export interface TestApp {
  config: Config
  database: TestDatabase
  services: Services
  redisPrefix: string
  /** Environment for a bot or worker child process sharing this test's database and Redis prefix. */
  env(extra?: Record<string, string>): Record<string, string>
  close(): Promise<void>
}

/** In-process services over a database and a Redis prefix of this test file's own. */
export async function createTestApp(
  overrides: Record<string, string> = {},
  options: { now?: () => Date } = {},
): Promise<TestApp> {
  const database = await createTestDatabase()
  const redisPrefix = uniqueRedisPrefix()
  const baseEnv: Record<string, string> = {
    BOT_TOKEN: TEST_BOT_TOKEN,
    ID_ENCRYPTION_KEY: TEST_ID_ENCRYPTION_KEY,
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    LOG_LEVEL: 'silent',
    HTTP_PORT: '0',
    // Most files file many complaints about one shop; hot-spot suggestions would join their groups' messages.
    // test/queue/hot-spots.test.ts sets the product's default back.
    HOT_SPOT_THRESHOLD: '1000',
    ...overrides,
  }
  const config = loadConfig(baseEnv)
  const log = createLogger({ level: config.LOG_LEVEL })
  const redis = createRedis(config.REDIS_URL, { name: 'test', autoPipelining: true })
  const queues = createQueues(redis, redisPrefix, log)
  const services = createServices({ config, db: database.db, redis, queues, log, now: options.now })
  return {
    config,
    database,
    services,
    redisPrefix,
    env: (extra = {}) => ({ ...baseEnv, LOG_LEVEL: 'info', ...extra }),
    async close() {
      await queues.close()
      redis.disconnect()
      await flushRedisPrefix(redisPrefix)
      await database.drop()
    },
  }
}
