/** Everything that can be done to a ticket, in the order a button row offers them. */
export const LIFECYCLE_ACTIONS = [
  'ROUTE',
  'ASSIGN_LIAISON',
  'START_LOCAL_MEDIATION',
  'SETTLE_LOCALLY',
  'ESCALATE',
  'ACCEPT',
  'REJECT',
  'START_MEDIATION',
  'RECORD_AGREEMENT',
  'END_MEDIATION',
  'START_VERIFICATION',
  'EXTEND_FILING_DECISION',
  'FILE_CASE',
  'NOT_FILE',
  'CASE_FILE',
  'CASE_NOT_FILE',
  'CASE_DECIDE',
  'ANSWER',
  'RECORD_NOTICE',
  'CLOSE',
  'CORRECT_CLOSING',
  'TRANSFER',
  'ADD_NOTE',
  'WITHDRAW',
] as const

/** A lifecycle action; stored as `ComplaintEvent.action`. */
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number]

/**
 * Actions that no longer exist but whose events stay in the history: REOPEN of a closed complaint (replaced by
 * CORRECT_CLOSING, or a new complaint linked to the old one).
 */
export const RETIRED_ACTIONS = ['REOPEN'] as const

/** True if `value` names a lifecycle action (e.g. one parsed from callback data). */
export function isLifecycleAction(value: string): value is LifecycleAction {
  return (LIFECYCLE_ACTIONS as readonly string[]).includes(value)
}
