import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import i18next, { type i18n, type TFunction } from 'i18next'
import { type Locale, SUPPORTED_LOCALES } from './locales.ts'
import { remembering } from './remembered-texts.ts'

export type { TFunction }

const LOCALES_DIR = fileURLToPath(new URL('../../locales', import.meta.url))

/** Every locales/<lng>/<namespace>.json, read once at start-up. */
function loadResources(dir: string) {
  return Object.fromEntries(
    SUPPORTED_LOCALES.map((locale) => {
      const files = readdirSync(join(dir, locale)).filter((file) => file.endsWith('.json'))
      const namespaces = files.map((file) => [
        file.replace(/\.json$/, ''),
        JSON.parse(readFileSync(join(dir, locale, file), 'utf8')),
      ])
      return [locale, Object.fromEntries(namespaces)]
    }),
  )
}

export interface Translator {
  /** The translation function for one locale; keys are `namespace:key.path`. */
  forLocale(locale: Locale): TFunction
  /** The locale to use for a Telegram language_code, falling back to the default. */
  pickLocale(languageCode: string | undefined | null): Locale
  readonly defaultLocale: Locale
}

/** Loads every locale file and returns a translator; missing keys fall back to zh-CN. */
export async function createTranslator(defaultLocale: Locale, dir = LOCALES_DIR): Promise<Translator> {
  const instance = await createI18n(defaultLocale, dir)
  // One remembering function per locale, shared by the bot and the workers (see remembered-texts.ts).
  const fixed = new Map(SUPPORTED_LOCALES.map((locale) => [locale, remembering(instance.getFixedT(locale))]))
  const fallback = fixed.get(defaultLocale)
  if (!fallback) throw new Error(`default locale ${defaultLocale} is not one of ${SUPPORTED_LOCALES.join(', ')}`)
  return {
    defaultLocale,
    forLocale: (locale) => fixed.get(locale) ?? fallback,
    pickLocale: (languageCode) => matchLocale(languageCode) ?? defaultLocale,
  }
}

/** The i18next instance behind a translator, every locale file loaded. */
export async function createI18n(defaultLocale: Locale, dir = LOCALES_DIR): Promise<i18n> {
  const instance: i18n = i18next.createInstance()
  await instance.init({
    resources: loadResources(dir),
    lng: defaultLocale,
    fallbackLng: 'zh-CN',
    supportedLngs: [...SUPPORTED_LOCALES],
    defaultNS: 'common',
    ns: readdirSync(join(dir, 'zh-CN')).map((file) => file.replace(/\.json$/, '')),
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  })
  return instance
}

/** zh, zh-hans, zh-CN → zh-CN; en, en-GB → en; anything else → undefined. */
export function matchLocale(languageCode: string | undefined | null): Locale | undefined {
  const code = languageCode?.toLowerCase()
  if (!code) return undefined
  if (code.startsWith('zh')) return 'zh-CN'
  if (code.startsWith('en')) return 'en'
  return undefined
}
