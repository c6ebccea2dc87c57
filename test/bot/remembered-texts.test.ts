import { describe, expect, it } from 'vitest'
import { rememberedTexts } from '../../src/bot/remembered-texts.ts'
import { createTranslator } from '../../src/i18n/translator.ts'

describe('translations remembered per locale', () => {
  it('gives the same texts as i18next, with and without parameters, in each language', async () => {
    const translator = await createTranslator('zh-CN')
    const textsOf = rememberedTexts(translator)
    const limits = Object.freeze({ min: 2, max: 100 })
    for (const locale of ['zh-CN', 'en'] as const) {
      const t = textsOf(locale)
      const plain = translator.forLocale(locale)
      expect(t('intake:buttons.cancel')).toBe(plain('intake:buttons.cancel'))
      expect(t('intake:ask.businessName', limits)).toBe(plain('intake:ask.businessName', limits))
      expect(t('intake:ask.businessName', limits)).toBe(plain('intake:ask.businessName', limits))
    }
    expect(textsOf('en')('intake:buttons.cancel')).not.toBe(textsOf('zh-CN')('intake:buttons.cancel'))
  })

  it('translates parameters that change (not frozen) every time', async () => {
    const t = rememberedTexts(await createTranslator('zh-CN'))('en')
    const one = t('intake:evidence.received', { count: 1, max: 9 })
    const two = t('intake:evidence.received', { count: 2, max: 9 })
    expect(one).not.toBe(two)
    expect(two).toContain('2')
  })
})
