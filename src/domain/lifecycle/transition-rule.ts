import type { LifecycleAction } from './actions.ts'
import type { CaseStep } from './case-track.ts'
import type { ComplaintKind } from './kinds.ts'
import type { ActorRole } from './roles.ts'
import type { ClosingOutcome, ComplaintStatus } from './statuses.ts'

/** Input an action cannot be taken without. */
export type Requirement =
  | 'NOTE'
  /** A code from the caller's non-acceptance grounds (不予受理). */
  | 'NOT_ACCEPTED_GROUND'
  /** A code from the caller's mediation-termination grounds (终止调解). */
  | 'MEDIATION_ENDED_GROUND'
  /** A whole number of fen, ≥ 0: the money recovered (挽回经济损失), or on CASE_DECIDE the 罚没金额. */
  | 'AMOUNT'
  | 'TARGET_STATION'
  | 'LIAISON'
  /** An explicit closing outcome, where the path does not imply one. */
  | 'OUTCOME'

/**
 * One row of the lifecycle: `action` may be taken on a ticket of one of `kinds` whose
 * status is one of `from` (statuses outside a kind's own set are ignored), by one of
 * `roles`, given `requires`; the ticket then moves to `to` (`null`: status unchanged).
 * At most one row matches a (kind, status, action).
 */
export interface TransitionRule {
  readonly action: LifecycleAction
  readonly kinds: readonly ComplaintKind[]
  readonly from: readonly ComplaintStatus[]
  readonly to: ComplaintStatus | null
  readonly roles: readonly ActorRole[]
  readonly requires: readonly Requirement[]
  /** CLOSE only: the outcome the path implies, or 'FROM_INPUT' when the actor states it. */
  readonly outcome?: ClosingOutcome | 'FROM_INPUT'
  /** The row acts on the ticket's enforcement case (opens it, or moves it); the ticket's status is `to` as usual. */
  readonly case?: CaseStep
  /** A ground the path implies (a consumer's withdrawal during formal mediation). */
  readonly ground?: string
  /** CORRECT_CLOSING: the ticket returns to the status it had before the (wrong) closing; `to` is ignored. */
  readonly restoresStatusBeforeClosing?: true
}
