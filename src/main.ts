import { readFileSync } from 'node:fs'
import { ConfigError, loadConfig, type Config } from './config.ts'
import { createLogger, type Logger } from './logging/logger.ts'
import { startRuntime } from './runtime.ts'

const SHUTDOWN_GRACE_MS = 9_000

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
  return pkg.version
}

function readConfigOrExit(): Config {
  try {
    // .env is optional; real environments pass variables directly.
    try { process.loadEnvFile() } catch { /* no .env file */ }
    return loadConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`)
    process.exit(1)
  }
}

async function main(): Promise<void> {
  const config = readConfigOrExit()
  const log = createLogger({ level: config.LOG_LEVEL })
  const runtime = await startRuntime(config, log)
  log.info({ role: config.ROLE, mode: config.BOT_MODE, version: readVersion(), httpPort: runtime.httpPort }, 'grid-12315-bot started')
  installShutdown(runtime.stop, log)
}

function installShutdown(stop: () => Promise<void>, log: Logger): void {
  let stopping = false
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'shutting down')
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting anyway')
      process.exit(1)
    }, SHUTDOWN_GRACE_MS)
    force.unref()
    stop().then(
      () => { log.info('stopped cleanly'); log.flush(); process.exit(0) },
      (error: unknown) => { log.error({ err: error }, 'shutdown failed'); process.exit(1) },
    )
  }
  process.on('SIGTERM', shutdown)
  process.on('SIGINT', shutdown)
}

main().catch((error: unknown) => {
  process.stderr.write(`grid-12315-bot failed to start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
