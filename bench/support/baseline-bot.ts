// The baseline: a bare grammY bot with Redis sessions that answers every update with one message.
import { Bot, type Context, InlineKeyboard, type SessionFlavor, type StorageAdapter, session } from 'grammy'
import type { Redis } from 'ioredis'
import { BENCH_BOT, type LocalBotApi } from './local-bot-api.ts'

interface BaselineSession {
  step: number
  answers: string[]
}

type BaselineContext = Context & SessionFlavor<BaselineSession>

/** grammY's StorageAdapter over ioredis (what @grammyjs/storage-redis does), with a TTL. */
export function redisSessionStorage<T>(redis: Redis, prefix: string, ttlSeconds = 7 * 24 * 3600): StorageAdapter<T> {
  return {
    async read(key) {
      const raw = await redis.get(`${prefix}:${key}`)
      return raw === null ? undefined : (JSON.parse(raw) as T)
    },
    async write(key, value) {
      await redis.set(`${prefix}:${key}`, JSON.stringify(value), 'EX', ttlSeconds)
    },
    async delete(key) {
      await redis.del(`${prefix}:${key}`)
    },
  }
}

/** A bot that counts the steps of each chat in a Redis session and replies with a question and a button. */
export async function createBaselineBot(redis: Redis, prefix: string, api: LocalBotApi): Promise<Bot<BaselineContext>> {
  const bot = new Bot<BaselineContext>('1:baseline-token-xxxxxxxxxxxxxxxxxxxx', { botInfo: BENCH_BOT })
  bot.api.config.use(api.transformer)
  bot.use(
    session({
      initial: (): BaselineSession => ({ step: 0, answers: [] }),
      storage: redisSessionStorage<BaselineSession>(redis, `${prefix}:session`),
    }),
  )
  bot.on('callback_query:data', async (ctx) => {
    ctx.session.step++
    ctx.session.answers.push(ctx.callbackQuery.data)
    await ctx.answerCallbackQuery()
    await ctx.reply(`Question ${ctx.session.step}`, {
      reply_markup: new InlineKeyboard().text('Next', `b:${ctx.session.step}`),
    })
  })
  bot.on('message', async (ctx) => {
    ctx.session.step++
    ctx.session.answers.push(ctx.message.text ?? 'file')
    await ctx.reply(`Question ${ctx.session.step}`, {
      reply_markup: new InlineKeyboard().text('Next', `b:${ctx.session.step}`),
    })
  })
  await bot.init()
  return bot
}
