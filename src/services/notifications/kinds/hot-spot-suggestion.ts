import { z } from 'zod'
import type { HotSpotSuggestion } from '../../../generated/prisma/client.ts'
import { hotSpotCallback } from '../../../telegram/callback-data/hot-spot.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import { DELIVERY_PRIORITY } from '../../../telegram/sending/delivery-priority.ts'
import { RecipientUnreachableError } from '../../../telegram/sending/telegram-sender.ts'
import { describeHotSpot } from '../../hot-spots/describe-hot-spot.ts'
import { detectHotSpots } from '../../hot-spots/detect-hot-spots.ts'
import { finishDelivery } from '../ledger.ts'
import { defineNotification, type NotifierDeps } from '../notification-kind.ts'

/**
 * After a complaint is routed: whether it made its business, or its category in its street, a hot spot; if so, the
 * station's group is offered a consumer warning, with a button that opens /warn prefilled.
 */
export const hotSpotSuggestion = defineNotification({
  type: 'hot-spot-suggestion',
  schema: z.object({
    v: z.literal(1).default(1),
    type: z.literal('hot-spot-suggestion'),
    complaintId: z.string(),
    stationId: z.string(),
    /** The rule in force when the complaint was routed (HOT_SPOT_THRESHOLD, HOT_SPOT_WINDOW_DAYS). */
    threshold: z.number().int().positive(),
    windowDays: z.number().int().positive(),
  }),
  jobId: (payload) => `hot-spot-${payload.complaintId}`,
  priority: DELIVERY_PRIORITY.MESSAGE,
  async deliver(deps, job, payload) {
    const { db } = deps
    const suggestions = await detectHotSpots(db, {
      complaintId: payload.complaintId,
      stationId: payload.stationId,
      rule: { threshold: payload.threshold, windowDays: payload.windowDays },
    })
    const station = await db.station.findUnique({ where: { id: payload.stationId }, select: { chatId: true } })
    for (const suggestion of suggestions) {
      if (station?.chatId) await post(deps, Number(station.chatId), suggestion)
      await db.hotSpotSuggestion.update({ where: { id: suggestion.id }, data: { postedAt: new Date() } })
    }
    await finishDelivery(deps, job.jobId)
  },
})

async function post(deps: NotifierDeps, chatId: number, suggestion: HotSpotSuggestion): Promise<void> {
  const t = deps.translator.forLocale(deps.defaultLocale)
  const hotSpot = await describeHotSpot(deps.db, t, deps.defaultLocale, suggestion)
  const text = t(`hotspots:suggestion.${suggestion.kind}`, {
    days: suggestion.windowDays,
    count: suggestion.complaintCount,
    business: escapeHtml(hotSpot.business ?? ''),
    area: escapeHtml(hotSpot.area),
    category: escapeHtml(hotSpot.category ?? ''),
  })
  const button = {
    text: t('hotspots:suggestion.draft'),
    callback_data: hotSpotCallback.encode({ suggestionId: suggestion.id }),
  }
  try {
    await deps.sender.sendHtml(chatId, text, {}, { inline_keyboard: [[button]] })
  } catch (error) {
    if (!(error instanceof RecipientUnreachableError)) throw error
    deps.log.warn({ suggestionId: suggestion.id }, 'station group unreachable; hot-spot suggestion not posted')
  }
}
