/**
 * `npm run bench -- intake [--consumers N] [--rounds R] [--forms F]`: N simulated consumers (default 500) fill in and
 * confirm the whole complaint form at the same time, against real Redis and PostgreSQL, with every Bot API call
 * answered in-process. Two baselines get the same number and kinds of updates in the same run, in alternating
 * rounds: a bare grammY bot with Redis sessions, and the same form written with @grammyjs/conversations and
 * @grammyjs/storage-redis. Then the compiled build's RSS, idle and with F consumers holding an open form
 * (default 10,000; `--forms 0` skips it; see docs/performance.md).
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpus, loadavg } from 'node:os'
import type { Bot } from 'grammy'
import type { Update, User } from 'grammy/types'
import { Redis } from 'ioredis'
import type { BotContext } from '../src/bot/context.ts'
import { createBot } from '../src/bot/create-bot.ts'
import { loadConfig } from '../src/config.ts'
import { createTranslator } from '../src/i18n/translator.ts'
import { createLogger } from '../src/logging/logger.ts'
import { createQueues } from '../src/queue/queues.ts'
import { createRedis } from '../src/redis.ts'
import { createServices } from '../src/services/services.ts'
import { createBaselineBot } from './support/baseline-bot.ts'
import { BENCH_ID_ENCRYPTION_KEY, createBenchDatabase } from './support/bench-database.ts'
import { COMPLAINT_SCRIPT } from './support/complaint-script.ts'
import { createConversationsBot } from './support/conversations-bot.ts'
import { measureConcurrent, type RunStats, runStats } from './support/latency.ts'
import { LocalBotApi } from './support/local-bot-api.ts'
import { measureMemory, printMemory } from './support/memory-process.ts'
import { benchUser, photoUpdate, pressUpdate, textUpdate } from './support/updates.ts'

/** Targets: of the bare bot's throughput, and over the conversations form's (RSS targets: memory-process.ts). */
const TARGET_OF_BARE = 0.6
const TARGET_OVER_CONVERSATIONS = 2
const WARMUP_CONSUMERS = 20

type Handler = { handleUpdate(update: Update): Promise<void> }

/** Updates whose handling threw (e.g. PostgreSQL's pool exhausted); counted, not fatal to the run. */
let failedUpdates = 0

/** Plays the script for one consumer, pressing the buttons the bot actually sent. */
async function playConsumer(
  bot: Handler,
  api: LocalBotApi,
  user: User,
  record: (ms: number) => void,
  pressAny?: RegExp,
): Promise<void> {
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
      if (failedUpdates <= 3)
        console.error(`update failed: ${error instanceof Error ? error.message.split('\n').at(-1) : String(error)}`)
    }
    record(performance.now() - started)
  }
}

async function runConsumers(
  bot: Handler,
  api: LocalBotApi,
  count: number,
  firstUserId: number,
  pressAny?: RegExp,
): Promise<RunStats> {
  const { latencies, wallMs, cpuMs } = await measureConcurrent(count, (index, record) =>
    playConsumer(bot, api, benchUser(firstUserId + index), record, pressAny),
  )
  return runStats(latencies, wallMs, cpuMs)
}

