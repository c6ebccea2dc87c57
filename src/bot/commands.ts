import type { Api } from 'grammy'
import type { BotCommand, BotCommandScope, LanguageCode } from 'grammy/types'
import { type Locale, SUPPORTED_LOCALES } from '../i18n/locales.ts'
import { createTranslator, type TFunction } from '../i18n/translator.ts'
import type { Logger } from '../logging/logger.ts'

/** Commands shown in private chats with the bot. */
export const PRIVATE_COMMANDS = [
  'start',
  'my',
  'subscribe',
  'subscriptions',
  'warnings',
  'warn',
  'language',
  'help',
  'cancel',
  'whoami',
] as const
/** Commands shown in groups (station ticket chats). */
export const GROUP_COMMANDS = [
  'bind',
  'unbind',
  'whoami',
  'stats',
  'summary',
  'export',
  'due',
  'pause',
  'resume',
] as const

type CommandName = (typeof PRIVATE_COMMANDS)[number] | (typeof GROUP_COMMANDS)[number]

const SCOPES: ReadonlyArray<{ scope: BotCommandScope; commands: readonly CommandName[] }> = [
  { scope: { type: 'all_private_chats' }, commands: PRIVATE_COMMANDS },
  { scope: { type: 'all_group_chats' }, commands: GROUP_COMMANDS },
]

/** Telegram matches command lists on two-letter ISO 639-1 codes. */
const LANGUAGE_CODES: Record<Locale, LanguageCode> = { 'zh-CN': 'zh', en: 'en' }

/** The command list of one scope in one language, descriptions from locales/<lng>/access.json. */
export function commandList(commands: readonly CommandName[], t: TFunction): BotCommand[] {
  return commands.map((command) => ({ command, description: t(`access:commands.${command}`) }))
}

/** "No such command", with the commands of a private chat and what each does. */
export function unknownCommandText(t: TFunction, command: string): string {
  const commands = commandList(PRIVATE_COMMANDS, t).map(({ command: name, description }) => `/${name} — ${description}`)
  return [t('unhandled.command', { command }), ...commands].join('\n')
}

/** The command a message starts with (`/foo`, `/foo@bot`), if it does. */
export function commandOf(text: string | undefined): string | undefined {
  return text === undefined ? undefined : /^\/\S+/.exec(text)?.[0]
}

/**
 * Registers the command menus per scope and language: the deployment's default locale for everyone without a
 * more specific list, plus one list per supported language. A failure is logged, not fatal: the menu is a
 * convenience and every command works without it.
 */
export async function registerCommands(api: Api, options: { defaultLocale: Locale; log: Logger }): Promise<void> {
  const translator = await createTranslator(options.defaultLocale)
  const calls = SCOPES.flatMap(({ scope, commands }) => [
    { scope, commands: commandList(commands, translator.forLocale(options.defaultLocale)) },
    ...SUPPORTED_LOCALES.map((locale) => ({
      scope,
      language_code: LANGUAGE_CODES[locale],
      commands: commandList(commands, translator.forLocale(locale)),
    })),
  ])
  for (const { commands, ...other } of calls) {
    await api
      .setMyCommands(commands, other)
      .catch((error: unknown) =>
        options.log.warn({ err: error, scope: other.scope.type }, 'could not register bot commands'),
      )
  }
}
