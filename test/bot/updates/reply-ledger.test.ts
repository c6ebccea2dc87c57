import { Bot } from 'grammy'
import type { Update } from 'grammy/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createReplyLedger } from '../../../src/bot/updates/reply-ledger.ts'
import { createUpdateJournal } from '../../../src/bot/updates/update-journal.ts'
import { createLogger } from '../../../src/logging/logger.ts'
import { createRedis, type Redis } from '../../../src/redis.ts'
import { BOT_INFO } from '../../support/in-process-bot.ts'
import { flushRedisPrefix, TEST_REDIS_URL, uniqueRedisPrefix } from '../../support/redis.ts'

let redis: Redis
const prefixes: string[] = []
const log = createLogger({ level: 'silent' })
beforeAll(() => {
  redis = createRedis(TEST_REDIS_URL, { name: 'reply-ledger-test' })
})
afterAll(async () => {
  for (const prefix of prefixes) await flushRedisPrefix(prefix)
  redis.disconnect()
})

const CHAT = 42
const startCommand = (id: number): Update => ({
  update_id: id,
  message: {
    message_id: id,
    date: 0,
    chat: { id: CHAT, type: 'private', first_name: 'Lin' },
    from: { id: CHAT, is_bot: false, first_name: 'Lin' },
    text: '/start',
    entities: [{ type: 'bot_command', offset: 0, length: 6 }],
  },
})

/**
 * A bot answering /start with two messages, whose process "dies" (the handler throws) after the first `dieAfter`
 * messages; `sent` is what reached the chat. Each call is a new process: a new bot and ledger on the same Redis.
 */
function botProcess(prefix: string, sent: string[], dieAfter = Number.POSITIVE_INFINITY) {
  const bot = new Bot('1:test', { botInfo: BOT_INFO })
  bot.api.config.use(async (_prev, _method, payload) => {
    const text = (payload as { text?: string }).text ?? ''
    sent.push(text)
    return {
      ok: true,
      result: { message_id: sent.length, date: 0, chat: { id: CHAT, type: 'private' }, text } as never,
    }
  })
  const replies = createReplyLedger({ redis, prefix, log })
  bot.api.config.use(replies.transformer)
  const messageIds: number[] = []
  bot.command('start', async (ctx) => {
    messageIds.push((await ctx.reply('欢迎')).message_id)
    if (sent.length >= dieAfter) throw new Error('killed')
    messageIds.push((await ctx.reply('请选择')).message_id)
  })
  const journal = createUpdateJournal({ redis, prefix, log })
  const handle = async (update: Update, replay: boolean) => {
    await replies.handling(update.update_id, replay, () => bot.handleUpdate(update)).catch(() => undefined)
  }
  return { handle, journal, messageIds }
}

function freshPrefix(): string {
  const prefix = uniqueRedisPrefix('replies')
  prefixes.push(prefix)
  return prefix
}

describe('an update handled again after its process died', () => {
  it('does not repeat the messages it had sent, and sends the ones it had not', async () => {
    const prefix = freshPrefix()
    const sent: string[] = []
    const dying = botProcess(prefix, sent, 1)
    await dying.handle(startCommand(1), false)
    expect(sent).toEqual(['欢迎'])

    const successor = botProcess(prefix, sent)
    await successor.handle(startCommand(1), true)
    expect(sent).toEqual(['欢迎', '请选择'])
    // The message not sent again keeps its id, so an edit of it later edits the message the person has.
    expect(successor.messageIds).toEqual([1, 2])
  })

  it('forgets the record when the update is marked handled', async () => {
    const prefix = freshPrefix()
    const sent: string[] = []
    const process = botProcess(prefix, sent)
    await process.handle(startCommand(7), false)
    expect(await redis.exists(`${prefix}:updates:replies:7`)).toBe(1)
    await process.journal.finish(7)
    expect(await redis.exists(`${prefix}:updates:replies:7`)).toBe(0)
  })

  it('answers everything again when it is a first handling, not a replay', async () => {
    const prefix = freshPrefix()
    const sent: string[] = []
    await botProcess(prefix, sent).handle(startCommand(3), false)
    await botProcess(prefix, sent).handle(startCommand(4), false)
    expect(sent).toEqual(['欢迎', '请选择', '欢迎', '请选择'])
  })
})
