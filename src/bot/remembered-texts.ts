import type { Locale } from '../config.ts'
import type { TFunction, Translator } from '../i18n/translator.ts'

/**
 * The translation function of each locale, with the texts that take no parameters (button labels, notices)
 * translated once: the locale files are loaded at start-up and never change while the process runs, and
 * i18next's lookup is a measurable part of every update. Calls with options go to i18next as they are.
 */
export function rememberedTexts(translator: Translator): (locale: Locale) => TFunction {
  const byLocale = new Map<Locale, TFunction>()
  return (locale) => {
    let t = byLocale.get(locale)
    if (!t) {
      t = remembering(translator.forLocale(locale))
      byLocale.set(locale, t)
    }
    return t
  }
}

function remembering(t: TFunction): TFunction {
  const translate = t as unknown as (...args: unknown[]) => unknown
  const known = new Map<string, unknown>()
  const remembered = (...args: unknown[]): unknown => {
    const [key] = args
    if (args.length !== 1 || typeof key !== 'string') return translate(...args)
    let text = known.get(key)
    if (text === undefined) {
      text = translate(key)
      known.set(key, text)
    }
    return text
  }
  return remembered as unknown as TFunction
}
