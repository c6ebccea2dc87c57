import { Composer } from 'grammy'
import { localDateOf } from '../../domain/calendar/local-date.ts'
import type { PauseReason } from '../../domain/deadlines/clock-pause.ts'
import type { PauseResult } from '../../services/deadlines/clock-pauses.ts'
import { cardLinks, clockLabel, renderDueList } from '../../services/deadlines/due-list.ts'
import type { Services } from '../../services/services.ts'
import { clockPauseCallback } from '../../telegram/callback-data/clock-pause.ts'
import { formatDate, pausedDaysContext } from '../../telegram/format.ts'
import { escapeHtml } from '../../telegram/html.ts'
import { answerCallbackOnce } from '../answer-callback.ts'
import type { BotContext } from '../context.ts'

const REASON_WORDS: Readonly<Record<string, PauseReason>> = {
  testing: 'TESTING',
  检测: 'TESTING',
  检验: 'TESTING',
  鉴定: 'TESTING',
  identity: 'IDENTITY_PROOF',
  身份: 'IDENTITY_PROOF',
  身份证明: 'IDENTITY_PROOF',
}

/**
 * `/due`: the tickets overdue, due today or within 2 working days, of the station (in its group) or of the staff
 * member's stations and the liaison's own tickets (privately). `/pause <no.> testing|identity` and `/resume <no.>`,
 * or the card's clock buttons: the bureau records 检测、检验、鉴定 or waiting for proof of identity; the service
 * checks who may.
 */
export function deadlinesFeature(services: Services) {
  const feature = new Composer<BotContext>()
  const { deadlines } = services

  feature.command('due', async (ctx) => {
    if (!ctx.person) return
    const today = localDateOf(deadlines.now())
    const db = services.deadlinesDb
    const memberships = await db.membership.findMany({
      where: { personId: ctx.person.id, revokedAt: null },
      include: { station: true },
    })
    const admin = memberships.some((m) => m.role === 'ADMIN')
    const messages: string[] = []
    const send = async (title: string, scope: { stationId: string } | { liaisonId: number }, chatId: bigint | null) => {
      const lines = await deadlines.dueList(scope, today)
      const links = chatId
        ? await cardLinks(
            db,
            chatId,
            lines.map((line) => line.complaintId),
          )
        : new Map<string, string>()
      const rendered = renderDueList(ctx.t, title, lines, links)
      if (rendered) {
        messages.push(title)
        await ctx.reply(rendered.text, { parse_mode: 'HTML', reply_markup: rendered.keyboard })
      }
    }
    if (ctx.chat.type !== 'private') {
      const stationId = await services.statistics.stationOfChat(ctx.chat.id)
      const station =
        memberships.find((m) => m.stationId === stationId)?.station ??
        (admin && stationId ? await db.station.findUnique({ where: { id: stationId } }) : null)
      if (
        !stationId ||
        !station ||
        !(admin || memberships.some((m) => m.stationId === stationId && m.role === 'STAFF'))
      )
        return ctx.reply(ctx.t('deadlines:due.noStation'))
      await send(
        ctx.t('deadlines:due.title', {
          scope: escapeHtml(stationTitle(ctx, station)),
          date: formatDate(today, ctx.locale),
        }),
        { stationId },
        station.chatId,
      )
      if (messages.length === 0) await ctx.reply(ctx.t('deadlines:due.nothing'))
      return
    }
    const staffOf = memberships.filter((m) => m.role === 'STAFF')
    if (staffOf.length === 0 && !memberships.some((m) => m.role === 'LIAISON'))
      return ctx.reply(ctx.t('deadlines:due.noStation'))
    for (const membership of staffOf) {
      await send(
        ctx.t('deadlines:due.title', {
          scope: escapeHtml(stationTitle(ctx, membership.station)),
          date: formatDate(today, ctx.locale),
        }),
        { stationId: membership.stationId },
        membership.station.chatId,
      )
    }
    if (memberships.some((m) => m.role === 'LIAISON')) {
      await send(
        ctx.t('deadlines:due.titleMine', { date: formatDate(today, ctx.locale) }),
        { liaisonId: ctx.person.id },
        null,
      )
    }
    if (messages.length === 0) await ctx.reply(ctx.t('deadlines:due.nothing'))
  })

  feature.command(['pause', 'resume'], async (ctx) => {
    if (!ctx.person) return
    const [trackingNumber, word] = ctx.match.trim().split(/\s+/)
    const pausing = ctx.message?.text?.startsWith('/pause') ?? false
    const reason = word ? REASON_WORDS[word.toLowerCase()] : undefined
    if (!trackingNumber || (pausing && !reason)) return ctx.reply(ctx.t('deadlines:pause.usage'))
    const now = deadlines.now()
    const number = trackingNumber.toUpperCase()
    const result =
      pausing && reason
        ? await deadlines.pauses.start(number, ctx.person.id, reason, now)
        : await deadlines.pauses.end(number, ctx.person.id, now)
    if (result.status === 'not-found') return ctx.reply(ctx.t('deadlines:pause.notFound', { trackingNumber: number }))
    return ctx.reply(pauseAnswer(ctx, result, 'message'), { parse_mode: 'HTML' })
  })

  /** A card's clock button (检测/鉴定开始, 等待身份证明, 恢复计时): the same service as the commands. */
  feature.callbackQuery(clockPauseCallback.filter, async (ctx) => {
    const request = clockPauseCallback.decode(ctx.callbackQuery.data)
    if (!request || !ctx.person) return answerCallbackOnce(ctx, ctx.t('access:staleButton'), true)
    const ticket = { complaintId: request.complaintId }
    const now = deadlines.now()
    const result =
      request.op === 'start'
        ? await deadlines.pauses.start(ticket, ctx.person.id, request.reason, now)
        : await deadlines.pauses.end(ticket, ctx.person.id, now)
    const done = result.status === 'started' || result.status === 'ended'
    return answerCallbackOnce(ctx, pauseAnswer(ctx, result, 'toast'), !done)
  })
  return feature
}

