import { FakeTelegram } from '../../src/simulator/bot-api/fake-telegram.ts'
import { createTestApp, TEST_BOT_TOKEN, type TestApp } from './app.ts'
import { type BotProcess, spawnBot } from './spawn-bot.ts'

/** What scenario helpers need of a running bot, whether a child process or in this process (runtime-in-process.ts). */
export interface BotHarness {
  tg: FakeTelegram
  /** In-process services over the same database and Redis prefix as the bot. */
  app: TestApp
}

export interface BotUnderTest extends BotHarness {
  /** The bot (ROLE=bot unless told otherwise) running as a child process against the fake Bot API. */
  bot: BotProcess
  /** Starts another process (a worker, a second bot) of the same deployment. */
  spawn(role: 'bot' | 'worker' | 'all', env?: Record<string, string>): Promise<BotProcess>
  /** Stops the bot process and starts it again, e.g. to prove that nothing is lost by a restart. */
  restartBot(): Promise<void>
  close(): Promise<void>
}

const STARTED = /grid-12315-bot started/

/**
 * The real bot as a child process (`src/main.ts`) against the fake Bot API, with a database and Redis prefix
 * of this test file's own. Use in beforeAll; call close() in afterAll.
 */
export async function startBotUnderTest(
  options: { role?: 'bot' | 'all'; env?: Record<string, string> } = {},
): Promise<BotUnderTest> {
  const tg = await FakeTelegram.start({ token: TEST_BOT_TOKEN })
  const app = await createTestApp(options.env)
  const processes: BotProcess[] = []
  const spawn = async (role: 'bot' | 'worker' | 'all', env: Record<string, string> = {}) => {
    const child = spawnBot('src/main.ts', app.env({ ...tg.env, ROLE: role, ...options.env, ...env }))
    processes.push(child)
    await child.waitForLine(STARTED, { timeout: 30_000 })
    return child
  }
  const harness: BotUnderTest = {
    tg,
    app,
    bot: await spawn(options.role ?? 'bot'),
    spawn,
    async restartBot() {
      await harness.bot.stop()
      harness.bot = await spawn(options.role ?? 'bot')
    },
    async close() {
      await Promise.all(processes.map((child) => (child.exited ? undefined : child.stop())))
      await tg.stop()
      await app.close()
    },
  }
  return harness
}
