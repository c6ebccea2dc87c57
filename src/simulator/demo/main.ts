/**
 * `npm run demo`: the whole system on one machine with no token and no internet. PostgreSQL and Redis are started
 * when not running, the demo database is created, migrated and seeded, the project's Bot API server runs on
 * 127.0.0.1, the bot and workers against it, and the page at http://127.0.0.1:3000 (DEMO_PORT). Ctrl-C stops it all.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { createLogger } from '../../logging/logger.ts'
import { createDemoApi } from '../web/api.ts'
import { controlDemo } from './control.ts'
import { demoDatabase } from './demo-database.ts'
import { demoHost, realTelegramReason } from './safety.ts'
import { prepareDatabase, startWorld, type WorldOptions } from './world.ts'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const PAGE_SOURCE = join(ROOT, 'src/simulator/page')
const PAGE_DIR = process.env.DEMO_PAGE_DIR ?? join(ROOT, 'dist/demo-page')

const startedAt = Date.now()
const say = (line: string) => process.stdout.write(`[demo ${((Date.now() - startedAt) / 1000).toFixed(1)}s] ${line}\n`)

function newestMtime(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newestMtime(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
    ),
  )
}

/** Builds the page with Vite when it is missing or older than its sources (offline; output is gitignored). */
async function buildPageIfNeeded(): Promise<void> {
  const index = join(PAGE_DIR, 'index.html')
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(PAGE_SOURCE)) return
  say('building the page (vite)…')
  const { build } = await import('vite')
  await build({
    configFile: join(PAGE_SOURCE, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: PAGE_DIR, emptyOutDir: true },
  })
}

async function main(): Promise<void> {
  const unsafe = realTelegramReason(process.env)
  if (unsafe) {
    process.stderr.write(`demo refused: ${unsafe}\n`)
    process.exit(1)
  }
  const host = demoHost(process.env)
  const port = Number(process.env.DEMO_PORT ?? 3000)
  const log = createLogger({ level: (process.env.LOG_LEVEL ?? 'warn') as 'warn' })

  if (process.env.DEMO_SKIP_SERVICES !== '1') {
    say('PostgreSQL and Redis: starting them if they are not running…')
    const services = spawnSync('bash', [join(ROOT, '.ci/services.sh')], { stdio: ['ignore', 'ignore', 'inherit'] })
    if (services.status !== 0) throw new Error('PostgreSQL or Redis did not come up (see above)')
  }
  const options: WorldOptions = {
    database: demoDatabase(process.env),
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisPrefix: process.env.DEMO_REDIS_PREFIX ?? 'grid12315demo',
    host: '127.0.0.1',
    logLevel: process.env.LOG_LEVEL ?? 'warn',
    log,
  }
  await buildPageIfNeeded()
  say(`database ${options.database.name}: creating, migrating, loading the 眉山 directory and the demo cast…`)
  await prepareDatabase(options)
  say('starting the Bot API simulator, the bot and the workers…')
  const demo = controlDemo(await startWorld(options), options, log)
  const app = createDemoApi(demo.control, PAGE_DIR)
  const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
    say(`ready: http://${host}:${info.port}  (a simulation: no Telegram, no token; Ctrl-C stops everything)`)
  })

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    say(`${signal}: stopping…`)
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    server.close()
    if ('closeAllConnections' in server) server.closeAllConnections()
    await demo.stop()
    say('stopped cleanly')
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed to start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