/**
 * What the bot answers a pause or resume: as a message (HTML) to a command, or as a button's toast (plain text;
 * the card itself is edited by the service's card refresh).
 */
function pauseAnswer(ctx: BotContext, result: PauseResult, as: 'message' | 'toast'): string {
  switch (result.status) {
    case 'not-found':
      return ctx.t('access:staleButton')
    case 'started': {
      const values = {
        trackingNumber: as === 'message' ? escapeHtml(result.trackingNumber) : result.trackingNumber,
        reason: ctx.t(`deadlines:pause.reason.${result.reason}`),
        clock: clockLabel(ctx.t, result.clock, 'COMPLAINT'),
        date: formatDate(result.startedOn, ctx.locale),
      }
      return ctx.t(as === 'message' ? 'deadlines:pause.started' : 'deadlines:pause.toast.started', values)
    }
    case 'ended': {
      const values = {
        trackingNumber: as === 'message' ? escapeHtml(result.trackingNumber) : result.trackingNumber,
        reason: ctx.t(`deadlines:pause.reason.${result.reason}`),
        clock: clockLabel(ctx.t, result.clock, 'COMPLAINT'),
        days: result.pausedDays,
        due: formatDate(result.dueOn, ctx.locale),
        ...pausedDaysContext(result.unit),
      }
      return ctx.t(as === 'message' ? 'deadlines:pause.ended' : 'deadlines:pause.toast.ended', values)
    }
    case 'forbidden':
      return ctx.t('deadlines:pause.forbidden')
    case 'not-pausable':
      return ctx.t('deadlines:pause.notPausable')
    case 'already-paused':
      return ctx.t('deadlines:pause.alreadyPaused')
    case 'not-paused':
      return ctx.t('deadlines:pause.notPaused')
  }
}

function stationTitle(ctx: BotContext, station: { name: string; nameEn: string | null }): string {
  return ctx.locale === 'en' && station.nameEn ? station.nameEn : station.name
}
