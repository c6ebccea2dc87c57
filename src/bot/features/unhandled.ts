import { Composer } from 'grammy'
import type { BotContext } from '../context.ts'

/** Registered last: whatever no feature took gets a hint instead of silence. */
export const unhandledFeature = new Composer<BotContext>()

unhandledFeature.on('callback_query:data', async (ctx) => {
  await ctx.answerCallbackQuery({ text: ctx.t('unhandled.staleButton'), show_alert: true })
})

unhandledFeature.chatType('private').on('message', async (ctx) => {
  await ctx.reply(ctx.t('unhandled.message'))
})
