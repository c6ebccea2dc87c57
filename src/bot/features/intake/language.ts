// Choosing the language: /language, the menu's language button, and `lang:` buttons.
import { Composer, InlineKeyboard } from 'grammy'
import { type Locale, SUPPORTED_LOCALES, supportedLocale } from '../../../i18n/locales.ts'
import type { TFunction } from '../../../i18n/translator.ts'
import { languageCallback, languageData, menuData } from '../../../telegram/callback-data/menu.ts'
import type { BotContext } from '../../context.ts'
import { activeForm, answerQuietly } from './form-actions.ts'
import { HTML, type IntakeDeps } from './form-context.ts'
import { menuKeyboard } from './menu-keyboard.ts'
import { askStep } from './prompts.ts'

async function showLanguages(ctx: BotContext): Promise<void> {
  const keyboard = new InlineKeyboard()
  for (const locale of SUPPORTED_LOCALES) keyboard.text(ctx.t(`intake:language.name.${locale}`), languageData(locale))
  await ctx.reply(ctx.t('intake:language.choose'), { ...HTML, reply_markup: keyboard })
}

/** Speaks `locale` for the rest of this update (the stored choice applies from the next one). */
function switchLocale(ctx: BotContext, locale: Locale): void {
  const original = ctx.t
  ctx.locale = locale
  ctx.t = ((key: string, options?: Record<string, unknown>) => original(key, { ...options, lng: locale })) as TFunction
}

/** /language and the language buttons. */
export function languageChoice(deps: IntakeDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>()
  const chats = composer.chatType('private')
  chats.command('language', showLanguages)
  chats.callbackQuery(menuData.language, showLanguages)
  chats.callbackQuery(/^lang:(.+)$/, async (ctx) => {
    const locale = supportedLocale(languageCallback.decode(ctx.callbackQuery.data)?.locale)
    if (!locale || !ctx.person) return answerQuietly(ctx, ctx.t('unhandled.staleButton'), true)
    await deps.services.people.setLocale(ctx.person.id, locale)
    switchLocale(ctx, locale)
    await answerQuietly(ctx, ctx.t('intake:language.changed'))
    const loaded = await activeForm(ctx, deps)
    if (loaded.status === 'reported') return
    await ctx.editMessageText(ctx.t('intake:language.changed'), HTML).catch(() => undefined)
    // An open form continues in the new language; otherwise the menu is shown in it.
    if (loaded.status === 'active') return askStep(ctx, deps, loaded.form)
    await ctx.reply(ctx.t('intake:menu.choose'), { ...HTML, reply_markup: menuKeyboard(ctx, undefined) })
  })
  return composer
}
