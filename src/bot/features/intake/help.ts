// /help and the menu's help button.
import { Composer, InlineKeyboard } from 'grammy'
import { menuData } from '../../../telegram/callback-data/menu.ts'
import type { BotContext } from '../../context.ts'
import { HTML } from './form-context.ts'

async function showHelp(ctx: BotContext): Promise<void> {
  await ctx.reply(ctx.t('intake:help.text'), {
    ...HTML,
    reply_markup: new InlineKeyboard().text(ctx.t('intake:help.menu'), menuData.menu),
  })
}

/** What the bot does and how to use it. */
export function help(): Composer<BotContext> {
  const composer = new Composer<BotContext>()
  const chats = composer.chatType('private')
  chats.command('help', showHelp)
  chats.callbackQuery(menuData.help, showHelp)
  return composer
}
