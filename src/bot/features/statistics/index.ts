import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Composer, InlineKeyboard, InputFile } from 'grammy'
import { localDateOf } from '../../../domain/calendar/local-date.ts'
import {
  FIRST_STATISTICS_YEAR,
  halfPeriod,
  lastMonth,
  parsePeriod,
  type StatisticsPeriod,
  thisMonth,
  thisQuarter,
  yearPeriod,
} from '../../../domain/statistics/period.ts'
import { type StatisticsScope, widerScopes } from '../../../domain/statistics/scope.ts'
import type { Translator } from '../../../i18n/translator.ts'
import type { Services } from '../../../services/services.ts'
import { buildWorkSummaryDocx, exportTickets, renderStatisticsCharts } from '../../../services/statistics/documents.ts'
import type { StatisticsReport } from '../../../services/statistics/statistics-service.ts'
import {
  periodLabel,
  scopeLabel,
  statisticsLines,
  writeWorkSummary,
} from '../../../services/statistics/work-summary-text.ts'
import { statisticsCallback } from '../../../telegram/callback-data/statistics.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import { answerCallbackOnce } from '../../answer-callback.ts'
import type { BotContext } from '../../context.ts'

type View = 's' | 'w'

/**
 * `/stats [period]` (figures and charts) and `/summary [period]` (the work summary as text and .docx), for the
 * station of the group, or the widest scope the person may read; buttons switch period and scope.
 */
