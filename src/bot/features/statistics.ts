import { Composer } from 'grammy'
import { formatFen } from '../../domain/intake/amount.ts'
import { localDateOf } from '../../domain/calendar/local-date.ts'
import { yearPeriod, type StationStatistics } from '../../services/statistics/station-statistics.ts'
import type { Services } from '../../services/services.ts'
import type { BotContext } from '../context.ts'
import { escapeHtml } from '../../telegram/html.ts'

const FIRST_YEAR = 2019

/** `/stats [year]`: the work summary of the station (in its group) or of the staff member's station. */
export function statisticsFeature(services: Services) {
  const feature = new Composer<BotContext>()
  feature.command('stats', async (ctx) => {
    if (!ctx.person) return
    const year = requestedYear(ctx.match, new Date())
    if (year === undefined) return ctx.reply(ctx.t('statistics:badYear'))
    const stationId = ctx.chat.type === 'private' ? null : await services.statistics.stationOfChat(ctx.chat.id)
    if (ctx.chat.type !== 'private' && stationId === null) return ctx.reply(ctx.t('statistics:groupNotBound'))
    const result = await services.statistics.forActor(ctx.person.id, stationId, yearPeriod(year))
    if (!result.ok) return ctx.reply(ctx.t(`statistics:refused.${result.reason}`))
    return ctx.reply(renderStatistics(ctx, year, result.statistics), { parse_mode: 'HTML' })
  })
  return feature
}

function requestedYear(match: string, now: Date): number | undefined {
  const current = Number(localDateOf(now).slice(0, 4))
  const text = match.trim()
  if (text === '') return current
  const year = Number(text)
  return Number.isInteger(year) && year >= FIRST_YEAR && year <= current ? year : undefined
}

function renderStatistics(ctx: BotContext, year: number, statistics: StationStatistics): string {
  const { summary, station } = statistics
  const name = station ? (ctx.locale === 'en' ? (station.nameEn ?? station.name) : station.name) : ctx.t('statistics:allStations')
  return [
    ctx.t('statistics:title', { station: escapeHtml(name), year }),
    ctx.t('statistics:received', { inquiries: summary.inquiries, complaints: summary.complaints, reports: summary.reports }),
    ctx.t('statistics:handled', { resolved: summary.resolved, unresolved: summary.unresolved, open: summary.open }),
    ctx.t('statistics:settledLocally', { count: summary.settledLocally }),
    ctx.t('statistics:casesFiled', { count: summary.casesFiled, complaintCases: summary.complaintCases }),
    ctx.t('statistics:penalty', { amount: formatFen(Number(summary.penaltyFen), ctx.locale) }),
    ctx.t('statistics:recovered', { amount: formatFen(Number(summary.recoveredFen), ctx.locale) }),
    summary.averageRating === null
      ? ctx.t('statistics:noRatings')
      : ctx.t('statistics:rating', { average: summary.averageRating, count: summary.ratings }),
    ctx.t('statistics:overdue', { count: statistics.overdueDecisions }),
  ].join('\n')
}
