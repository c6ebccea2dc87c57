/**
 * Stable codes for the statutory grounds. Labels are localized elsewhere; a code
 * names the concept, and each rule maps it to its own article (see statutory-rules.ts).
 * Where Order 121 widened a ground (e.g. MATERIALS_MISSING also covers false
 * materials), the label should be chosen per rule.
 */

/** Grounds for not accepting a complaint (不予受理): Order 20 Art. 15, Order 121 Art. 16. */
export type NonAcceptanceGround =
  | 'OUTSIDE_DUTIES'
  | 'ALREADY_HANDLED'
  | 'NOT_CONSUMER_USE'
  | 'TIME_BARRED'
  | 'MATERIALS_MISSING'
  | 'IMPERSONATION'
  | 'OTHER'

/** Grounds for terminating mediation (终止调解): Order 20 Art. 21, Order 121 Art. 23(1). */
export type MediationTerminationGround =
  | 'WITHDRAWN_OR_SETTLED'
  | 'NO_TESTING_AGREEMENT'
  | 'PARTY_ABSENT_OR_REFUSES'
  | 'AGREEMENT_IMPOSSIBLE'
  | 'PERIOD_EXPIRED'
  | 'NON_ACCEPTANCE_GROUND_FOUND'
  | 'PARTY_CEASED_TO_EXIST'
  | 'OTHER'

/** A ground as listed by one rule, with the article (and item) that states it. */
export interface GroundArticle<Code extends string> {
  readonly code: Code
  readonly article: string
  /**
   * False where the domain reference marks the article or its wording as unconfirmed (Order 121's full text was
   * not obtained): the label is a summary, not a quotation.
   */
  readonly confirmed: boolean
}

/**
 * Whether a termination ground may be used on `today`: 调解期满 (PERIOD_EXPIRED) only once the mediation period has
 * run, i.e. after its last day (`mediationDueOn`, moved by any pause); every other ground at any time.
 */
export function terminationGroundOpen(ground: string, today: string, mediationDueOn: string | null): boolean {
  return ground !== 'PERIOD_EXPIRED' || (mediationDueOn !== null && today > mediationDueOn)
}
