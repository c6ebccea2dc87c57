import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { remembering } from '../../src/i18n/remembered-texts.ts'
import { createI18n } from '../../src/i18n/translator.ts'

describe('translations remembered per language', () => {
  it('gives the same texts as i18next, with and without parameters, in each language', async () => {
    const i18n = await createI18n('zh-CN')
    const limits = Object.freeze({ min: 2, max: 100 })
    for (const locale of ['zh-CN', 'en'] as const) {
      const plain = i18n.getFixedT(locale)
      const t = remembering(plain)
      expect(t('intake:buttons.cancel')).toBe(plain('intake:buttons.cancel'))
      expect(t('intake:ask.businessName', limits)).toBe(plain('intake:ask.businessName', limits))
      expect(t('intake:ask.businessName', limits)).toBe(plain('intake:ask.businessName', limits))
    }
    expect(remembering(i18n.getFixedT('en'))('intake:buttons.cancel')).not.toBe(
      remembering(i18n.getFixedT('zh-CN'))('intake:buttons.cancel'),
    )
  })

  it('translates parameters that change (not frozen) every time', async () => {
    const t = remembering((await createI18n('zh-CN')).getFixedT('en'))
    const one = t('intake:evidence.received', { count: 1, max: 9 })
    const two = t('intake:evidence.received', { count: 2, max: 9 })
    expect(one).not.toBe(two)
    expect(two).toContain('2')
  })
})

/** Every `namespace:dotted.key` of a locale whose text has a placeholder, with the placeholders' names. */
function keysWithPlaceholders(locale: string): Array<{ key: string; names: string[] }> {
  const found: Array<{ key: string; names: string[] }> = []
  const walk = (namespace: string, path: string[], value: unknown): void => {
    if (typeof value === 'string') {
      const names = [...value.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]!)
      if (names.length > 0) found.push({ key: `${namespace}:${path.join('.')}`.replace(/_(one|other)$/, ''), names })
    } else if (value && typeof value === 'object') {
      for (const [name, child] of Object.entries(value)) walk(namespace, [...path, name], child)
    }
  }
  for (const file of readdirSync(`locales/${locale}`)) {
    walk(file.replace(/\.json$/, ''), [], JSON.parse(readFileSync(`locales/${locale}/${file}`, 'utf8')))
  }
  return found
}

describe('placeholders filled in without i18next', () => {
  it('give exactly the text i18next gives, for every text with parameters in both languages', async () => {
    const i18n = await createI18n('zh-CN')
    let compared = 0
    for (const locale of ['zh-CN', 'en'] as const) {
      const plain = i18n.getFixedT(locale)
      const t = remembering(plain)
      for (const { key, names } of keysWithPlaceholders(locale)) {
        const params = Object.fromEntries(
          names.map((name, index) => [name, index % 2 === 0 ? `<${name} & 王>` : index * 7]),
        )
        expect(t(key, params), `${locale} ${key}`).toBe(plain(key, params))
        expect(t(key, params), `${locale} ${key} again`).toBe(plain(key, params))
        compared++
      }
    }
    expect(compared).toBeGreaterThan(100)
  })

  it('leaves a call missing a parameter, or with plurals, to i18next', async () => {
    const plain = (await createI18n('zh-CN')).getFixedT('en')
    const t = remembering(plain)
    expect(t('intake:filed.title.COMPLAINT', {})).toBe(plain('intake:filed.title.COMPLAINT', {}))
    expect(t('intake:evidence.received', { count: 1, max: 9 })).toBe(
      plain('intake:evidence.received', { count: 1, max: 9 }),
    )
    expect(t('intake:evidence.received', { count: 3, max: 9 })).toBe(
      plain('intake:evidence.received', { count: 3, max: 9 }),
    )
  })

  it('remembers plurals of a count alone, each count with its own plural form, in both languages', async () => {
    const i18n = await createI18n('zh-CN')
    for (const locale of ['zh-CN', 'en'] as const) {
      const plain = i18n.getFixedT(locale)
      const t = remembering(plain)
      for (const count of [0, 1, 2, 9, 1, 150, 150]) {
        expect(t('intake:review.files', { count }), `${locale} ${count}`).toBe(plain('intake:review.files', { count }))
      }
    }
    const en = remembering(i18n.getFixedT('en'))
    expect(en('intake:review.files', { count: 1 })).not.toBe(en('intake:review.files', { count: 2 }))
  })

  it('remembers a text with only a default value, and gives the default for a missing key', async () => {
    const plain = (await createI18n('zh-CN')).getFixedT('en')
    const t = remembering(plain)
    expect(t('delivery:demands.REFUND', { defaultValue: 'REFUND' })).toBe(
      plain('delivery:demands.REFUND', { defaultValue: 'REFUND' }),
    )
    expect(t('categories:NO_SUCH_CODE', { defaultValue: 'NO_SUCH_CODE' })).toBe('NO_SUCH_CODE')
    expect(t('categories:NO_SUCH_CODE', { defaultValue: 'OTHER_CODE' })).toBe('OTHER_CODE')
  })
})
