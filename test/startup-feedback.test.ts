import { createServer, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeTelegram } from '../src/simulator/bot-api/fake-telegram.ts'
import { createTestApp, type TestApp } from './support/app.ts'
import { spawnBot } from './support/spawn-bot.ts'

let tg: FakeTelegram
let app: TestApp
beforeAll(async () => {
  tg = await FakeTelegram.start()
  app = await createTestApp()
})
afterAll(async () => {
  await tg.stop()
  await app.close()
})

/** A port that nothing listens on: bound, noted, closed. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

async function startAndFail(
  env: Record<string, string>,
): Promise<{ code: number | null; lastLine: string; ms: number }> {
  const started = Date.now()
  const child = spawnBot('src/main.ts', app.env({ ROLE: 'all', ...env }))
  const exit = await child.waitForExit({ timeout: 30_000 })
  return { code: exit.code, lastLine: child.stderr.filter((l) => l.trim()).at(-1) ?? '', ms: Date.now() - started }
}

describe('start-up feedback', () => {
  it('logs each step before it connects', async () => {
    const child = spawnBot('src/main.ts', app.env({ ...tg.env, ROLE: 'all' }))
    await child.waitForLine(/grid-12315-bot started/, { timeout: 30_000 })
    // 'database: reachable' or 'database: not reachable yet' (a busy machine may take over 2 s): either is feedback.
    const steps = [
      'config loaded',
      'http: /healthz listening',
      '"msg":"database: ',
      '"msg":"redis: ',
      'connecting to Telegram',
    ]
    const positions = steps.map((step) => child.stdout.findIndex((line) => line.includes(step)))
    expect(positions, child.output()).not.toContain(-1)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    await child.stop()
  })

  it('ends with one line naming the host when the token is rejected', async () => {
    const result = await startAndFail({
      TELEGRAM_API_ROOT: tg.apiRoot,
      BOT_TOKEN: '42:WRONG-token_for_the_simulator_000',
    })
    expect(result.code).toBe(1)
    expect(result.lastLine).toMatch(/rejected BOT_TOKEN.*check BOT_TOKEN/)
    expect(result.lastLine).toContain(new URL(tg.apiRoot).host)
    expect(result.ms).toBeLessThan(30_000)
  })

  it('ends at once with one line naming the host when nothing listens where the Bot API should be', async () => {
    const root = `http://127.0.0.1:${await closedPort()}`
    const result = await startAndFail({ TELEGRAM_API_ROOT: root })
    expect(result.code).toBe(1)
    expect(result.lastLine).toMatch(/cannot reach the Bot API at 127\.0\.0\.1:\d+ \(ECONNREFUSED\).*check the network/)
    expect(result.ms).toBeLessThan(30_000)
  })

  it('ends with one line naming the host when the Bot API takes the connection and never answers', async () => {
    // Accepts and says nothing, as a proxy or firewall that swallows the request.
    const sockets = new Set<Socket>()
    const silent = createServer((socket) => sockets.add(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = silent.address() as { port: number }
      const result = await startAndFail({ TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` })
      expect(result.code).toBe(1)
      expect(result.lastLine).toMatch(/Bot API at 127\.0\.0\.1:\d+ did not answer getMe within 10 s.*check the network/)
      expect(result.ms).toBeLessThan(30_000)
    } finally {
      for (const socket of sockets) socket.destroy()
      silent.close()
    }
  })
})
