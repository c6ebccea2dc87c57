import type { Locale } from '../config.ts'
import type { TFunction, Translator } from '../i18n/translator.ts'

/**
 * The translation function of each locale, with the texts that come out the same every time translated once:
 * those without parameters (button labels, notices), and those whose parameters are a frozen object (a question
 * with its length limits: `Object.freeze` marks parameters that never change). The locale files are loaded at
 * start-up and never change while the process runs, and i18next's lookup is a measurable part of every update.
 * Other calls go to i18next as they are.
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
  const plain = new Map<string, unknown>()
  const withParams = new WeakMap<object, Map<string, unknown>>()
  const remembered = (...args: unknown[]): unknown => {
    const [key, params] = args
    if (typeof key !== 'string' || args.length > 2) return translate(...args)
    if (params === undefined || (isObject(params) && isEmpty(params))) return lookup(plain, key, () => translate(key))
    if (!isObject(params) || !Object.isFrozen(params)) return translate(...args)
    let texts = withParams.get(params)
    if (!texts) withParams.set(params, (texts = new Map()))
    return lookup(texts, key, () => translate(key, params))
  }
  return remembered as unknown as TFunction
}

function lookup(texts: Map<string, unknown>, key: string, translate: () => unknown): unknown {
  let text = texts.get(key)
  if (text === undefined) {
    text = translate()
    texts.set(key, text)
  }
  return text
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null
}

function isEmpty(value: object): boolean {
  for (const _ in value) return false
  return true
}
