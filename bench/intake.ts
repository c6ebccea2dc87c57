/**
 * `npm run bench -- intake [--consumers N]`: N simulated consumers (default 500) fill in and confirm the whole
 * complaint form at the same time, against real Redis and PostgreSQL, with every Bot API call answered in-process.
 * A bare grammY bot with Redis sessions gets the same number and kinds of updates in the same run, as the baseline.
 */
import { randomBytes } from 'node:crypto'
import { cpus, loadavg } from 'node:os'
import type { Bot } from 'grammy'
import type { Update, User } from 'grammy/types'
import { createBot } from '../src/bot/create-bot.ts'
import type { BotContext } from '../src/bot/context.ts'
import { loadConfig } from '../src/config.ts'
import { createTranslator } from '../src/i18n/translator.ts'
import { createLogger } from '../src/logging/logger.ts'
import { createQueues } from '../src/queue/queues.ts'
import { Redis } from 'ioredis'
import { createRedis } from '../src/redis.ts'
import { createServices } from '../src/services/services.ts'
import { createBaselineBot } from './support/baseline-bot.ts'
import { BENCH_ID_ENCRYPTION_KEY, createBenchDatabase } from './support/bench-database.ts'
import { measureConcurrent, runStats, type RunStats } from './support/latency.ts'
import { LocalBotApi } from './support/local-bot-api.ts'
import { benchUser, photoUpdate, pressUpdate, textUpdate } from './support/updates.ts'

const TARGET_RATIO = 0.4
const WARMUP_CONSUMERS = 20

type Step = { text: string } | { photo: true } | { press: RegExp }

/** The whole complaint, as a consumer answers it: 25 updates. */
const COMPLAINT_SCRIPT: readonly Step[] = [
  { text: '/start' },
  { press: /^m:c$/ },
  { text: '好又多超市' },
  { press: /:lo:d:\d+:0$/ },
  { press: /:lo:d:\d+:0$/ },
  { press: /:lo:d:\d+:0$/ },
  { press: /:lo:a:/ },
  { text: '东坡区诗书路1号' },
  { press: /:ca:k:GOODS:0$/ },
  { press: /:ca:g:GOODS_FOOD:0$/ },
  { press: /:ca:c:FOOD_PACKAGED$/ },
  { press: /:cu:c:yes$/ },
  { text: '昨天' },
  { text: '120.50' },
  { text: '买到的牛奶已经过期了三天，商家拒绝退货。' },
  { press: /:de:t:REFUND$/ },
  { press: /:de:done$/ },
  { photo: true },
  { press: /:ev:done$/ },
  { text: '王小明' },
  { text: '13812345678' },
  { text: '东坡区苏祠路8号2单元301' },
  { press: /:it:c:RESIDENT_ID$/ },
  { text: '511402199001011235' },
  { press: /:rv:ok$/ },
]

type Handler = { handleUpdate(update: Update): Promise<void> }

/** Updates whose handling threw (e.g. PostgreSQL's pool exhausted); counted, not fatal to the run. */
let failedUpdates = 0

/** Plays the script for one consumer, pressing the buttons the bot actually sent. */
async function playConsumer(bot: Handler, api: LocalBotApi, user: User, record: (ms: number) => void, pressAny?: RegExp): Promise<void> {
  for (const step of COMPLAINT_SCRIPT) {
    let update: Update
    if ('text' in step) update = textUpdate(user, step.text)
    else if ('photo' in step) update = photoUpdate(user, `p${user.id}`)
    else {
      const button = api.findButton(user.id, pressAny ?? step.press)
      if (!button) throw new Error(`consumer ${user.id} found no button ${String(pressAny ?? step.press)}`)
      update = pressUpdate(user, button.messageId, button.data)
    }
    const started = performance.now()
    try {
      await bot.handleUpdate(update)
    } catch (error) {
      failedUpdates++
      if (failedUpdates <= 3) console.error(`update failed: ${error instanceof Error ? error.message.split('\n').at(-1) : String(error)}`)
    }
    record(performance.now() - started)
  }
}

async function runConsumers(bot: Handler, api: LocalBotApi, count: number, firstUserId: number, pressAny?: RegExp): Promise<RunStats> {
  const { latencies, wallMs, cpuMs } = await measureConcurrent(count, (index, record) => playConsumer(bot, api, benchUser(firstUserId + index), record, pressAny))
  return runStats(latencies, wallMs, cpuMs)
}

