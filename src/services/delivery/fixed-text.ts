import type { TFunction } from '../../i18n/translator.ts'

const texts = new WeakMap<TFunction, Map<string, string>>()

/**
 * A text without variables (a status, a kind, a button label), translated once per translation function — the
 * translator keeps one per locale. i18next's `t` costs some 20 µs a call, and a ticket card has a dozen of these.
 */
export function fixedText(t: TFunction, key: string, defaultValue?: string): string {
  let known = texts.get(t)
  if (!known) texts.set(t, (known = new Map()))
  const id = defaultValue === undefined ? key : `${key}\u0000${defaultValue}`
  let text = known.get(id)
  if (text === undefined) {
    text = defaultValue === undefined ? t(key) : t(key, { defaultValue })
    known.set(id, text)
  }
  return text
}
