/** The languages the bot speaks: every user-facing string is in locales/<locale>/ for each of them. */
export const SUPPORTED_LOCALES = ['zh-CN', 'en'] as const

export type Locale = (typeof SUPPORTED_LOCALES)[number]

/** The supported locale spelled exactly as `value` (a stored choice, a button's data), or undefined. */
export function supportedLocale(value: string | null | undefined): Locale | undefined {
  return SUPPORTED_LOCALES.find((locale) => locale === value)
}
