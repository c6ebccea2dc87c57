import { Composer } from 'grammy'
import { answerCallbackOnce } from '../answer-callback.ts'
import { commandOf, unknownCommandText } from '../commands.ts'
import type { BotContext } from '../context.ts'

/** Registered last: whatever no feature took gets a hint instead of silence. */
export const unhandledFeature = new Composer<BotContext>()

unhandledFeature.on('callback_query:data', async (ctx) => {
  await answerCallbackOnce(ctx, ctx.t('unhandled.staleButton'), true)
})

unhandledFeature.chatType('private').on('message', async (ctx) => {
  const command = commandOf(ctx.message.text)
  await ctx.reply(command ? unknownCommandText(ctx.t, command) : ctx.t('unhandled.message'))
})
