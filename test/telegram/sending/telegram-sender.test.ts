import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Api } from 'grammy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeTelegram, Faults } from '../../../src/simulator/bot-api/index.ts'
import { outcomeUnknown } from '../../../src/telegram/sending/telegram-sender.ts'
import { TEST_BOT_TOKEN } from '../../support/app.ts'

let tg: FakeTelegram
beforeAll(async () => {
  tg = await FakeTelegram.start({ token: TEST_BOT_TOKEN })
})
afterAll(async () => {
  await tg.stop()
})

/** The error a sendMessage through `apiRoot` ends in. */
async function failureOf(apiRoot: string, chatId = 1): Promise<unknown> {
  return new Api(TEST_BOT_TOKEN, { apiRoot, timeoutSeconds: 5 }).sendMessage(chatId, 'x').then(
    () => undefined,
    (error: unknown) => error,
  )
}

async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('telling a send that may have arrived from one that cannot have', () => {
  it('counts a connection dropped after the request left as uncertain: Telegram may have posted the message', async () => {
    const user = tg.user({ startedBot: true })
    tg.failNext('sendMessage', Faults.dropConnection({ afterProcessing: true }), { chatId: user.id })
    const error = await failureOf(tg.apiRoot, user.id)
    expect(user.messages()).toHaveLength(1)
    expect(outcomeUnknown(error)).toBe(true)
  })

  it('treats a refused connection and an unknown host as certain: the request never reached the server', async () => {
    expect(outcomeUnknown(await failureOf(`http://127.0.0.1:${await closedPort()}`))).toBe(false)
    expect(outcomeUnknown(await failureOf('http://no-such-host.invalid'))).toBe(false)
  })

  it("treats Telegram's error answers and a gateway's error page as certain", async () => {
    const user = tg.user({ startedBot: true })
    tg.failNext('sendMessage', Faults.serverError(500), { chatId: user.id })
    tg.failNext('sendMessage', Faults.serverError(502), { chatId: user.id })
    expect(outcomeUnknown(await failureOf(tg.apiRoot, user.id))).toBe(false)
    expect(outcomeUnknown(await failureOf(tg.apiRoot, user.id))).toBe(false)
    expect(user.messages()).toHaveLength(0)
  })
})
