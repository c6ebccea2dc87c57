import { readFileSync } from 'node:fs'
import { type Config, ConfigError, loadConfig } from './config.ts'
import { createLogger, type Logger } from './logging/logger.ts'
import { type Runtime, startRuntime } from './runtime.ts'

const SHUTDOWN_GRACE_MS = 9_000

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
  return pkg.version
}

function readConfigOrExit(): Config {
  try {
    // .env is optional; real environments pass variables directly.
    try {
      process.loadEnvFile()
    } catch {
      /* no .env file */
    }
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
  log.info({ role: config.ROLE, mode: config.BOT_MODE }, 'config loaded')
  let starting: Promise<Runtime> | undefined
  // A stop asked for while starting waits for the start, so that nothing started is left running.
  const shutdown = installShutdown(async () => {
    await (await starting)?.stop()
  }, log)
  starting = startRuntime(config, log, {
    // Another process took over polling (409): this one steps aside, cleanly; a revoked token is a failure.
    onPollingEnd: (reason) => shutdown({ reason }, reason === 'conflict' ? 0 : 1),
  })
  const runtime = await starting
  log.info(
    { role: config.ROLE, mode: config.BOT_MODE, version: readVersion(), httpPort: runtime.httpPort },
    'grid-12315-bot started',
  )
}

/** Stops the process cleanly on SIGTERM and SIGINT; returns the same shutdown for other causes, with their exit code. */
function installShutdown(
  stop: () => Promise<void>,
  log: Logger,
): (cause: Record<string, unknown>, exitCode: number) => void {
  let stopping = false
  const shutdown = (cause: Record<string, unknown>, exitCode: number) => {
    if (stopping) return
    stopping = true
    log.info(cause, 'shutting down')
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting anyway')
      process.exit(1)
    }, SHUTDOWN_GRACE_MS)
    force.unref()
    stop().then(
      () => {
        log.info('stopped cleanly')
        log.flush()
        process.exit(exitCode)
      },
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  const onSignal = (signal: NodeJS.Signals) => shutdown({ signal }, 0)
  process.on('SIGTERM', onSignal)
  process.on('SIGINT', onSignal)
  return shutdown
}

main().catch((error: unknown) => {
  process.stderr.write(`grid-12315-bot failed to start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
