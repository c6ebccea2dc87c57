import { describe, expect, it } from 'vitest'
import en from '../../../locales/en/categories.json' with { type: 'json' }
import zh from '../../../locales/zh-CN/categories.json' with { type: 'json' }
import {
  allCategoryCodes,
  CATEGORY_KINDS,
  categoryGroup,
  categoryGroupsOfKind,
  categoryTree,
  isCategoryGroup,
  isLeafCategory,
  parentOf,
  validateCategoryTree,
} from '../../../src/domain/intake/categories.ts'

describe('categoryTree', () => {
  it('has version 1 and groups of 3–8 leaves', () => {
    expect(categoryTree.version).toBe(1)
    for (const group of categoryTree.groups) {
      expect(group.children.length, group.code).toBeGreaterThanOrEqual(3)
      expect(group.children.length, group.code).toBeLessThanOrEqual(8)
    }
  })

  it('splits groups into goods and services of about 10 each, plus one catch-all', () => {
    expect(categoryGroupsOfKind('GOODS').length).toBeGreaterThanOrEqual(8)
    expect(categoryGroupsOfKind('SERVICES').length).toBeGreaterThanOrEqual(8)
    expect(categoryGroupsOfKind('OTHER').map((g) => g.code)).toEqual(['MISC'])
  })

  it('uses unique codes that fit in Telegram callback_data', () => {
    const codes = allCategoryCodes()
    expect(new Set(codes).size).toBe(codes.length)
    for (const code of codes) expect(Buffer.byteLength(code)).toBeLessThanOrEqual(40)
  })

  it('answers leaf, group and parent questions', () => {
    expect(isLeafCategory('FOOD_PACKAGED')).toBe(true)
    expect(isLeafCategory('GOODS_FOOD')).toBe(false)
    expect(isLeafCategory('NOPE')).toBe(false)
    expect(isCategoryGroup('GOODS_FOOD')).toBe(true)
    expect(isCategoryGroup('FOOD_PACKAGED')).toBe(false)
    expect(parentOf('VEHICLE_E_BIKE')).toBe('GOODS_VEHICLES')
    expect(parentOf('GOODS_VEHICLES')).toBeUndefined()
    expect(parentOf('NOPE')).toBeUndefined()
    expect(categoryGroup('SERVICE_PREPAID')?.kind).toBe('SERVICES')
  })
})

describe('category labels', () => {
  const expectedKeys = [...allCategoryCodes(), ...CATEGORY_KINDS.map((kind) => `KIND_${kind}`)].sort()

  it.each([
    ['zh-CN', zh],
    ['en', en],
  ] as const)('%s has a non-empty label for every code and nothing else', (_locale, labels) => {
    expect(Object.keys(labels).sort()).toEqual(expectedKeys)
    for (const label of Object.values(labels)) expect(String(label).trim()).not.toBe('')
  })
})

describe('validateCategoryTree', () => {
  const group = (code: string, children: unknown[], kind = 'GOODS') => ({ code, kind, children })

  it('accepts a well-formed tree', () => {
    expect(validateCategoryTree({ version: 2, groups: [group('G_A', ['A_1'])] })).toMatchObject({ ok: true })
  })

  it('rejects a code used twice with DUPLICATE_CODE', () => {
    expect(validateCategoryTree({ version: 1, groups: [group('G_A', ['X_1']), group('G_B', ['X_1'])] })).toEqual({
      ok: false,
      error: 'DUPLICATE_CODE',
      code: 'X_1',
    })
    expect(validateCategoryTree({ version: 1, groups: [group('G_A', ['G_A'])] })).toEqual({
      ok: false,
      error: 'DUPLICATE_CODE',
      code: 'G_A',
    })
  })

  it('rejects a group without children with EMPTY_GROUP', () => {
    expect(validateCategoryTree({ version: 1, groups: [group('G_A', [])] })).toEqual({
      ok: false,
      error: 'EMPTY_GROUP',
      code: 'G_A',
    })
  })

  it.each([
    null,
    [],
    { groups: [] },
    { version: 1, groups: [group('g_a', ['A_1'])] },
    { version: 1, groups: [group('G_A', [1])] },
    { version: 1, groups: [group('G_A', ['A_1'], 'FOOD')] },
  ])('rejects %j with MALFORMED', (raw) => {
    expect(validateCategoryTree(raw)).toEqual({ ok: false, error: 'MALFORMED' })
  })
})
