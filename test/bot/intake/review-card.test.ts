import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoRegion } from '../../../prisma/seed.ts'
import type { BotContext } from '../../../src/bot/context.ts'
import { reviewCard } from '../../../src/bot/features/intake/review-card.ts'
import { allCategoryCodes, isLeafCategory } from '../../../src/domain/intake/categories.ts'
import { DEMAND_CODES } from '../../../src/domain/intake/demands.ts'
import { type FormState, STEP_IDS, startForm } from '../../../src/domain/intake-form/index.ts'
import type { Locale } from '../../../src/i18n/locales.ts'
import { createTranslator } from '../../../src/i18n/translator.ts'
import {
  formButtonData,
  MAX_CALLBACK_DATA_BYTES,
  parseFormButton,
} from '../../../src/telegram/callback-data/form-button.ts'
import { createTestApp, type TestApp } from '../../support/app.ts'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp()
  await seedDemoRegion(app.database.db)
})
afterAll(async () => {
  await app.close()
})

const translator = await createTranslator('zh-CN')
const contextIn = (locale: Locale) => ({ t: translator.forLocale(locale), locale }) as unknown as BotContext

/** A complaint with every answer as long as the validators allow. */
function longestComplaint(): FormState {
  return {
    ...startForm('COMPLAINT', '0194a3c2-7b1e-7c4d-9f00-123456789abc'),
    step: 'review',
    draft: {
      respondentName: '商'.repeat(100),
      respondentAddress: '址'.repeat(200),
      location: { type: 'area', areaCode: '511402001001-02' },
      categoryCode: 'ELECTRONICS_MOBILE_PHONE',
      incidentDate: '2026-11-20',
      amountFen: 10_000_000_000,
      facts: '事'.repeat(2000),
      demands: [...DEMAND_CODES],
      demandOther: '他'.repeat(200),
      evidence: Array.from({ length: 9 }, (_, i) => ({
        kind: 'PHOTO' as const,
        fileId: `f${i}`,
        fileUniqueId: `u${i}`,
      })),
      contactName: '名'.repeat(50),
      contactPhone: '028-82345678转123456',
    },
  }
}

describe('the review card', () => {
  it.each(['zh-CN', 'en'] as const)(
    'fits in one Telegram message with the longest answers (%s), the facts cut short',
    async (locale) => {
      const card = await reviewCard(contextIn(locale), app.services.intake.areas, longestComplaint())
      expect(card.text.length).toBeLessThanOrEqual(4096)
      expect(card.text).toContain(`${'事'.repeat(600)}…`)
      expect(card.text).not.toContain('事'.repeat(601))
    },
  )

  it('separates each field from its answer with the full-width colon in Chinese and ": " in English', async () => {
    const zhCard = await reviewCard(contextIn('zh-CN'), app.services.intake.areas, longestComplaint())
    expect(zhCard.text).toContain('<b>电话</b>：028-82345678转123456')
    expect(zhCard.text).not.toMatch(/<\/b>: /)
    expect(zhCard.text).toMatch(/其他：他+/)
    const enCard = await reviewCard(contextIn('en'), app.services.intake.areas, longestComplaint())
    expect(enCard.text).toContain('</b>: 028-82345678转123456')
  })

  it('escapes what the consumer typed', async () => {
    const form = longestComplaint()
    const card = await reviewCard(contextIn('en'), app.services.intake.areas, {
      ...form,
      draft: { ...form.draft, respondentName: '<i>A&B</i>' },
    })
    expect(card.text).toContain('&lt;i&gt;A&amp;B&lt;/i&gt;')
  })
})

describe('form buttons', () => {
  it('stay within 64 bytes for every step, area and category code, and read back', async () => {
    const form = startForm('COMPLAINT', '0194a3c2-7b1e-7c4d-9f00-123456789abc')
    const areaCodes = (await app.database.db.area.findMany({ select: { code: true } })).map((area) => area.code)
    const data = [
      ...STEP_IDS.map((step) => formButtonData(form, 'review', 'e', step)),
      ...areaCodes.map((code) => formButtonData(form, 'location', 'd', code, '99')),
      ...allCategoryCodes().map((code) =>
        formButtonData(form, 'category', isLeafCategory(code) ? 'c' : 'g', code, '99'),
      ),
    ]
    for (const value of data) expect(Buffer.byteLength(value)).toBeLessThanOrEqual(MAX_CALLBACK_DATA_BYTES)
    expect(parseFormButton(formButtonData(form, 'location', 'd', '511402001001-02', '1'))).toEqual({
      fragment: '0194a3c2',
      step: 'location',
      action: 'd',
      args: ['511402001001-02', '1'],
    })
    expect(parseFormButton('f:0194a3c2:zz:back')).toBeUndefined()
    expect(() => formButtonData(form, 'location', 'a', 'x'.repeat(60))).toThrow(RangeError)
  })
})
