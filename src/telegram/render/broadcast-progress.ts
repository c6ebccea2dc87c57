// The sender's progress message of a broadcast: counts, rate, expected end, and its controls.
import type { InlineKeyboardMarkup } from 'grammy/types'
import type { BroadcastProgress } from '../../domain/warnings/broadcast-progress.ts'
import type { TFunction } from '../../i18n/translator.ts'
import { type BroadcastControl, broadcastControlCallback } from '../callback-data/warnings.ts'
import { formatShanghaiTime } from '../format.ts'

/** Where the broadcast stands, as its status says. */
export type BroadcastState = 'QUEUED' | 'SENDING' | 'PAUSED' | 'DONE' | 'CANCELLED'

/** The progress message's HTML. */
export function renderBroadcastProgress(
  t: TFunction,
  warningId: number,
  state: BroadcastState,
  progress: BroadcastProgress,
): string {
  const lines = [
    t(`warnings:progress.title.${state}`, { id: warningId }),
    t('warnings:progress.counts', {
      sent: progress.sent + progress.unconfirmed,
      blocked: progress.blocked,
      failed: progress.failed,
      left: progress.left,
      total: progress.total,
    }),
  ]
  if (progress.unconfirmed > 0) lines.push(t('warnings:progress.unconfirmed', { count: progress.unconfirmed }))
  if (state === 'SENDING' && progress.rate !== null)
    lines.push(
      t('warnings:progress.rate', {
        rate: progress.rate.toFixed(1),
        end: progress.expectedEnd ? formatShanghaiTime(progress.expectedEnd) : '—',
      }),
    )
  return lines.join('\n')
}

/** Pause or resume, and cancel, while the broadcast is not over. */
export function broadcastControls(t: TFunction, warningId: number, state: BroadcastState): InlineKeyboardMarkup {
  if (state === 'DONE' || state === 'CANCELLED') return { inline_keyboard: [] }
  const button = (control: BroadcastControl) => ({
    text: t(`warnings:progress.buttons.${control}`),
    callback_data: broadcastControlCallback.encode({ warningId, control }),
  })
  return { inline_keyboard: [[button(state === 'PAUSED' ? 'resume' : 'pause'), button('cancel')]] }
}
