import { isLifecycleAction, LIFECYCLE_ACTIONS, type LifecycleAction } from './actions.ts'
import type { CaseState, CaseStatus } from './case-track.ts'
import type { ComplaintKind } from './kinds.ts'
import type { ActorRole } from './roles.ts'
import { type StationKind, stationMayTake } from './station-powers.ts'
import { CLOSING_OUTCOMES, type ClosingOutcome, type ComplaintStatus, isStatusOfKind } from './statuses.ts'
import type { Requirement, TransitionRule } from './transition-rule.ts'
import { TRANSITIONS } from './transitions.ts'

/** What the actor supplied with the action; untrusted, validated per the rule's requirements. */
export interface TransitionInput {
  readonly note?: string
  readonly ground?: string
  readonly amountFen?: number
  readonly targetStationId?: string
  readonly liaisonId?: number
  readonly outcome?: string
}

/** The valid ground codes of the rule in force for this ticket (Order 20 or Order 121). */
export interface GroundCodes {
  readonly notAccepted: readonly string[]
  readonly mediationEnded: readonly string[]
}

/** A request to act on a ticket. `action` may come straight from callback data. */
export interface TransitionRequest {
  readonly kind: ComplaintKind
  readonly status: ComplaintStatus
  readonly action: string
  readonly role: ActorRole
  readonly input?: TransitionInput
  readonly grounds: GroundCodes
  /** The status of the ticket's enforcement case; absent or 'NONE' when it has none. */
  readonly caseStatus?: CaseState
  /** CORRECT_CLOSING: the status the ticket had before it was closed (from the CLOSE event). */
  readonly statusBeforeClosing?: ComplaintStatus
  /**
   * The kind of the station holding the ticket (null while unrouted): staff and 网格员 of a first-mile station
   * may not take the bureau's formal acts (station-powers.ts). Services always pass it; left out, only the role
   * rows of TRANSITIONS are checked.
   */
  readonly stationKind?: StationKind | null
}

/** The event to append to the ticket's log; `from === to` when the status is unchanged. */
export interface LifecycleEvent {
  readonly action: LifecycleAction
  readonly from: ComplaintStatus
  readonly to: ComplaintStatus
  readonly note?: string
  readonly ground?: string
  readonly amountFen?: number
  readonly targetStationId?: string
  readonly liaisonId?: number
  /** Set on CLOSE; store it with the ticket, `classOf` needs it. */
  readonly outcome?: ClosingOutcome
}

/** Work beyond the status change that the caller must carry out. */
export interface TransitionEffects {
  /** The ticket's enforcement case moves (`from` 'NONE': open it, e.g. 诉转案) with a check-and-set on `from`. */
  readonly case: { readonly from: CaseState; readonly to: CaseStatus } | null
}

/** Why an action was refused; stable codes the bot localizes. */
export type TransitionRefusalReason =
  | 'UNKNOWN_ACTION'
  | 'STATUS_NOT_FOR_KIND'
  | 'NOT_FOR_KIND'
  | 'NOT_ALLOWED_FROM_STATUS'
  | 'NOT_ALLOWED_FOR_ROLE'
  /** The role may take it, but not through this kind of station (a formal act at a first-mile station). */
  | 'NOT_ALLOWED_FOR_STATION'
  /** The report's filing decision was extended already: the law allows one extension. */
  | 'ALREADY_EXTENDED'
  /** RECORD_NOTICE on a ticket that owes no notice (delivered by the bot, or recorded already). */
  | 'NOTICE_NOT_OWED'
  /** CLOSE while the termination notice is owed and the bot could not deliver it: it must be given first. */
  | 'NOTICE_UNDELIVERED'
  /** ESCALATE where no bureau station (市场监管所, county center) covers the ticket: it would stay where it is. */
  | 'NO_ESCALATION_TARGET'
  | 'NOTE_REQUIRED'
  | 'GROUND_REQUIRED'
  | 'GROUND_UNKNOWN'
  | 'AMOUNT_REQUIRED'
  | 'AMOUNT_INVALID'
  | 'TARGET_STATION_REQUIRED'
  | 'LIAISON_REQUIRED'
  | 'OUTCOME_REQUIRED'
  | 'OUTCOME_UNKNOWN'
  /** CORRECT_CLOSING without a known status before the closing (a data defect). */
  | 'STATUS_BEFORE_CLOSING_UNKNOWN'

/** The outcome of `planTransition`. */
export type TransitionPlan =
  | {
      readonly ok: true
      readonly to: ComplaintStatus
      readonly event: LifecycleEvent
      readonly effects: TransitionEffects
    }
  | { readonly ok: false; readonly reason: TransitionRefusalReason }

type Refusal = Extract<TransitionPlan, { ok: false }>

/**
 * The rule for (kind, status, action), if any; a row acting on the ticket's case applies only while the case is in
 * one of its `case.from` states.
 */
export function findRule(
  kind: ComplaintKind,
  status: ComplaintStatus,
  action: LifecycleAction,
  caseStatus: CaseState = 'NONE',
): TransitionRule | undefined {
  return TRANSITIONS.find(
    (r) =>
      r.action === action &&
      r.kinds.includes(kind) &&
      r.from.includes(status) &&
      (r.case === undefined || r.case.from.includes(caseStatus)),
  )
}

