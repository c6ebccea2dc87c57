// Groups of statuses that the clocks, the cards and the consumer's views ask about: defined once, here, rather than
// as lists next to each question.
import { consumerNextStep } from './consumer-next-step.ts'
import type { ComplaintStatus } from './statuses.ts'

/**
 * Waiting for the decision that starts or ends the handling: acceptance of a complaint (受理), filing of a report
 * (立案), including while a first-mile station mediates or the bureau verifies first.
 */
export const DECISION_PENDING_STATUSES: readonly ComplaintStatus[] = [
  'RECEIVED',
  'ESCALATED',
  'LOCAL_MEDIATION',
  'VERIFYING',
]

/** Accepted and not yet ended: the statutory mediation period runs. */
export const MEDIATION_STATUSES: readonly ComplaintStatus[] = ['ACCEPTED', 'MEDIATING']

/** True while the acceptance or filing decision is pending (see {@link DECISION_PENDING_STATUSES}). */
export function isDecisionPending(status: ComplaintStatus): boolean {
  return DECISION_PENDING_STATUSES.includes(status)
}

/** True while the statutory mediation period runs (see {@link MEDIATION_STATUSES}). */
export function isInMediation(status: ComplaintStatus): boolean {
  return MEDIATION_STATUSES.includes(status)
}

/** True when the consumer may rate the handling: the ticket is closed, or settled by the first-mile station. */
export function isRateable(status: ComplaintStatus): boolean {
  return consumerNextStep(status) === 'RATE_HANDLING'
}
