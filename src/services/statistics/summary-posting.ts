import { InputFile } from 'grammy'
import { z } from 'zod'
import type { Database } from '../../db/client.ts'
import { localDateOf } from '../../domain/calendar/local-date.ts'
import { defaultWorkingDayCalendar, type WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts'
import { periodFromKey, periodKey } from '../../domain/statistics/period.ts'
import { type StatisticsScope, scopeFromKey, scopeKey } from '../../domain/statistics/scope.ts'
import { SUMMARY_POSTING_HOUR, summariesDueOn } from '../../domain/statistics/summary-schedule.ts'
import type { Locale } from '../../i18n/locales.ts'
import type { Translator } from '../../i18n/translator.ts'
import type { Logger } from '../../logging/logger.ts'
import { escapeHtml } from '../../telegram/html.ts'
import { ChatNotReadyError, type TelegramSender } from '../../telegram/sending/telegram-sender.ts'
import { buildWorkSummaryDocx } from './documents.ts'
import type { StatisticsService } from './statistics-service.ts'
import { writeWorkSummary } from './work-summary-text.ts'

/** The outgoing message kind: one scheduled work summary (text and .docx) to one chat. */
export const type = 'summary-posting' as const

export const schema = z.object({
  type: z.literal(type),
  v: z.literal(1),
  periodKey: z.string().min(2).max(30),
  scopeKey: z.string().min(1).max(40),
  chatId: z.string().regex(/^-?\d+$/),
  locale: z.enum(['zh-CN', 'en']),
})

export type SummaryPostingPayload = z.infer<typeof schema>

/** Deterministic: the same summary to the same chat is one job. */
export function jobId(payload: SummaryPostingPayload): string {
  return `${type}:${payload.periodKey}:${payload.scopeKey}:${payload.chatId}`
}

export interface SummaryPostingDeps {
  db: Database
  /** The process's paced sender: summaries share Telegram's budget with every other message. */
  sender: Pick<TelegramSender, 'sendHtml' | 'sendUpload'>
  statistics: StatisticsService
  translator: Translator
  log: Logger
  calendar?: WorkingDayCalendar
}

/**
 * Posts one summary, at most once: the row in summary_posting (unique per period, scope and chat) is claimed
 * before sending, so neither a restart nor a lost Redis can post it twice. A failed send gives the claim back.
 */
export async function deliver(
  deps: SummaryPostingDeps,
  _job: { jobId: string },
  payload: SummaryPostingPayload,
): Promise<'sent' | 'already'> {
  const period = periodFromKey(payload.periodKey)
  const scope = scopeFromKey(payload.scopeKey)
  if (!period || !scope) throw new Error(`summary posting ${jobId(payload)}: unreadable period or scope`)
  const chatId = BigInt(payload.chatId)
  const claimed = await deps.db.$queryRaw<{ id: bigint }[]>`
    INSERT INTO summary_posting (period_key, scope_key, chat_id) VALUES (${payload.periodKey}, ${payload.scopeKey}, ${chatId})
    ON CONFLICT (period_key, scope_key, chat_id) DO NOTHING RETURNING id`
  const [claim] = claimed
  if (!claim) return 'already'
  try {
    const report = await deps.statistics.report(scope, period)
    if (!report) throw new Error(`summary posting ${jobId(payload)}: the scope no longer exists`)
    const t = deps.translator.forLocale(payload.locale)
    const summary = writeWorkSummary(report, t, payload.locale)
    await whenChatReady(() =>
      deps.sender.sendHtml(
        Number(chatId),
        [`<b>${escapeHtml(summary.title)}</b>`, ...summary.paragraphs.map(escapeHtml)].join('\n\n'),
      ),
    )
    const docx = await buildWorkSummaryDocx(report, t, payload.locale)
    await whenChatReady(() => deps.sender.sendUpload(Number(chatId), new InputFile(docx, `${summary.title}.docx`)))
    await deps.db.summaryPosting.update({ where: { id: claim.id }, data: { sentAt: new Date() } })
    return 'sent'
  } catch (error) {
    await deps.db.summaryPosting.delete({ where: { id: claim.id } })
    throw error
  }
}

/**
 * A scheduled posting is not a queued job that could be delayed: when the chat (or the bot's overall budget) is
 * not ready yet, it waits as long as the pacer says, a few times, before giving the claim back.
 */
async function whenChatReady<T>(send: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await send()
    } catch (error) {
      if (!(error instanceof ChatNotReadyError) || attempt >= attempts) throw error
      await new Promise((resolve) => setTimeout(resolve, error.waitMs))
    }
  }
}

