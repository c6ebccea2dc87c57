import { z } from 'zod'
import type { Clock } from '../../../domain/deadlines/clocks.ts'
import { CLOCKS } from '../../../domain/deadlines/clocks.ts'
import { formatDate, localeOfT } from '../../../telegram/format.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import { DELIVERY_PRIORITY } from '../../../telegram/sending/delivery-priority.ts'
import { RecipientUnreachableError } from '../../../telegram/sending/telegram-sender.ts'
import { clockLabel } from '../../deadlines/due-list.ts'
import { finishDelivery, localeOf, outboxEntryDone, recordMessage } from '../ledger.ts'
import type { DeliveryJob, NotifierDeps } from '../notification-kind.ts'
import { defineNotification } from '../notification-kind.ts'

const NOTICE_CLOCKS: ReadonlySet<Clock> = new Set(['TERMINATION_NOTICE', 'REPORTER_NOTICE'])

/** A reminder of one clock's due date, in the ticket's topic/thread and to its 网格员 (liaison). */
export const type = 'deadline-reminder'

export const schema = z.object({
  type: z.literal(type),
  v: z.literal(1),
  complaintId: z.string(),
  clock: z.enum(CLOCKS),
  kind: z.enum(['REMIND_BEFORE', 'REMIND_DUE']),
  dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Working days from the day the reminder was decided to the due date. */
  daysLeft: z.number().int().min(0),
  /** The date was counted through a year whose holiday schedule is not published (absent in jobs queued before). */
  provisional: z.boolean().optional(),
})
export type DeadlineReminder = z.infer<typeof schema>

/** One job per clock, kind and due date: the deadline_notice row and this id both make it happen once. */
export function jobId(payload: DeadlineReminder): string {
  return `deadline-reminder-${payload.complaintId}-${payload.clock.toLowerCase()}-${payload.kind.toLowerCase()}-${payload.dueOn}`
}

/** Posts the reminder under the ticket's card in its station's group, then to the assigned liaison privately. */
export async function deliver(deps: NotifierDeps, job: DeliveryJob, payload: DeadlineReminder): Promise<void> {
  const { db } = deps
  if (await outboxEntryDone(db, job.jobId)) return
  const complaint = await db.complaint.findUnique({
    where: { id: payload.complaintId },
    include: { station: true, liaison: true },
  })
  if (!complaint) return finishDelivery(deps, job.jobId)
  const text = (locale: string) => {
    const t = deps.translator.forLocale(localeOf(deps, locale))
    const reminder = t(`deadlines:reminder.${payload.kind}`, {
      trackingNumber: escapeHtml(complaint.trackingNumber),
      business: escapeHtml(complaint.respondentName),
      clock: clockLabel(t, payload.clock as Clock, complaint.kind),
      date: formatDate(payload.dueOn, localeOfT(t)) + (payload.provisional ? t('deadlines:reminder.provisional') : ''),
      days: payload.daysLeft,
    })
    // A notice clock still runs only while the bot's message has not reached the consumer: say what to do instead.
    if (!NOTICE_CLOCKS.has(payload.clock)) return reminder
    return `${reminder}\n${t('deadlines:reminder.noticeHow', { button: t('delivery:actions.RECORD_NOTICE') })}`
  }
  const chatId = complaint.station?.chatId
  if (chatId && !job.progress.get('group')) {
    const card = await db.chatMessage.findFirst({
      where: { complaintId: complaint.id, purpose: 'TICKET_CARD', chatId },
      orderBy: { id: 'desc' },
    })
    try {
      const sent = await deps.sender.sendHtml(
        Number(chatId),
        text(deps.defaultLocale),
        card?.threadId ? { threadId: card.threadId } : { replyTo: card?.messageId },
      )
      await recordMessage(db, {
        complaintId: complaint.id,
        purpose: 'STATUS_UPDATE',
        chatId,
        messageId: sent.message_id,
        threadId: card?.threadId ?? null,
      })
    } catch (error) {
      if (!(error instanceof RecipientUnreachableError)) throw error
      deps.log.warn({ complaintId: complaint.id }, 'station group unreachable; deadline reminder not posted there')
    }
    await job.progress.set('group', 1)
  }
  const liaison = complaint.liaison
  if (liaison?.reachable && !job.progress.get('liaison')) {
    try {
      await deps.sender.sendHtml(Number(liaison.telegramId), text(liaison.locale ?? deps.defaultLocale))
    } catch (error) {
      if (!(error instanceof RecipientUnreachableError)) throw error
    }
    await job.progress.set('liaison', 1)
  }
  await finishDelivery(deps, job.jobId)
}

export const deadlineReminder = defineNotification({
  type,
  schema,
  jobId,
  priority: DELIVERY_PRIORITY.MESSAGE,
  deliver,
})
