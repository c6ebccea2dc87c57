import type { ComplaintStatus } from './statuses.ts'

/** What happens next, from the consumer's side; the bot localizes each code. */
export type ConsumerNextStep =
  | 'AWAIT_ROUTING'
  | 'AWAIT_DECISION'
  | 'AWAIT_LOCAL_MEDIATION'
  | 'AWAIT_MEDIATION'
  | 'TAKE_PART_IN_MEDIATION'
  | 'AWAIT_FULFILMENT'
  | 'AWAIT_VERIFICATION'
  | 'AWAIT_ENFORCEMENT'
  | 'READ_ANSWER'
  /** Point to the 消保法 Art. 39 routes: negotiation, consumers' association, arbitration, lawsuit. */
  | 'SEEK_OTHER_ROUTES'
  | 'RATE_HANDLING'
  | 'NONE'

/** The next step per status. */
export const CONSUMER_NEXT_STEP: Readonly<Record<ComplaintStatus, ConsumerNextStep>> = {
  SUBMITTED: 'AWAIT_ROUTING',
  RECEIVED: 'AWAIT_DECISION',
  LOCAL_MEDIATION: 'AWAIT_LOCAL_MEDIATION',
  SETTLED_LOCALLY: 'RATE_HANDLING',
  ESCALATED: 'AWAIT_DECISION',
  ACCEPTED: 'AWAIT_MEDIATION',
  NOT_ACCEPTED: 'SEEK_OTHER_ROUTES',
  MEDIATING: 'TAKE_PART_IN_MEDIATION',
  AGREED: 'AWAIT_FULFILMENT',
  MEDIATION_ENDED: 'SEEK_OTHER_ROUTES',
  CLOSED: 'RATE_HANDLING',
  WITHDRAWN: 'NONE',
  VERIFYING: 'AWAIT_VERIFICATION',
  CASE_FILED: 'AWAIT_ENFORCEMENT',
  NOT_FILED: 'NONE',
  ANSWERED: 'READ_ANSWER',
}

/** The next step a consumer should expect while their ticket is in `status`. */
export function consumerNextStep(status: ComplaintStatus): ConsumerNextStep {
  return CONSUMER_NEXT_STEP[status]
}
