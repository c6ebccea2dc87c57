import { Composer } from 'grammy'
import type { Services } from '../../../services/services.ts'
import { hotSpotCallback } from '../../../telegram/callback-data/hot-spot.ts'
import type { BotContext } from '../../context.ts'
import { openWarningDraft } from './warn-composer.ts'

/**
 * "Draft a consumer warning" under a hot-spot suggestion in a station's group (`hs:<suggestion id>`): opens the
 * /warn composer in the presser's private chat, prefilled with the hot spot's area, category and a draft text.
 * Only staff of the station it was offered to, or an admin, may; the composer checks every area again.
 */
export function hotSpotButton(services: Services): Composer<BotContext> {
  const composer = new Composer<BotContext>()
  composer.callbackQuery(hotSpotCallback.filter, async (ctx) => {
    const alert = (key: string) => ctx.answerCallbackQuery({ text: ctx.t(key), show_alert: true })
    const data = hotSpotCallback.decode(ctx.callbackQuery.data)
    if (!data || !ctx.person) return void (await alert('hotspots:errors.stale'))
    const zhCN = (key: string, options?: Record<string, unknown>) => ctx.t(key, { ...options, lng: 'zh-CN' })
    const draft = await services.hotSpots.draft(zhCN, ctx.person.id, data.suggestionId)
    if (draft.status === 'stale') return void (await alert('hotspots:errors.stale'))
    if (draft.status === 'forbidden') return void (await alert('hotspots:errors.notYours'))
    await ctx.answerCallbackQuery()
    await openWarningDraft(ctx, services, draft.prefill)
  })
  return composer
}
