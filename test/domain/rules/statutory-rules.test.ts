import { describe, expect, it } from 'vitest'
import { parseLocalDate as d } from '../../../src/domain/calendar/local-date.ts'
import {
  mediationTerminationArticle,
  nonAcceptanceArticle,
  type RuleId,
  ruleInForce,
  STATUTORY_RULES,
  statutoryRule,
} from '../../../src/domain/rules/statutory-rules.ts'

const ruleIds: RuleId[] = ['ORDER_20', 'ORDER_121']

describe('ruleInForce', () => {
  it('applies Order 20 to matters received before 2026-04-15', () => {
    expect(ruleInForce(d('2026-04-14'))).toBe('ORDER_20')
    expect(ruleInForce(d('2025-01-24'))).toBe('ORDER_20')
  })

  it('applies Order 121 from 2026-04-15 inclusive', () => {
    expect(ruleInForce(d('2026-04-15'))).toBe('ORDER_121')
    expect(ruleInForce(d('2027-01-01'))).toBe('ORDER_121')
  })
})

describe('time limits', () => {
  it('allows 7 working days for the acceptance decision under both rules', () => {
    for (const id of ruleIds) {
      expect(statutoryRule(id).timeLimits.acceptanceDecision).toMatchObject({ amount: 7, unit: 'WORKING_DAYS' })
    }
  })

  it('ends mediation after 45 working days under Order 20 and 60 days (unconfirmed as calendar days) under Order 121', () => {
    expect(statutoryRule('ORDER_20').timeLimits.mediationEnd).toMatchObject({
      amount: 45,
      unit: 'WORKING_DAYS',
      confirmed: true,
    })
    expect(statutoryRule('ORDER_121').timeLimits.mediationEnd).toMatchObject({
      amount: 60,
      unit: 'CALENDAR_DAYS',
      confirmed: false,
    })
  })

  it('shares the report, notice and time-bar limits', () => {
    for (const id of ruleIds) {
      const limits = statutoryRule(id).timeLimits
      expect(limits.terminationNotice).toMatchObject({ amount: 7, unit: 'WORKING_DAYS' })
      expect(limits.reportFilingDecision).toMatchObject({ amount: 15, unit: 'WORKING_DAYS', extendableBy: 15 })
      expect(limits.reporterNotice).toMatchObject({ amount: 5, unit: 'WORKING_DAYS' })
      expect(limits.timeBar).toMatchObject({ amount: 3, unit: 'YEARS' })
    }
  })
})

describe('non-acceptance grounds', () => {
  it('lists the 6 items of Order 20 Art. 15', () => {
    expect(statutoryRule('ORDER_20').nonAcceptanceGrounds.map((g) => g.code)).toEqual([
      'OUTSIDE_DUTIES',
      'ALREADY_HANDLED',
      'NOT_CONSUMER_USE',
      'TIME_BARRED',
      'MATERIALS_MISSING',
      'OTHER',
    ])
  })

  it('lists the 7 items of Order 121 Art. 16, adding impersonation as item 6', () => {
    expect(statutoryRule('ORDER_121').nonAcceptanceGrounds).toHaveLength(7)
    expect(nonAcceptanceArticle('ORDER_121', 'IMPERSONATION')).toBe('Art. 16(6)')
    expect(nonAcceptanceArticle('ORDER_121', 'OTHER')).toBe('Art. 16(7)')
  })

  it('maps a code to each rule’s own article, and to nothing where the rule lacks it', () => {
    expect(nonAcceptanceArticle('ORDER_20', 'TIME_BARRED')).toBe('Art. 15(4)')
    expect(nonAcceptanceArticle('ORDER_121', 'TIME_BARRED')).toBe('Art. 16(4)')
    expect(nonAcceptanceArticle('ORDER_20', 'IMPERSONATION')).toBeUndefined()
  })
})

describe('mediation-termination grounds', () => {
  it('lists the 7 items of Order 20 Art. 21 and the 8 of Order 121 Art. 23(1)', () => {
    expect(statutoryRule('ORDER_20').mediationTerminationGrounds).toHaveLength(7)
    expect(statutoryRule('ORDER_121').mediationTerminationGrounds).toHaveLength(8)
  })

  it('follows each rule’s item order', () => {
    expect(mediationTerminationArticle('ORDER_20', 'NO_TESTING_AGREEMENT')).toBe('Art. 21(1)(2)')
    expect(mediationTerminationArticle('ORDER_121', 'NO_TESTING_AGREEMENT')).toBe('Art. 23(1)(4)')
    expect(mediationTerminationArticle('ORDER_121', 'PARTY_CEASED_TO_EXIST')).toBe('Art. 23(1)(7)')
    expect(mediationTerminationArticle('ORDER_20', 'PARTY_CEASED_TO_EXIST')).toBeUndefined()
  })

  it('uses each code at most once per rule', () => {
    for (const rule of Object.values(STATUTORY_RULES)) {
      for (const list of [rule.nonAcceptanceGrounds, rule.mediationTerminationGrounds]) {
        const codes = list.map((g) => g.code)
        expect(new Set(codes).size).toBe(codes.length)
      }
    }
  })
})
