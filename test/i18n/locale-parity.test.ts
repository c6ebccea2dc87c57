import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/** Every namespace in every locale: the same keys, the same {{variables}} per key, and no empty text. */
const LOCALES_DIR = new URL('../../locales/', import.meta.url)
const locales = readdirSync(LOCALES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
const namespacesOf = (locale: string): string[] =>
  readdirSync(new URL(`${locale}/`, LOCALES_DIR))
    .filter((file) => file.endsWith('.json'))
    .sort()
const namespaces = [...new Set(locales.flatMap(namespacesOf))]

/** Flattens a namespace to `a.b.c` → text; i18next plural suffixes stay part of the key. */
function flatten(node: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    for (const [key, value] of Object.entries(node)) flatten(value, prefix ? `${prefix}.${key}` : key, out)
  } else {
    out.set(prefix, node)
  }
  return out
}

function load(locale: string, namespace: string): Map<string, unknown> {
  return flatten(JSON.parse(readFileSync(new URL(`${locale}/${namespace}`, LOCALES_DIR), 'utf8')))
}

/** `{{name}}`, `{{name, format}}` and nested `$t(ns:key)` references, the parts a translation must keep. */
function placeholders(text: string): string[] {
  const variables = [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((match) => `{{${match[1]}}}`)
  const nested = [...text.matchAll(/\$t\(([^,)]+)/g)].map((match) => `$t(${match[1]})`)
  return [...new Set([...variables, ...nested])].sort()
}

/** Plural forms differ by language (zh has only `_other`), so plural keys are compared by their stem. */
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/
const stem = (key: string): string => key.replace(PLURAL_SUFFIX, '')

describe('locale parity', () => {
  it('has the two supported locales and the same namespaces in each', () => {
    expect(locales).toEqual(expect.arrayContaining(['en', 'zh-CN']))
    for (const locale of locales) expect(namespacesOf(locale), locale).toEqual(namespaces)
  })

  describe.each(namespaces)('%s', (namespace) => {
    const [reference, ...others] = locales.map((locale) => ({ locale, texts: load(locale, namespace) }))

    it('has the same keys in every locale', () => {
      const keysOf = (texts: Map<string, unknown>) => [...new Set([...texts.keys()].map(stem))].sort()
      for (const other of others) expect(keysOf(other.texts), other.locale).toEqual(keysOf(reference!.texts))
    })

    it('uses the same interpolation variables for each key in every locale', () => {
      const variablesOf = (texts: Map<string, unknown>) => {
        const byStem = new Map<string, Set<string>>()
        for (const [key, text] of texts) {
          const set = byStem.get(stem(key)) ?? new Set<string>()
          for (const placeholder of placeholders(String(text))) set.add(placeholder)
          byStem.set(stem(key), set)
        }
        return Object.fromEntries([...byStem].map(([key, set]) => [key, [...set].sort()]))
      }
      for (const other of others) expect(variablesOf(other.texts), other.locale).toEqual(variablesOf(reference!.texts))
    })

    it('has only non-empty strings', () => {
      for (const { locale, texts } of [reference!, ...others]) {
        const bad = [...texts].filter(([, text]) => typeof text !== 'string' || text.trim() === '').map(([key]) => key)
        expect(bad, locale).toEqual([])
      }
    })
  })
})
