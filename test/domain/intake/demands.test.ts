import { describe, expect, it } from 'vitest'
import { DEMAND_CODES, isDemand, toggleDemand, validateDemands } from '../../../src/domain/intake/demands.ts'

describe('DEMAND_CODES', () => {
  it('lists the 消保法 Art. 52 remedies plus OTHER', () => {
    expect(DEMAND_CODES).toEqual([
      'REPAIR',
      'REDO',
      'REPLACE',
      'RETURN',
      'MAKE_UP_QUANTITY',
      'REFUND',
      'COMPENSATE',
      'OTHER',
    ])
  })

  it('fits every code in Telegram callback_data with room to spare', () => {
    for (const code of DEMAND_CODES) expect(Buffer.byteLength(code)).toBeLessThanOrEqual(32)
  })
})

describe('isDemand', () => {
  it('recognizes codes and rejects anything else', () => {
    expect(isDemand('REFUND')).toBe(true)
    expect(isDemand('refund')).toBe(false)
    expect(isDemand('PUNISH')).toBe(false)
  })
})

describe('toggleDemand', () => {
  it('adds an absent demand and keeps canonical order', () => {
    expect(toggleDemand(['REFUND'], 'REPAIR')).toEqual(['REPAIR', 'REFUND'])
  })

  it('removes a present demand', () => {
    expect(toggleDemand(['REPAIR', 'REFUND'], 'REPAIR')).toEqual(['REFUND'])
  })

  it('does not modify its input and accepts a Set', () => {
    const selected = ['REFUND'] as const
    toggleDemand(selected, 'COMPENSATE')
    expect(selected).toEqual(['REFUND'])
    expect(toggleDemand(new Set(['OTHER', 'RETURN'] as const), 'REDO')).toEqual(['REDO', 'RETURN', 'OTHER'])
  })
})

describe('validateDemands', () => {
  it('rejects an empty selection with NONE_SELECTED', () => {
    expect(validateDemands({ demands: [] })).toEqual({ ok: false, error: 'NONE_SELECTED' })
  })

  it('accepts demands without OTHER and drops stray other text', () => {
    expect(validateDemands({ demands: ['REFUND', 'RETURN', 'REFUND'], otherText: 'ignored' })).toEqual({
      ok: true,
      value: { demands: ['RETURN', 'REFUND'], otherText: null },
    })
  })

  it('accepts OTHER with a description', () => {
    expect(validateDemands({ demands: ['OTHER'], otherText: '  书面道歉 ' })).toEqual({
      ok: true,
      value: { demands: ['OTHER'], otherText: '书面道歉' },
    })
  })

  it('rejects OTHER without text with OTHER_TEXT_MISSING', () => {
    expect(validateDemands({ demands: ['OTHER'] })).toEqual({ ok: false, error: 'OTHER_TEXT_MISSING' })
    expect(validateDemands({ demands: ['REFUND', 'OTHER'], otherText: '   ' })).toEqual({
      ok: false,
      error: 'OTHER_TEXT_MISSING',
    })
  })

  it('rejects a too short or too long OTHER text with the limit and length', () => {
    expect(validateDemands({ demands: ['OTHER'], otherText: '歉' })).toEqual({
      ok: false,
      error: 'OTHER_TEXT_TOO_SHORT',
      limit: 2,
      length: 1,
    })
    expect(validateDemands({ demands: ['OTHER'], otherText: '歉'.repeat(201) })).toEqual({
      ok: false,
      error: 'OTHER_TEXT_TOO_LONG',
      limit: 200,
      length: 201,
    })
  })
})