/** Everything due at `now`: each bound station group that received something, and every city admin. */
export async function dueSummaryPostings(
  deps: Pick<SummaryPostingDeps, 'db' | 'calendar'>,
  now: Date,
  defaultLocale: Locale,
): Promise<SummaryPostingPayload[]> {
  const shanghaiHour = (now.getUTCHours() + 8) % 24
  const today = localDateOf(now)
  if (shanghaiHour < SUMMARY_POSTING_HOUR) return []
  const periods = summariesDueOn(today, deps.calendar ?? defaultWorkingDayCalendar)
  if (periods.length === 0) return []
  const [stations, admins] = await Promise.all([
    deps.db.station.findMany({ where: { chatId: { not: null } }, select: { id: true, chatId: true } }),
    deps.db.person.findMany({
      where: { memberships: { some: { role: 'ADMIN', revokedAt: null } }, reachable: true },
      select: { telegramId: true, locale: true },
    }),
  ])
  const boundStations = stations.flatMap(({ id, chatId }) => (chatId === null ? [] : [{ id, chatId }]))
  const payloads: SummaryPostingPayload[] = []
  const payload = (
    period: (typeof periods)[number],
    scope: StatisticsScope,
    chatId: bigint,
    locale: string | null,
  ): SummaryPostingPayload => ({
    type,
    v: 1,
    periodKey: periodKey(period),
    scopeKey: scopeKey(scope),
    chatId: String(chatId),
    locale: locale === 'en' ? 'en' : defaultLocale,
  })
  for (const period of periods) {
    for (const station of boundStations) {
      if (!(await receivedAnything(deps.db, station.id, period.from, period.to))) continue
      payloads.push(payload(period, { level: 'STATION', stationId: station.id }, station.chatId, defaultLocale))
    }
    for (const admin of admins) payloads.push(payload(period, { level: 'CITY' }, admin.telegramId, admin.locale))
  }
  return payloads
}

async function receivedAnything(db: Database, stationId: string, from: string, to: string): Promise<boolean> {
  const start = new Date(`${from}T00:00:00+08:00`)
  const end = new Date(`${to}T00:00:00+08:00`)
  // Its own tickets, and those it passed up (上报), which its summary counts too.
  const passedUp = { action: 'ESCALATE', data: { path: ['fromStationId'], equals: stationId } }
  const ticket = await db.complaint.findFirst({
    where: {
      originId: null,
      submittedAt: { gte: start, lt: end },
      OR: [{ stationId }, { events: { some: passedUp } }],
    },
    select: { id: true },
  })
  return ticket !== null
}

/** Posts every summary due at `now` that is not posted yet; returns how many were sent. */
export async function postDueSummaries(deps: SummaryPostingDeps, now: Date, defaultLocale: Locale): Promise<number> {
  let sent = 0
  for (const payload of await dueSummaryPostings(deps, now, defaultLocale)) {
    try {
      if ((await deliver(deps, { jobId: jobId(payload) }, payload)) === 'sent') sent += 1
    } catch (error) {
      deps.log.warn({ err: error, job: jobId(payload) }, 'summary posting failed; the next run retries it')
    }
  }
  return sent
}
