import { compareLocalDates, type LocalDate } from '../calendar/local-date.ts'
import type { GroundArticle, MediationTerminationGround, NonAcceptanceGround } from './grounds.ts'

/** Order 20 = 市场监督管理投诉举报处理暂行办法; Order 121 = 市场监督管理投诉举报处理办法. */
export type RuleId = 'ORDER_20' | 'ORDER_121'

export type TimeLimitUnit = 'WORKING_DAYS' | 'CALENDAR_DAYS' | 'YEARS'

/** One statutory time limit, as data. */
export interface TimeLimit {
  readonly amount: number
  readonly unit: TimeLimitUnit
  /** Where the limit comes from. */
  readonly basis: string
  /** False where the domain reference marks the amount, unit or article as unconfirmed. */
  readonly confirmed: boolean
  /** Further time, in the same unit, that may be granted with approval. */
  readonly extendableBy?: number
}

export interface StatutoryTimeLimits {
  /** Accept or reject a complaint, and tell the consumer; from receipt by the competent bureau. */
  readonly acceptanceDecision: TimeLimit
  /** Mediation ends, from acceptance (testing/appraisal time excluded). */
  readonly mediationEnd: TimeLimit
  /** Notify the parties that mediation was terminated. */
  readonly terminationNotice: TimeLimit
  /** Report: verify and decide whether to file a case, from receipt. */
  readonly reportFilingDecision: TimeLimit
  /** Tell a named reporter, from the filing decision. */
  readonly reporterNotice: TimeLimit
  /** Complaints more than this after the harm was known are not accepted. */
  readonly timeBar: TimeLimit
}

export interface StatutoryRule {
  readonly id: RuleId
  readonly title: string
  readonly timeLimits: StatutoryTimeLimits
  readonly nonAcceptanceGrounds: readonly GroundArticle<NonAcceptanceGround>[]
  readonly mediationTerminationGrounds: readonly GroundArticle<MediationTerminationGround>[]
}

/** First receipt date (Asia/Shanghai) handled under Order 121. */
export const ORDER_121_IN_FORCE_FROM = '2026-04-15' as LocalDate

const REPORT_FILING_DECISION: TimeLimit = {
  amount: 15,
  unit: 'WORKING_DAYS',
  basis: '市场监督管理行政处罚程序规定 Art. 18',
  confirmed: true,
  extendableBy: 15,
}

const ORDER_20: StatutoryRule = {
  id: 'ORDER_20',
  title: '市场监督管理投诉举报处理暂行办法',
  timeLimits: {
    acceptanceDecision: {
      amount: 7,
      unit: 'WORKING_DAYS',
      basis: 'Order 20 Art. 14; 消费者权益保护法 Art. 46',
      confirmed: true,
    },
    mediationEnd: { amount: 45, unit: 'WORKING_DAYS', basis: 'Order 20 Art. 21(1)(5)', confirmed: true },
    terminationNotice: { amount: 7, unit: 'WORKING_DAYS', basis: 'Order 20 Art. 21(2)', confirmed: true },
    reportFilingDecision: REPORT_FILING_DECISION,
    reporterNotice: { amount: 5, unit: 'WORKING_DAYS', basis: 'Order 20 Art. 31(2)', confirmed: true },
    timeBar: { amount: 3, unit: 'YEARS', basis: 'Order 20 Art. 15(4)', confirmed: true },
  },
  nonAcceptanceGrounds: [
    { code: 'OUTSIDE_DUTIES', article: 'Art. 15(1)', confirmed: true },
    { code: 'ALREADY_HANDLED', article: 'Art. 15(2)', confirmed: true },
    { code: 'NOT_CONSUMER_USE', article: 'Art. 15(3)', confirmed: true },
    { code: 'TIME_BARRED', article: 'Art. 15(4)', confirmed: true },
    { code: 'MATERIALS_MISSING', article: 'Art. 15(5)', confirmed: true },
    { code: 'OTHER', article: 'Art. 15(6)', confirmed: true },
  ],
  mediationTerminationGrounds: [
    { code: 'WITHDRAWN_OR_SETTLED', article: 'Art. 21(1)(1)', confirmed: true },
    { code: 'NO_TESTING_AGREEMENT', article: 'Art. 21(1)(2)', confirmed: true },
    { code: 'PARTY_ABSENT_OR_REFUSES', article: 'Art. 21(1)(3)', confirmed: true },
    { code: 'AGREEMENT_IMPOSSIBLE', article: 'Art. 21(1)(4)', confirmed: true },
    { code: 'PERIOD_EXPIRED', article: 'Art. 21(1)(5)', confirmed: true },
    { code: 'NON_ACCEPTANCE_GROUND_FOUND', article: 'Art. 21(1)(6)', confirmed: true },
    { code: 'OTHER', article: 'Art. 21(1)(7)', confirmed: true },
  ],
}

