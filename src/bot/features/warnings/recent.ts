// /warnings: the recent warnings of the consumer's areas.
import { Composer } from 'grammy'
import type { Services } from '../../../services/services.ts'
import { subscriptionData } from '../../../telegram/callback-data/warnings.ts'
import { formatShanghaiTime } from '../../../telegram/format.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import type { BotContext } from '../../context.ts'
import { areaLabel } from './subscribe.ts'

const HTML = { parse_mode: 'HTML' } as const

export function recentWarnings(services: Services): Composer<BotContext> {
  const composer = new Composer<BotContext>()
  composer.chatType('private').command('warnings', async (ctx) => {
    if (!ctx.person) return
    const warnings = await services.warnings.recent(ctx.person.id)
    if (warnings.length === 0) {
      const keyboard = {
        inline_keyboard: [[{ text: ctx.t('warnings:subscribe.start'), callback_data: subscriptionData('s') }]],
      }
      await ctx.reply(ctx.t('warnings:recent.none'), { ...HTML, reply_markup: keyboard })
      return
    }
    const blocks = [ctx.t('warnings:recent.title')]
    for (const warning of warnings) {
      const areas = await Promise.all(warning.areaCodes.map((code) => areaLabel(ctx, services, code)))
      const text = ctx.locale === 'en' && warning.textEn ? warning.textEn : warning.textZhCn
      blocks.push(`<b>${formatShanghaiTime(warning.sentAt)}</b> · ${escapeHtml(areas.join('；'))}\n${escapeHtml(text)}`)
    }
    await ctx.reply(blocks.join('\n\n'), HTML)
  })
  return composer
}
