// The second baseline: the same complaint form as most grammY users would write it, one conversation function with
// @grammyjs/conversations, its state in Redis through @grammyjs/storage-redis.
import { type Conversation, type ConversationFlavor, conversations, createConversation } from '@grammyjs/conversations'
import { RedisAdapter } from '@grammyjs/storage-redis'
import { Bot, type Context, InlineKeyboard } from 'grammy'
import type { Redis } from 'ioredis'
import { BENCH_BOT, type LocalBotApi } from './local-bot-api.ts'

type FormContext = ConversationFlavor<Context>

/** The questions of the complaint form in the order the bench consumer answers them, after /start and its menu. */
const QUESTIONS = [
  '商家名称？',
  '区县？',
  '街道？',
  '社区？',
  '网格？',
  '地址？',
  '类别？',
  '小类？',
  '细类？',
  '生活消费？',
  '日期？',
  '金额？',
  '事实与理由？',
  '诉求？',
  '诉求完成？',
  '证据？',
  '证据完成？',
  '姓名？',
  '电话？',
  '通讯地址？',
  '证件类型？',
  '证件号码？',
  '请核对后提交',
] as const

/** One question with a button (the bench consumer presses it on the steps that ask for a button). */
async function ask(ctx: Context, step: number): Promise<void> {
  await ctx.reply(QUESTIONS[step]!, {
    reply_markup: new InlineKeyboard().text('下一步', `c:${step}`).text('取消', 'c:x'),
  })
}

/** The form: each answer awaited in turn, checked as a typical bot checks it, collected, then "filed". */
async function complaintForm(conversation: Conversation<FormContext, Context>, ctx: Context): Promise<void> {
  const answers: string[] = []
  for (let step = 0; step < QUESTIONS.length; step++) {
    await ask(ctx, step)
    const answer = await conversation.wait()
    if (answer.callbackQuery) await answer.answerCallbackQuery()
    const value = answer.callbackQuery?.data ?? answer.message?.text ?? answer.message?.photo?.at(-1)?.file_id
    if (value === undefined) {
      await answer.reply('请按提示回答')
      step--
      continue
    }
    answers.push(value)
  }
  await ctx.reply(`已提交：${answers.length} 项`)
}

/** A bot whose /start shows a menu whose button enters the complaint conversation. */
export async function createConversationsBot(
  redis: Redis,
  prefix: string,
  api: LocalBotApi,
): Promise<Bot<FormContext>> {
  const bot = new Bot<FormContext>('1:conversations-token-xxxxxxxxxxxxxxx', { botInfo: BENCH_BOT })
  bot.api.config.use(api.transformer)
  bot.use(
    conversations({
      storage: {
        type: 'key',
        version: 1,
        prefix: `${prefix}:conv:`,
        adapter: new RedisAdapter({ instance: redis, ttl: 7 * 24 * 3600 }),
      },
    }),
  )
  // A conversation builds its own contexts: API transformers reach them as a conversation plugin.
  bot.use(
    createConversation(complaintForm, {
      id: 'complaint',
      plugins: [
        async (ctx, next) => {
          ctx.api.config.use(api.transformer)
          await next()
        },
      ],
    }),
  )
  bot.command('start', (ctx) => ctx.reply('请选择', { reply_markup: new InlineKeyboard().text('投诉', 'c:menu') }))
  bot.callbackQuery('c:menu', async (ctx) => {
    await ctx.answerCallbackQuery()
    await ctx.conversation.enter('complaint')
  })
  await bot.init()
  return bot
}