// Order 121's full text was not obtained: article numbers come from third-party copies
// of the 2026 form templates, and limits without a known new article are marked unconfirmed.
const ORDER_121: StatutoryRule = {
  id: 'ORDER_121',
  title: '市场监督管理投诉举报处理办法',
  timeLimits: {
    acceptanceDecision: {
      amount: 7,
      unit: 'WORKING_DAYS',
      basis: '消费者权益保护法 Art. 46 (Order 121 article unconfirmed)',
      confirmed: false,
    },
    // Whether "60 days" means calendar days is unconfirmed.
    mediationEnd: { amount: 60, unit: 'CALENDAR_DAYS', basis: 'Order 121 Art. 23(1)(5)', confirmed: false },
    terminationNotice: { amount: 7, unit: 'WORKING_DAYS', basis: 'Order 121 (article unconfirmed)', confirmed: false },
    reportFilingDecision: REPORT_FILING_DECISION,
    reporterNotice: { amount: 5, unit: 'WORKING_DAYS', basis: 'Order 121 (article unconfirmed)', confirmed: false },
    timeBar: { amount: 3, unit: 'YEARS', basis: 'Order 121 Art. 16(4)', confirmed: true },
  },
  nonAcceptanceGrounds: [
    { code: 'OUTSIDE_DUTIES', article: 'Art. 16(1)', confirmed: false },
    { code: 'ALREADY_HANDLED', article: 'Art. 16(2)', confirmed: false },
    { code: 'NOT_CONSUMER_USE', article: 'Art. 16(3)', confirmed: false },
    { code: 'TIME_BARRED', article: 'Art. 16(4)', confirmed: false },
    { code: 'MATERIALS_MISSING', article: 'Art. 16(5)', confirmed: false }, // "missing or false" under Order 121
    { code: 'IMPERSONATION', article: 'Art. 16(6)', confirmed: false }, // impersonation or refused ID check
    { code: 'OTHER', article: 'Art. 16(7)', confirmed: false },
  ],
  mediationTerminationGrounds: [
    { code: 'WITHDRAWN_OR_SETTLED', article: 'Art. 23(1)(1)', confirmed: false },
    { code: 'PARTY_ABSENT_OR_REFUSES', article: 'Art. 23(1)(2)', confirmed: false },
    { code: 'AGREEMENT_IMPOSSIBLE', article: 'Art. 23(1)(3)', confirmed: false },
    { code: 'NO_TESTING_AGREEMENT', article: 'Art. 23(1)(4)', confirmed: false },
    { code: 'PERIOD_EXPIRED', article: 'Art. 23(1)(5)', confirmed: false },
    { code: 'NON_ACCEPTANCE_GROUND_FOUND', article: 'Art. 23(1)(6)', confirmed: false }, // an Art. 16 or Art. 42 ground
    { code: 'PARTY_CEASED_TO_EXIST', article: 'Art. 23(1)(7)', confirmed: false },
    { code: 'OTHER', article: 'Art. 23(1)(8)', confirmed: false },
  ],
}

/** Every rule, by id. */
export const STATUTORY_RULES: Readonly<Record<RuleId, StatutoryRule>> = { ORDER_20, ORDER_121 }

/** The rule definition for an id. */
export function statutoryRule(id: RuleId): StatutoryRule {
  return STATUTORY_RULES[id]
}

/**
 * The rule that governs a matter received on `receivedOn` (Asia/Shanghai date of
 * receipt by the competent bureau): Order 121 from 2026-04-15 inclusive, Order 20 before.
 */
export function ruleInForce(receivedOn: LocalDate): RuleId {
  return compareLocalDates(receivedOn, ORDER_121_IN_FORCE_FROM) >= 0 ? 'ORDER_121' : 'ORDER_20'
}

/** The article a rule gives for a non-acceptance ground, or undefined if that rule has no such ground. */
export function nonAcceptanceArticle(id: RuleId, code: NonAcceptanceGround): string | undefined {
  return STATUTORY_RULES[id].nonAcceptanceGrounds.find((ground) => ground.code === code)?.article
}

/** The article a rule gives for a mediation-termination ground, or undefined if that rule has no such ground. */
export function mediationTerminationArticle(id: RuleId, code: MediationTerminationGround): string | undefined {
  return STATUTORY_RULES[id].mediationTerminationGrounds.find((ground) => ground.code === code)?.article
}