function option(args: string[], name: string, fallback: number, min = 1): number {
  const index = args.indexOf(`--${name}`)
  const value = Number(index >= 0 ? args[index + 1] : fallback)
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer ≥ ${min}`)
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
  const forms = option(args, 'forms', 10_000, 0)
  const prefix = `bench-${randomBytes(4).toString('hex')}`
  console.log(
    `intake benchmark: ${consumers} concurrent consumers, ${COMPLAINT_SCRIPT.length} updates each, ${rounds} rounds; preparing a database…`,
  )
  const database = await createBenchDatabase()
  const config = loadConfig({
    ID_ENCRYPTION_KEY: BENCH_ID_ENCRYPTION_KEY,
    BOT_TOKEN: '123456789:bench-token_xxxxxxxxxxxxxxxxxxxxxx',
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    MAX_COMPLAINTS_PER_DAY: '1000',
    RATE_LIMIT_PER_MINUTE: '1000',
    HTTP_PORT: '0',
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
    const conversationsApi = new LocalBotApi()
    const conversationsBot = await createConversationsBot(baselineRedis, prefix, conversationsApi)
    const CONVERSATION_BUTTON = /^c:(?!x$)/

    await runConsumers(baselineBot, baselineApi, WARMUP_CONSUMERS, 9_000_000, /^b:/)
    await runConsumers(conversationsBot, conversationsApi, WARMUP_CONSUMERS, 9_500_000, CONVERSATION_BUTTON)
    await runConsumers(intakeBot, intakeApi, WARMUP_CONSUMERS, 8_000_000)

    // Rounds alternate the three, so that a slow spell of the machine hits each; medians are reported.
    const baselines: RunStats[] = []
    const conversationRuns: RunStats[] = []
    const intakes: RunStats[] = []
    let intakeFailures = 0
    for (let round = 0; round < rounds; round++) {
      baselines.push(await runConsumers(baselineBot, baselineApi, consumers, 2_000_000 + round * consumers, /^b:/))
      conversationRuns.push(
        await runConsumers(
          conversationsBot,
          conversationsApi,
          consumers,
          3_000_000 + round * consumers,
          CONVERSATION_BUTTON,
        ),
      )
      failedUpdates = 0
      intakes.push(await runConsumers(intakeBot, intakeApi, consumers, 1_000_000 + round * consumers))
      intakeFailures += failedUpdates
    }
    const baseline = medianRun(baselines)
    const conversation = medianRun(conversationRuns)
    const intake = medianRun(intakes)
    const filed = await database.db.complaint.count({
      where: { consumer: { telegramId: { gte: 1_000_000n, lt: 2_000_000n } } },
    })

    const ofBare = intake.updatesPerSecond / baseline.updatesPerSecond
    const overConversations = intake.updatesPerSecond / conversation.updatesPerSecond
    console.log('')
    console.log(`| ${'run'.padEnd(32)} | updates | updates/s | p50 ms |  p99 ms | CPU ms/upd |`)
    console.log(`|${'-'.repeat(34)}|---------|-----------|--------|---------|------------|`)
    console.log(row('bare grammY + Redis sessions', baseline))
    console.log(row('form with conversations + Redis', conversation))
    console.log(row('intake (whole bot, PG + Redis)', intake))
    console.log('')
    const byRound = (index: number, of: RunStats[]) => intakes[index]!.updatesPerSecond / of[index]!.updatesPerSecond
    const verdict = (ok: boolean) => (ok ? 'OK' : 'BELOW TARGET')
    console.log(
      `intake / bare (medians of ${rounds} rounds): ${(ofBare * 100).toFixed(1)} % (target ≥ ${TARGET_OF_BARE * 100} %) ${verdict(ofBare >= TARGET_OF_BARE)}; by round: ${intakes.map((_, i) => `${(byRound(i, baselines) * 100).toFixed(1)} %`).join(', ')}`,
    )
    console.log(
      `intake / conversations: ${overConversations.toFixed(2)}× (target ≥ ${TARGET_OVER_CONVERSATIONS}×) ${verdict(overConversations >= TARGET_OVER_CONVERSATIONS)}; by round: ${intakes.map((_, i) => `${byRound(i, conversationRuns).toFixed(2)}×`).join(', ')}`,
    )
    console.log(
      `${filed} of ${consumers * rounds} complaints filed by the whole bot; failed updates: ${intakeFailures}`,
    )
    if (forms > 0) {
      console.log(
        `\nmemory: building dist/ (npm run build), then node dist/main.js (ROLE=bot, webhook) with ${forms} consumers opening a form…`,
      )
      execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' })
      const memory = await measureMemory(
        {
          BOT_TOKEN: config.BOT_TOKEN,
          DATABASE_URL: database.url,
          REDIS_URL: config.REDIS_URL,
          REDIS_PREFIX: `${prefix}-mem`,
          ID_ENCRYPTION_KEY: BENCH_ID_ENCRYPTION_KEY,
          MAX_COMPLAINTS_PER_DAY: '1000',
          RATE_LIMIT_PER_MINUTE: '1000',
        },
        forms,
      )
      printMemory(memory)
      await flushPrefix(redis, `${prefix}-mem`)
    }
    console.log(
      `Node ${process.version}, ${new Date().toISOString()}, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}, ${cpus().length} CPUs`,
    )
  } finally {
    await queues.close()
    await flushPrefix(redis, prefix)
    await redis.quit().catch(() => redis.disconnect())
    baselineRedis?.disconnect()
    await database.drop()
  }
}