function option(args: string[], name: string, fallback: number): number {
  const index = args.indexOf(`--${name}`)
  const value = Number(index >= 0 ? args[index + 1] : fallback)
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`)
  return value
}

/** The run of median throughput (a shared 2-core machine varies by ±30 % from one run to the next). */
function medianRun(runs: RunStats[]): RunStats {
  const sorted = [...runs].sort((a, b) => a.updatesPerSecond - b.updatesPerSecond)
  return sorted[Math.floor((sorted.length - 1) / 2)]!
}

async function flushPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000)
    cursor = next
    if (keys.length > 0) await redis.del(...keys)
  } while (cursor !== '0')
}

const row = (name: string, stats: RunStats) =>
  `| ${name.padEnd(32)} | ${stats.updates.toString().padStart(7)} | ${stats.updatesPerSecond.toFixed(0).padStart(9)} | ${stats.p50Ms.toFixed(1).padStart(6)} | ${stats.p99Ms.toFixed(1).padStart(7)} | ${(stats.cpuMsPerUpdate ?? NaN).toFixed(3).padStart(10)} |`

export async function main(args: string[]): Promise<void> {
  const consumers = option(args, 'consumers', Number(process.env.BENCH_CONSUMERS ?? 500))
  const rounds = option(args, 'rounds', 5)
  const prefix = `bench-${randomBytes(4).toString('hex')}`
  console.log(`intake benchmark: ${consumers} concurrent consumers, ${COMPLAINT_SCRIPT.length} updates each, ${rounds} rounds; preparing a database…`)
  const database = await createBenchDatabase()
  const config = loadConfig({ ID_ENCRYPTION_KEY: BENCH_ID_ENCRYPTION_KEY,
    BOT_TOKEN: '123456789:bench-token_xxxxxxxxxxxxxxxxxxxxxx', DATABASE_URL: database.url, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: prefix, LOG_LEVEL: 'silent', MAX_COMPLAINTS_PER_DAY: '1000', RATE_LIMIT_PER_MINUTE: '1000', HTTP_PORT: '0',
  })
  const log = createLogger({ level: 'silent' })
  const redis = createRedis(config.REDIS_URL, { name: 'bench', autoPipelining: true })
  const queues = createQueues(redis, prefix, log)
  const services = createServices({ config, db: database.db, redis, queues, log })
  const translator = await createTranslator(config.DEFAULT_LOCALE)
  let baselineRedis: Redis | undefined
  try {
    const intakeApi = new LocalBotApi()
    const intakeBot: Bot<BotContext> = createBot({ token: config.BOT_TOKEN, services, translator, log })
    intakeBot.api.config.use(intakeApi.transformer)
    await intakeBot.init()
    const baselineApi = new LocalBotApi()
    // The baseline's own connection, with ioredis's defaults, as a bare bot with @grammyjs/storage-redis has.
    baselineRedis = new Redis(config.REDIS_URL)
    const baselineBot = await createBaselineBot(baselineRedis, prefix, baselineApi)

    await runConsumers(baselineBot, baselineApi, WARMUP_CONSUMERS, 9_000_000, /^b:/)
    await runConsumers(intakeBot, intakeApi, WARMUP_CONSUMERS, 8_000_000)
    failedUpdates = 0

    // Rounds alternate baseline and bot, so that a slow spell of the machine hits both; medians are reported.
    const baselines: RunStats[] = []
    const intakes: RunStats[] = []
    for (let round = 0; round < rounds; round++) {
      baselines.push(await runConsumers(baselineBot, baselineApi, consumers, 2_000_000 + round * consumers, /^b:/))
      intakes.push(await runConsumers(intakeBot, intakeApi, consumers, 1_000_000 + round * consumers))
    }
    const baseline = medianRun(baselines)
    const intake = medianRun(intakes)
    const intakeFailures = failedUpdates
    const filed = await database.db.complaint.count({ where: { consumer: { telegramId: { gte: 1_000_000n, lt: 2_000_000n } } } })

    const ratio = intake.updatesPerSecond / baseline.updatesPerSecond
    console.log('')
    console.log(`| ${'run'.padEnd(32)} | updates | updates/s | p50 ms |  p99 ms | CPU ms/upd |`)
    console.log(`|${'-'.repeat(34)}|---------|-----------|--------|---------|------------|`)
    console.log(row('bare grammY + Redis sessions', baseline))
    console.log(row('intake (whole bot, PG + Redis)', intake))
    console.log('')
    const perRound = intakes.map((run, index) => `${((run.updatesPerSecond / baselines[index]!.updatesPerSecond) * 100).toFixed(1)} %`)
    console.log(`ratio intake / baseline (medians of ${rounds} rounds): ${(ratio * 100).toFixed(1)} % (target ≥ ${TARGET_RATIO * 100} %) ${ratio >= TARGET_RATIO ? 'OK' : 'BELOW TARGET'}; by round: ${perRound.join(', ')}`)
    console.log(`${filed} of ${consumers * rounds} complaints filed by the whole bot; failed updates: ${intakeFailures}`)
    console.log(`Node ${process.version}, ${new Date().toISOString()}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${cpus().length} CPUs`)
  } finally {
    await queues.close()
    await flushPrefix(redis, prefix)
    await redis.quit().catch(() => redis.disconnect())
    baselineRedis?.disconnect()
    await database.drop()
  }
}