const refuse = (reason: TransitionRefusalReason): Refusal => ({ ok: false, reason })

const isBlank = (value: string | undefined): boolean => value === undefined || value.trim() === ''

/** Checks one requirement; returns the refusal, or undefined when satisfied. */
function checkRequirement(requirement: Requirement, input: TransitionInput, grounds: GroundCodes): Refusal | undefined {
  switch (requirement) {
    case 'NOTE':
      return isBlank(input.note) ? refuse('NOTE_REQUIRED') : undefined
    case 'NOT_ACCEPTED_GROUND':
    case 'MEDIATION_ENDED_GROUND': {
      if (isBlank(input.ground)) return refuse('GROUND_REQUIRED')
      const valid = requirement === 'NOT_ACCEPTED_GROUND' ? grounds.notAccepted : grounds.mediationEnded
      return valid.includes(input.ground ?? '') ? undefined : refuse('GROUND_UNKNOWN')
    }
    case 'AMOUNT':
      if (input.amountFen === undefined) return refuse('AMOUNT_REQUIRED')
      return Number.isSafeInteger(input.amountFen) && input.amountFen >= 0 ? undefined : refuse('AMOUNT_INVALID')
    case 'TARGET_STATION':
      return isBlank(input.targetStationId) ? refuse('TARGET_STATION_REQUIRED') : undefined
    case 'LIAISON':
      return input.liaisonId === undefined ? refuse('LIAISON_REQUIRED') : undefined
    case 'OUTCOME':
      if (input.outcome === undefined) return refuse('OUTCOME_REQUIRED')
      return (CLOSING_OUTCOMES as readonly string[]).includes(input.outcome) ? undefined : refuse('OUTCOME_UNKNOWN')
  }
}

/**
 * Decides whether `role` may take `action` on a ticket of `kind` in `status`, and if so
 * what it leads to. Pure: the caller persists the event and carries out the effects.
 *
 * Checks run in this order, so the first failing one is reported: the action is known,
 * the status belongs to the kind, the action applies to the kind, then to the station's kind,
 * then to the status, then to the role, then the rule's requirements in their listed order.
 */
export function planTransition(request: TransitionRequest): TransitionPlan {
  const { kind, status, action, role, grounds } = request
  const input = request.input ?? {}
  if (!isLifecycleAction(action)) return refuse('UNKNOWN_ACTION')
  if (!isStatusOfKind(kind, status)) return refuse('STATUS_NOT_FOR_KIND')
  if (!TRANSITIONS.some((r) => r.action === action && r.kinds.includes(kind))) return refuse('NOT_FOR_KIND')
  // Before the status: a station without the power is told so, whatever state a forged or old card claims.
  if (request.stationKind !== undefined && !stationMayTake(request.stationKind, role, action, kind))
    return refuse('NOT_ALLOWED_FOR_STATION')
  const caseStatus = request.caseStatus ?? 'NONE'
  const rule = findRule(kind, status, action, caseStatus)
  if (rule === undefined) return refuse('NOT_ALLOWED_FROM_STATUS')
  if (!rule.roles.includes(role)) return refuse('NOT_ALLOWED_FOR_ROLE')
  for (const requirement of rule.requires) {
    const refusal = checkRequirement(requirement, input, grounds)
    if (refusal !== undefined) return refusal
  }

  let to = rule.to ?? status
  if (rule.restoresStatusBeforeClosing) {
    const before = request.statusBeforeClosing
    if (before === undefined || before === 'CLOSED' || !isStatusOfKind(kind, before))
      return refuse('STATUS_BEFORE_CLOSING_UNKNOWN')
    to = before
  }
  const has = (requirement: Requirement): boolean => rule.requires.includes(requirement)
  const note = isBlank(input.note) ? undefined : input.note?.trim()
  const outcome = rule.outcome === 'FROM_INPUT' ? (input.outcome as ClosingOutcome) : rule.outcome
  const event: LifecycleEvent = {
    action,
    from: status,
    to,
    ...(note !== undefined && { note }),
    ...((has('NOT_ACCEPTED_GROUND') || has('MEDIATION_ENDED_GROUND')) && { ground: input.ground }),
    ...(rule.ground !== undefined && { ground: rule.ground }),
    ...(has('AMOUNT') && { amountFen: input.amountFen }),
    ...(has('TARGET_STATION') && { targetStationId: input.targetStationId }),
    ...(has('LIAISON') && { liaisonId: input.liaisonId }),
    ...(outcome !== undefined && { outcome }),
  }
  return { ok: true, to, event, effects: { case: rule.case ? { from: caseStatus, to: rule.case.to } : null } }
}

/**
 * The actions `role` may take on a ticket of `kind` in `status`, in button order; with `stationKind`, only those
 * the station holding the ticket may take. Requirements are not checked: the bot asks for them after the press.
 */
export function availableActions(
  kind: ComplaintKind,
  status: ComplaintStatus,
  role: ActorRole,
  stationKind?: StationKind | null,
  caseStatus: CaseState = 'NONE',
): readonly LifecycleAction[] {
  if (!isStatusOfKind(kind, status)) return []
  return LIFECYCLE_ACTIONS.filter(
    (action) =>
      findRule(kind, status, action, caseStatus)?.roles.includes(role) === true &&
      (stationKind === undefined || stationMayTake(stationKind, role, action, kind)),
  )
}
