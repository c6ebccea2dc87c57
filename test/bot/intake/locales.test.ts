import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { AMOUNT_ERROR_CODES } from '../../../src/domain/intake/amount.ts'
import { allCategoryCodes } from '../../../src/domain/intake/categories.ts'
import { DEMAND_CODES, DEMAND_ERROR_CODES } from '../../../src/domain/intake/demands.ts'
import { EVIDENCE_ERROR_CODES } from '../../../src/domain/intake/evidence.ts'
import { ID_DOCUMENT_TYPES, ID_NUMBER_ERROR_CODES } from '../../../src/domain/intake/identity-document.ts'
import { INCIDENT_DATE_ERROR_CODES } from '../../../src/domain/intake/incident-date.ts'
import { PHONE_ERROR_CODES } from '../../../src/domain/intake/phone.ts'
import { TEXT_ANSWER_ERROR_CODES } from '../../../src/domain/intake/text-answer.ts'
import { FORM_FLOW_ERROR_CODES, reviewSteps, STEP_IDS, STEPS } from '../../../src/domain/intake-form/index.ts'
import { SUPPORTED_LOCALES } from '../../../src/i18n/locales.ts'
import { createTranslator } from '../../../src/i18n/translator.ts'

const translator = await createTranslator('zh-CN')

const ERROR_CODES = {
  text: TEXT_ANSWER_ERROR_CODES,
  phone: PHONE_ERROR_CODES,
  amount: AMOUNT_ERROR_CODES,
  date: INCIDENT_DATE_ERROR_CODES,
  demands: DEMAND_ERROR_CODES,
  evidence: EVIDENCE_ERROR_CODES,
  idNumber: ID_NUMBER_ERROR_CODES,
  form: FORM_FLOW_ERROR_CODES,
}

/** Keys the intake feature builds from codes; every one must exist in every locale (no fallback to zh-CN for en). */
const requiredKeys = [
  ...Object.entries(ERROR_CODES).flatMap(([source, codes]) => codes.map((code) => `errors.${source}.${code}`)),
  ...STEP_IDS.filter((step) => step !== 'review').map((step) => `ask.${step}`),
  ...new Set(
    (['COMPLAINT', 'REPORT', 'INQUIRY'] as const).flatMap((kind) => reviewSteps(kind).map((step) => `fields.${step}`)),
  ),
  ...DEMAND_CODES.map((code) => `demands.${code}`),
  ...ID_DOCUMENT_TYPES.map((type) => `idTypes.${type}`),
  ...new Set(STEP_IDS.map((step) => `expects.${STEPS[step].input}`)),
  ...['COMPLAINT', 'REPORT', 'INQUIRY'].flatMap((kind) => [
    `filed.title.${kind}`,
    `filed.next.${kind}`,
    `review.title.${kind}`,
    `cancelled.${kind}`,
    `expired.${kind}`,
    `intro.${kind}`,
    `menu.resume.${kind}`,
  ]),
  ...['CITY', 'DISTRICT', 'STREET', 'COMMUNITY', 'GRID'].map((level) => `location.pick${level}`),
]

describe('intake messages', () => {
  it.each(SUPPORTED_LOCALES)('has every validation error, question and field name in %s', (locale) => {
    const messages = JSON.parse(
      readFileSync(new URL(`../../../locales/${locale}/intake.json`, import.meta.url), 'utf8'),
    ) as Record<string, unknown>
    const missing = requiredKeys.filter(
      (key) =>
        typeof key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages) !==
        'string',
    )
    expect(missing).toEqual([])
  })

  it.each(SUPPORTED_LOCALES)('names every category in %s', (locale) => {
    const t = translator.forLocale(locale)
    const missing = [...allCategoryCodes(), 'KIND_GOODS', 'KIND_SERVICES', 'KIND_OTHER'].filter(
      (code) => t(`categories:${code}`) === code,
    )
    expect(missing).toEqual([])
  })

  it('interpolates the limits into the text errors', () => {
    expect(translator.forLocale('en')('intake:errors.text.TOO_SHORT', { limit: 10, length: 3 })).toBe(
      'Too short: at least 10 characters are needed, you wrote 3.',
    )
    expect(translator.forLocale('zh-CN')('intake:errors.text.TOO_LONG', { limit: 2000, length: 2001 })).toBe(
      '内容太长：最多2000个字，您写了2001个字。',
    )
  })
})
