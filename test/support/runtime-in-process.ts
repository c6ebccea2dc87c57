/**
 * The bot (and, with `role: 'all'`, the workers) running in the test's own process: the real `startRuntime` of
 * `src/main.ts` (long polling through the update journal, its own PostgreSQL pool, Redis connections and services),
 * against the fake Bot API server over HTTP. Tests drive it exactly as the child-process bot
 * (`bot-under-test.ts`): `harness.tg.user()`, `user.send()`, `user.press()`, the same assertions on what users see.
 * It saves the child's start (a second Node.js compiling the whole app) and leaves the CPU to the tests; use the
 * child process only when the test is about the process (kills, restarts by signal, its output, two processes).
 */

import { loadConfig } from '../../src/config.ts'
import { createLogger } from '../../src/logging/logger.ts'
import { type Runtime, startRuntime } from '../../src/runtime.ts'
import { FakeTelegram } from '../../src/simulator/bot-api/fake-telegram.ts'
import type { DeliveryLimits } from '../../src/telegram/sending/delivery-limits.ts'
import { createTestApp, TEST_BOT_TOKEN } from './app.ts'
import type { BotHarness } from './bot-under-test.ts'
import { type BotProcess, spawnBot } from './spawn-bot.ts'

/**
 * Telegram's flood limits with the windows scaled down tenfold, for tests about what is sent rather than when:
 * pacing itself is proven with the real windows' shape in test/queue/pacing.test.ts and outbound-order.test.ts.
 */
export const SCALED_DOWN_LIMITS: DeliveryLimits = {
  global: { limit: 30, windowMs: 100 },
  privateChat: [{ limit: 1, windowMs: 100 }],
  groupChat: [
    { limit: 1, windowMs: 100 },
    { limit: 20, windowMs: 6_000 },
  ],
  groupReserve: 5,
  marginMs: 20,
}

export interface RuntimeInProcess extends BotHarness {
  /** The runtime's log records so far (pino JSON, one per line; LOG_LEVEL from `env`, default info). */
  readonly logLines: string[]
  /** Resolves with the first (past or future) log line matching. */
  waitForLog(match: string | RegExp, options?: { timeout?: number }): Promise<string>
  /** Stops the runtime and starts a new one (new services, connections and bot): nothing in memory survives. */
  restartBot(): Promise<void>
  /** A child process of the same deployment (e.g. a worker a test kills), started; stopped after the file. */
  spawn(role: 'bot' | 'worker' | 'all', env?: Record<string, string>): Promise<BotProcess>
  close(): Promise<void>
}

/**
 * Starts the runtime in this process with a database and Redis prefix of the test file's own. Use in beforeAll;
 * call close() in afterAll. `limits` replaces Telegram's pacing windows for the workers (`role: 'all'`).
 */
export async function startRuntimeInProcess(
  options: { role?: 'bot' | 'all'; env?: Record<string, string>; limits?: DeliveryLimits } = {},
): Promise<RuntimeInProcess> {
  const tg = await FakeTelegram.start({ token: TEST_BOT_TOKEN })
  const app = await createTestApp(options.env)
  const config = loadConfig(app.env({ ...tg.env, ROLE: options.role ?? 'bot', ...options.env }))
  const logLines: string[] = []
  const listeners = new Set<(line: string) => void>()
  const echo = Boolean(process.env.DEBUG_BOT)
  const log = createLogger({
    level: config.LOG_LEVEL,
    destination: {
      write(chunk: string) {
        for (const line of chunk.split('\n')) {
          if (line === '') continue
          logLines.push(line)
          if (echo) process.stderr.write(`[runtime] ${line}\n`)
          for (const listener of listeners) listener(line)
        }
      },
    },
  })
  const start = () =>
    startRuntime(
      config,
      log,
      { onPollingEnd: (reason) => log.warn({ reason }, 'long polling ended') },
      { httpHost: '127.0.0.1', deliveryLimits: options.limits },
    )
  let runtime: Runtime | undefined
  try {
    runtime = await start()
  } catch (error) {
    await tg.stop()
    await app.close()
    throw error
  }
  const children: BotProcess[] = []

  return {
    tg,
    app,
    logLines,
    waitForLog(match, { timeout = 10_000 } = {}) {
      const test = (line: string) => (typeof match === 'string' ? line.includes(match) : match.test(line))
      const existing = logLines.find(test)
      if (existing !== undefined) return Promise.resolve(existing)
      const failure = new Error(`no log line matched ${String(match)} within ${timeout} ms`)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(onLine)
          reject(failure)
        }, timeout)
        const onLine = (line: string) => {
          if (!test(line)) return
          clearTimeout(timer)
          listeners.delete(onLine)
          resolve(line)
        }
        listeners.add(onLine)
      })
    },
    async spawn(role, env = {}) {
      const child = spawnBot('src/main.ts', app.env({ ...tg.env, ROLE: role, ...options.env, ...env }))
      children.push(child)
      await child.waitForLine(/grid-12315-bot started/, { timeout: 30_000 })
      return child
    },
    async restartBot() {
      const stopping = runtime
      runtime = undefined
      await stopping?.stop()
      runtime = await start()
    },
    async close() {
      await Promise.all(children.map((child) => (child.exited ? undefined : child.stop())))
      await runtime?.stop()
      runtime = undefined
      await tg.stop()
      await app.close()
    },
  }
}
