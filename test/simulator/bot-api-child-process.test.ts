import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeTelegram, generateBytes, MAX_DOWNLOAD_BYTES, sha256 } from '../../src/simulator/bot-api/index.ts'
import type { BotProcess } from '../support/spawn-bot.ts'
import { spawnBot } from '../support/spawn-bot.ts'

const MINIMAL_BOT = fileURLToPath(new URL('../support/fixtures/minimal-bot.ts', import.meta.url))

describe('minimal bot as a child process', () => {
  let tg: FakeTelegram
  let bot: BotProcess

  beforeAll(async () => {
    tg = await FakeTelegram.start()
    bot = spawnBot(MINIMAL_BOT, tg.env)
    await bot.waitForLine('bot started', { timeout: 20_000 })
  })
  afterAll(async () => {
    await bot?.stop()
    await tg?.stop()
  })

  it('answers /start', async () => {
    const alice = tg.user({ firstName: 'Alice', languageCode: 'en' })
    const sent = await alice.send('/start')
    expect(sent.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }])
    const reply = await alice.nextMessage()
    expect(reply.text).toBe('hello Alice')
    expect(reply.chat.id).toBe(alice.id)
    expect(tg.calls('getMe')).toHaveLength(1)
    expect(tg.calls('deleteWebhook')).toHaveLength(1)
  })

  it('round-trips a file through getFile and the download URL', async () => {
    const bob = tg.user({ firstName: 'Bob' })
    const bytes = generateBytes(1_500_000, 42)
    await bob.sendDocument({ fileName: 'receipt.pdf', mimeType: 'application/pdf', bytes })
    const reply = await bob.nextMessage()
    expect(reply.text).toBe(`received ${bytes.length} bytes sha256 ${sha256(bytes)}`)
    const getFile = await tg.waitForCall('getFile')
    expect(getFile.result).toMatchObject({
      file_size: bytes.length,
      file_path: expect.stringMatching(/^documents\/.+\.pdf$/),
    })
  })

  it('refuses getFile for a 25 MB file like Telegram', async () => {
    const carol = tg.user({ firstName: 'Carol' })
    await carol.sendDocument({ fileName: 'video.mp4', mimeType: 'video/mp4', size: 25 * 1024 * 1024 })
    expect((await carol.nextMessage()).text).toBe('getFile failed: Bad Request: file is too big')
    const call = tg.calls('getFile').at(-1)
    expect(call?.error).toEqual({ error_code: 400, description: 'Bad Request: file is too big' })
    expect(25 * 1024 * 1024).toBeGreaterThan(MAX_DOWNLOAD_BYTES)
  })

  it('becomes idle once every update is handled', async () => {
    const dan = tg.user({ firstName: 'Dan' })
    await dan.send('/start')
    await dan.send('/start')
    await tg.idle()
    expect(tg.pendingUpdates()).toEqual([])
    expect(dan.messages().map((m) => m.text)).toEqual(['hello Dan', 'hello Dan'])
  })
})

describe('shutdown', () => {
  it('exits 0 within 10 s on SIGTERM during long polling', async () => {
    const tg = await FakeTelegram.start()
    try {
      const bot = spawnBot(MINIMAL_BOT, tg.env)
      await bot.waitForLine('bot started', { timeout: 20_000 })
      // Make sure a long poll is actually being held.
      const poll = await tg.waitForCall('getUpdates', { inFlight: true, where: (c) => c.outcome === 'pending' })
      expect(poll.params).toMatchObject({ timeout: 30 })
      const started = Date.now()
      bot.kill('SIGTERM')
      const exit = await bot.waitForExit({ timeout: 10_000 })
      expect(exit).toEqual({ code: 0, signal: null })
      expect(Date.now() - started).toBeLessThan(10_000)
      // The held poll ends either by the abort or by the 409 that the final offset-confirming poll causes.
      expect(poll.outcome).not.toBe('pending')
      expect(bot.stdout).toContain('bot stopped')
      // bot.stop() confirmed the offset with a final getUpdates(limit: 1).
      expect(tg.calls('getUpdates').at(-1)?.params).toMatchObject({ limit: 1 })
    } finally {
      await tg.stop()
    }
  })
})
