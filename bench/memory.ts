/**
 * `npm run bench -- memory [--forms F] [--no-build] [--node-flags "…"]`: only the memory part of `bench -- intake` —
 * builds dist/, then the RSS of `node dist/main.js` (ROLE=bot, webhook, with the Dockerfile CMD's node flags unless
 * --node-flags replaces them) idle and with F consumers holding an open form (default 10,000), against the targets
 * (see docs/performance.md).
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpus, loadavg } from 'node:os'
import { Redis } from 'ioredis'
import { BENCH_ID_ENCRYPTION_KEY, createBenchDatabase } from './support/bench-database.ts'
import { measureMemory, printMemory, productionNodeFlags } from './support/memory-process.ts'

export async function main(args: string[]): Promise<void> {
  const index = args.indexOf('--forms')
  const forms = Number(index >= 0 ? args[index + 1] : 10_000)
  if (!Number.isInteger(forms) || forms < 0) throw new Error('--forms must be an integer ≥ 0')
  const flagsAt = args.indexOf('--node-flags')
  const nodeFlags = flagsAt >= 0 ? (args[flagsAt + 1] ?? '').split(' ').filter(Boolean) : productionNodeFlags()
  const prefix = `bench-${randomBytes(4).toString('hex')}-mem`
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
  if (!args.includes('--no-build')) {
    console.log('memory: building dist/ (npm run build)…')
    execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' })
  }
  const database = await createBenchDatabase()
  const redis = new Redis(redisUrl)
  try {
    console.log(`memory: node dist/main.js (ROLE=bot, webhook) with ${forms} consumers opening a form…`)
    const memory = await measureMemory(
      {
        BOT_TOKEN: '123456789:bench-token_xxxxxxxxxxxxxxxxxxxxxx',
        DATABASE_URL: database.url,
        REDIS_URL: redisUrl,
        REDIS_PREFIX: prefix,
        ID_ENCRYPTION_KEY: BENCH_ID_ENCRYPTION_KEY,
        MAX_COMPLAINTS_PER_DAY: '1000',
        RATE_LIMIT_PER_MINUTE: '1000',
      },
      forms,
      nodeFlags,
    )
    printMemory(memory)
    console.log(
      `Node ${process.version}, ${new Date().toISOString()}, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}, ${cpus().length} CPUs`,
    )
  } finally {
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000)
      cursor = next
      if (keys.length > 0) await redis.del(...keys)
    } while (cursor !== '0')
    redis.disconnect()
    await database.drop()
  }
}
