import { createServer, type Server, type Socket } from 'node:net'
import { Bot } from 'grammy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectToTelegram, TelegramStartupError } from '../../src/bot/connect-telegram.ts'
import type { BotContext } from '../../src/bot/context.ts'
import { FakeTelegram, Faults } from '../../src/simulator/bot-api/index.ts'
import { TEST_BOT_TOKEN } from '../support/app.ts'

let tg: FakeTelegram
beforeAll(async () => {
  tg = await FakeTelegram.start({ token: TEST_BOT_TOKEN })
})
afterAll(async () => {
  await tg.stop()
})

const botAt = (apiRoot: string, token = TEST_BOT_TOKEN) => new Bot<BotContext>(token, { client: { apiRoot } })

/** The one line start-up ends with, or undefined when it connected. */
async function startupLine(apiRoot: string, options: { token?: string; timeoutMs?: number } = {}) {
  const bot = botAt(apiRoot, options.token)
  try {
    await connectToTelegram(bot, apiRoot, options.timeoutMs)
    return { bot, line: undefined }
  } catch (error) {
    expect(error).toBeInstanceOf(TelegramStartupError)
    return { bot, line: (error as Error).message }
  }
}

async function listening(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as { port: number }).port
}

describe('connecting to Telegram at start-up', () => {
  it('learns who the bot is', async () => {
    const { bot, line } = await startupLine(tg.apiRoot)
    expect(line).toBeUndefined()
    expect(bot.botInfo.username).toBe(tg.botInfo.username)
  })

  it('waits out a Bot API that answers 5xx once, as Telegram sometimes does', async () => {
    tg.failNext('getMe', Faults.serverError(502))
    const { bot, line } = await startupLine(tg.apiRoot)
    expect(line).toBeUndefined()
    expect(bot.botInfo.id).toBe(tg.botInfo.id)
    expect(tg.pendingFaults()).toEqual([])
  })

  it('names the host and BOT_TOKEN when the token is rejected', async () => {
    const { line } = await startupLine(tg.apiRoot, { token: '42:WRONG-token_for_the_simulator_000' })
    const host = new URL(tg.apiRoot).host
    expect(line).toBe(
      `the Bot API at ${host} rejected BOT_TOKEN (401 Unauthorized): check BOT_TOKEN (from @BotFather, or the simulator's token) and TELEGRAM_API_ROOT`,
    )
  })

  it('names what getMe was refused with when it is not about the token', async () => {
    tg.failNext('getMe', Faults.apiError(400, 'Bad Request: bot is being set up'), { times: 2 })
    const { line } = await startupLine(tg.apiRoot)
    expect(line).toBe(
      `the Bot API at ${new URL(tg.apiRoot).host} refused getMe (400 Bad Request: bot is being set up): check BOT_TOKEN and TELEGRAM_API_ROOT`,
    )
  })

  it('fails at once, naming the cause, when nothing listens there or the host does not exist', async () => {
    const closed = createServer()
    const port = await listening(closed)
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const started = Date.now()
    const refused = await startupLine(`http://127.0.0.1:${port}`)
    expect(refused.line).toMatch(new RegExp(`^cannot reach the Bot API at 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`))
    const unknown = await startupLine('http://no-such-host.invalid')
    expect(unknown.line).toMatch(/^cannot reach the Bot API at no-such-host\.invalid \((ENOTFOUND|EAI_AGAIN)\)/)
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it('gives up with the time it waited when the Bot API takes the connection and never answers', async () => {
    const sockets = new Set<Socket>()
    const silent = createServer((socket) => sockets.add(socket))
    const port = await listening(silent)
    try {
      const { line } = await startupLine(`http://127.0.0.1:${port}`, { timeoutMs: 500 })
      expect(line).toBe(
        `the Bot API at 127.0.0.1:${port} did not answer getMe within 0.5 s: check the network, a proxy or firewall, and TELEGRAM_API_ROOT`,
      )
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => silent.close(() => resolve()))
    }
  })
})
