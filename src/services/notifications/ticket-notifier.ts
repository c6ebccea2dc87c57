import type { Api } from 'grammy'
import type { ChatPacer } from '../../telegram/sending/chat-pacer.ts'
import type { DeliveryJob, NotifierDeps } from './ledger.ts'
import { createPacedEditor } from '../../telegram/sending/paced-edit.ts'
import { sendRatingPrompt } from './kinds/rating-prompt.ts'
import { refreshCards } from './kinds/card-refresh.ts'
import { relayToConsumer, relayToStation } from './kinds/relay-to-consumer.ts'
import type { TicketNotification } from './ticket-notification.ts'

export { isTicketNotification } from './ticket-notification.ts'

/**
 * Delivers the ticket lifecycle's notifications (card refresh, relays, rating prompt) for the notify worker,
 * with the delivery notifier's sender, pacing and error classes. A job whose outbox entry is done sends nothing.
 */
export function createTicketNotifier(deps: NotifierDeps & { api: Api; pacer: ChatPacer }) {
  const withEditor = { ...deps, editHtml: createPacedEditor(deps) }
  return {
    async deliver(notification: TicketNotification, job: DeliveryJob): Promise<'delivered' | 'already-done'> {
      const entry = await deps.db.outboxEntry.findUnique({ where: { jobId: job.jobId }, select: { status: true } })
      if (entry?.status === 'DONE') return 'already-done'
      switch (notification.type) {
        case 'ticket-card-refresh':
          await refreshCards(withEditor, job, notification)
          break
        case 'relay-to-consumer':
          await relayToConsumer(deps, job, notification)
          break
        case 'relay-to-station':
          await relayToStation(deps, job, notification)
          break
        case 'rating-prompt':
          await sendRatingPrompt(deps, job, notification)
          break
      }
      return 'delivered'
    },
  }
}

export type TicketNotifier = ReturnType<typeof createTicketNotifier>
