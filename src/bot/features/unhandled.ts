import { Composer } from 'grammy'
import type { Services } from '../../services/services.ts'
import { answerCallbackOnce } from '../answer-callback.ts'
import { commandOf, unknownCommandText } from '../commands.ts'
import type { BotContext } from '../context.ts'
import { offerToPassOn } from './tickets/relay.ts'

/**
 * Registered last: whatever no feature took gets a hint instead of silence. A consumer's message with complaints
 * being handled is offered to be passed on to one of their stations (the relay otherwise needs a reply).
 */
export function unhandledFeature(services: Services): Composer<BotContext> {
  const feature = new Composer<BotContext>()
  feature.on('callback_query:data', async (ctx) => {
    await answerCallbackOnce(ctx, ctx.t('unhandled.staleButton'), true)
  })
  feature.chatType('private').on('message', async (ctx) => {
    const command = commandOf(ctx.message.text)
    if (command) {
      await ctx.reply(unknownCommandText(ctx.t, command))
      return
    }
    if (await offerToPassOn(ctx, services)) return
    await ctx.reply(ctx.t('unhandled.message'))
  })
  return feature
}
