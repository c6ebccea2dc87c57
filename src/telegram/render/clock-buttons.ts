import type { InlineKeyboardButton } from 'grammy/types'
import { PAUSE_REASONS, type PauseReason, pausableClock } from '../../domain/deadlines/clock-pause.ts'
import type { ComplaintKind, ComplaintStatus, StationKind } from '../../domain/lifecycle/index.ts'
import { isBureauStation } from '../../domain/lifecycle/station-powers.ts'
import type { TFunction } from '../../i18n/translator.ts'
import { clockPauseCallback } from '../callback-data/clock-pause.ts'

/** What of a ticket's card decides its clock buttons. */
export interface ClockButtonsView {
  complaintId: string
  kind: ComplaintKind
  status: ComplaintStatus
  decisionDueOn: string | null
  mediationDueOn?: string | null
  runningPause?: { clock: string; reason: PauseReason } | null
  station: { kind: StationKind } | null
}

/**
 * The clock buttons of a bureau station's card: resume a running pause, or start the pauses the law allows for the
 * clock running now (testing stops mediation, identity proof the acceptance decision). The server checks again.
 */
export function clockButtons(view: ClockButtonsView, t: TFunction): InlineKeyboardButton[][] {
  if (!isBureauStation(view.station?.kind)) return []
  const complaintId = view.complaintId
  if (view.runningPause) {
    const data = clockPauseCallback.encode({ op: 'resume', complaintId })
    return [[{ text: t('deadlines:pause.button.resume'), callback_data: data }]]
  }
  const due = { DECISION: view.decisionDueOn, MEDIATION: view.mediationDueOn ?? null }
  const row = PAUSE_REASONS.filter((reason) => {
    const clock = pausableClock(view.kind, view.status, reason)
    return clock !== null && due[clock] !== null
  }).map((reason) => ({
    text: t(`deadlines:pause.button.${reason}`),
    callback_data: clockPauseCallback.encode({ op: 'start', reason, complaintId }),
  }))
  return row.length > 0 ? [row] : []
}
