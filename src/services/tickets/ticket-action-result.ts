import type {
  CaseStatus,
  ComplaintStatus,
  LifecycleAction,
  TransitionInput,
  TransitionRefusalReason,
} from '../../domain/lifecycle/index.ts'
import type { LastAction } from '../complaints/last-event.ts'
import type { InputNeed } from './action-inputs.ts'

/** A press of a ticket action (or its completion with input). Ids only: everything is re-read here. */
export interface TicketActionRequest {
  complaintId: string
  /** The person pressing; their roles are loaded from the database, never taken from the request. */
  personId: number
  /** A lifecycle action name; anything else is refused. */
  action: string
  input?: TransitionInput
}

/** The outcome of `actOnTicket` (act-on-ticket.ts); the bot turns each into a localized answer. */
export type TicketActionResult =
  | {
      status: 'done'
      complaintId: string
      trackingNumber: string
      action: LifecycleAction
      from: ComplaintStatus
      to: ComplaintStatus
      eventId: string
      /** The ticket's enforcement case, when the action opened or moved it (诉转案, 立案, the penalty decision). */
      case: { id: string; caseNumber: string; status: CaseStatus } | null
    }
  /** The action needs input first (a ground, an amount, a note…); ask and call again with it. */
  | { status: 'needs-input'; complaintId: string; trackingNumber: string; action: LifecycleAction; need: InputNeed }
  /** The input given is not acceptable (unknown ground, a station that does not exist…). */
  | {
      status: 'invalid-input'
      reason:
        | TransitionRefusalReason
        | 'TARGET_STATION_UNKNOWN'
        | 'TARGET_STATION_NOT_BUREAU'
        | 'LIAISON_UNKNOWN'
        /** 调解期满 chosen before the mediation period has run. */
        | 'PERIOD_NOT_EXPIRED'
    }
  /** Someone else acted first (or the card was out of date): the ticket is in `currentStatus` now. */
  | {
      status: 'stale'
      complaintId: string
      trackingNumber: string
      currentStatus: ComplaintStatus
      lastAction: LastAction | null
    }
  /** The person has a role on the ticket, but not one that may take this action. */
  | { status: 'refused'; reason: TransitionRefusalReason }
  /** No role on the ticket at all (another station's staff, a stranger): nothing is revealed. */
  | { status: 'forbidden' }
  | { status: 'not-found' }