export function statisticsFeature({ services, translator }: { services: Services; translator: Translator }) {
  const feature = new Composer<BotContext>()

  async function respond(ctx: BotContext, period: StatisticsPeriod, requested: StatisticsScope | null, view: View) {
    if (!ctx.person || !ctx.chat) return
    const groupStationId = ctx.chat.type === 'private' ? null : await services.statistics.stationOfChat(ctx.chat.id)
    if (ctx.chat.type !== 'private' && groupStationId === null && requested === null)
      return ctx.reply(ctx.t('statistics:groupNotBound'))
    const result = await services.statistics.forActor(ctx.person.id, { scope: requested, groupStationId }, period)
    if (!result.ok) return ctx.reply(ctx.t(`statistics:refused.${result.reason}`))
    const keyboard = await buttons(ctx, result.report)
    if (view === 's') {
      await ctx.reply(renderStatistics(ctx, result.report), { parse_mode: 'HTML', reply_markup: keyboard })
      const charts = await renderStatisticsCharts(result.report, ctx.t, ctx.locale)
      for (const chart of charts) await ctx.replyWithPhoto(new InputFile(chart.png, `${chart.name}.png`))
      return
    }
    const summary = writeWorkSummary(result.report, ctx.t, ctx.locale)
    await ctx.reply([`<b>${escapeHtml(summary.title)}</b>`, ...summary.paragraphs.map(escapeHtml)].join('\n\n'), {
      parse_mode: 'HTML',
      reply_markup: keyboard,
    })
    const docx = await buildWorkSummaryDocx(result.report, ctx.t, ctx.locale)
    await ctx.replyWithDocument(new InputFile(docx, `${summary.title}.docx`))
  }

  async function buttons(ctx: BotContext, report: StatisticsReport): Promise<InlineKeyboard> {
    const today = localDateOf(new Date())
    const year = Number(today.slice(0, 4))
    const half = Number(today.slice(5, 7)) <= 6 ? 1 : 2
    const presets: [string, StatisticsPeriod][] = [
      ['thisMonth', thisMonth(today)],
      ['lastMonth', lastMonth(today)],
      ['quarter', thisQuarter(today)],
      ['half', halfPeriod(year, half)],
      ['year', yearPeriod(year)],
    ]
    const keyboard = new InlineKeyboard()
    for (const [label, period] of presets) {
      keyboard.text(
        ctx.t(`statistics:buttons.${label}`),
        statisticsCallback.encode({ view: 's', period, scope: report.scope }),
      )
    }
    keyboard.row()
    const memberships = ctx.person ? await services.statistics.scopeMemberships(ctx.person.id) : []
    for (const scope of widerScopes(memberships)) {
      if (scope.level === report.scope.level) continue
      const label = scope.level === 'CITY' ? 'city' : 'county'
      keyboard.text(
        ctx.t(`statistics:buttons.${label}`),
        statisticsCallback.encode({ view: 's', period: report.period, scope }),
      )
    }
    if (report.period.kind !== 'CUSTOM') {
      keyboard.text(
        ctx.t('statistics:buttons.summary'),
        statisticsCallback.encode({ view: 'w', period: report.period, scope: report.scope }),
      )
    }
    return keyboard
  }

  async function typed(ctx: BotContext & { match: string }, view: View) {
    if (!ctx.person) return
    const parsed = parsePeriod(ctx.match, localDateOf(new Date()))
    if (!parsed.ok) {
      return ctx.reply(
        parsed.reason === 'UNREADABLE'
          ? ctx.t('statistics:badPeriod')
          : ctx.t('statistics:periodOutOfRange', { first: FIRST_STATISTICS_YEAR }),
      )
    }
    return respond(ctx, parsed.period, null, view)
  }

  /** `/export [period]`: every ticket of the person's scope as XLSX, contacts masked (full contacts: admin CLI only). */
  feature.command('export', async (ctx) => {
    if (!ctx.person) return
    const parsed = parsePeriod(ctx.match, localDateOf(new Date()))
    if (!parsed.ok) return ctx.reply(ctx.t('statistics:export.usage'))
    const groupStationId = ctx.chat.type === 'private' ? null : await services.statistics.stationOfChat(ctx.chat.id)
    const resolved = await services.statistics.resolveScope(ctx.person.id, null, groupStationId)
    if (!resolved.ok) return ctx.reply(ctx.t(`statistics:refused.${resolved.reason}`))
    const directory = await mkdtemp(join(tmpdir(), 'grid-export-'))
    try {
      const file = join(directory, 'tickets.xlsx')
      const request = {
        period: parsed.period,
        scope: resolved.scope,
        format: 'xlsx' as const,
        withContacts: false,
        // Staff of the station read it (resolveScope checked): the handling bureau's own file, reporters masked.
        forHandlingBureau: true,
        t: translator.forLocale('zh-CN'),
      }
      const count = await exportTickets(services.statistics.database, request, createWriteStream(file))
      if (count === 0) return ctx.reply(ctx.t('statistics:export.empty'))
      const period = periodLabel(parsed.period, ctx.t)
      const scopeName = await services.statistics.scopeName(resolved.scope)
      const scope =
        resolved.scope.level === 'CITY'
          ? ctx.t('statistics:cityScope')
          : scopeName
            ? ctx.locale === 'en'
              ? scopeName.en
              : scopeName.zh
            : ''
      return ctx.replyWithDocument(new InputFile(file, `${scope}-${period}.xlsx`), {
        caption: ctx.t('statistics:export.caption', { scope, period, count }),
      })
    } finally {
      await rm(directory, { recursive: true, force: true })
    }
  })
  feature.command('stats', (ctx) => typed(ctx, 's'))
  feature.command('summary', (ctx) => typed(ctx, 'w'))
  feature.callbackQuery(statisticsCallback.filter, async (ctx) => {
    const button = statisticsCallback.decode(ctx.callbackQuery.data)
    if (!button || !ctx.person) return answerCallbackOnce(ctx, ctx.t('access:staleButton'), true)
    const allowed = await services.statistics.resolveScope(ctx.person.id, button.scope, null)
    if (!allowed.ok) return answerCallbackOnce(ctx, ctx.t(`statistics:refused.${allowed.reason}`), true)
    await answerCallbackOnce(ctx, ctx.t('statistics:working'))
    await respond(ctx, button.period, button.scope, button.view)
  })
  return feature
}

function renderStatistics(ctx: BotContext, report: StatisticsReport): string {
  return [
    ctx.t('statistics:title', {
      scope: escapeHtml(scopeLabel(report, ctx.t, ctx.locale)),
      period: escapeHtml(periodLabel(report.period, ctx.t)),
    }),
    ...statisticsLines(report, ctx.t, ctx.locale).map(escapeHtml),
  ].join('\n')
}
