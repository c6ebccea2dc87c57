import type { InlineKeyboardMarkup } from 'grammy/types'
import type { Database } from '../../db/client.ts'
import type { LocalDate } from '../../domain/calendar/local-date.ts'
import { activeWorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts'
import { type Clock, type DueStanding, dueStanding } from '../../domain/deadlines/index.ts'
import type { ComplaintKind } from '../../domain/lifecycle/kinds.ts'
import type { TFunction } from '../../i18n/translator.ts'
import { formatDate, localeOfT } from '../../telegram/format.ts'
import { escapeHtml } from '../../telegram/html.ts'
import { ticketsWithClocks } from './open-clocks-query.ts'

/** One line of the digest or of /due. */
export interface DueLine {
  complaintId: string
  trackingNumber: string
  kind: ComplaintKind
  business: string
  clock: Clock
  dueOn: LocalDate
  provisional: boolean
  standing: Exclude<DueStanding, 'LATER'>
}

/** The clocks of a station's tickets (or of a liaison's) that are overdue, due today or due soon on `today`. */
export async function dueLines(
  db: Database,
  scope: { stationId: string } | { liaisonId: number },
  today: LocalDate,
  lead?: number,
): Promise<DueLine[]> {
  const calendar = activeWorkingDayCalendar()
  const tickets =
    'stationId' in scope
      ? await ticketsWithClocks(db, { stationId: scope.stationId })
      : (await ticketsWithClocks(db)).filter((ticket) => ticket.liaisonId === scope.liaisonId)
  const lines: DueLine[] = []
  for (const ticket of tickets) {
    for (const clock of ticket.clocks) {
      const standing = dueStanding(clock.dueOn, today, calendar, lead)
      if (standing === 'LATER') continue
      lines.push({
        complaintId: ticket.complaintId,
        trackingNumber: ticket.trackingNumber,
        kind: ticket.kind,
        business: ticket.respondentName,
        clock: clock.clock,
        dueOn: clock.dueOn,
        provisional: clock.provisional,
        standing,
      })
    }
  }
  return lines.sort((a, b) =>
    a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.trackingNumber.localeCompare(b.trackingNumber),
  )
}

/**
 * The name of a clock, e.g. 受理决定 for a complaint's decision, 立案决定 for a report's; a first-mile station's
 * target is 就地化解 for a complaint, 上报 for a report (never mediated), 答复 for an inquiry.
 */
export function clockLabel(t: TFunction, clock: Clock, kind: ComplaintKind): string {
  const byKind = clock === 'DECISION' || clock === 'LOCAL_TARGET'
  return t(byKind ? `deadlines:clock.${clock}_${kind}` : `deadlines:clock.${clock}`)
}

/**
 * A link that opens a message of a supergroup (t.me/c/…) for its members; null for a basic group or a private chat,
 * which have no such links.
 */
export function messageLink(chatId: bigint | number, messageId: number): string | null {
  const id = String(chatId)
  return id.startsWith('-100') ? `https://t.me/c/${id.slice(4)}/${messageId}` : null
}

const MAX_LINES = 40

/**
 * The digest text (one message: overdue, due today, due within 2 working days) and a keyboard of buttons opening each
 * ticket's card; null when there is nothing to say. `cards` maps a complaint to its card's link.
 */
export function renderDueList(
  t: TFunction,
  title: string,
  lines: readonly DueLine[],
  cards: ReadonlyMap<string, string>,
): { text: string; keyboard: InlineKeyboardMarkup } | null {
  if (lines.length === 0) return null
  const out = [title]
  const shown = lines.slice(0, MAX_LINES)
  for (const [standing, heading] of [
    ['OVERDUE', 'overdue'],
    ['DUE_TODAY', 'dueToday'],
    ['DUE_SOON', 'dueSoon'],
  ] as const) {
    const group = shown.filter((line) => line.standing === standing)
    if (group.length === 0) continue
    out.push('', t(`deadlines:digest.${heading}`))
    for (const line of group) {
      const shownDate = formatDate(line.dueOn, localeOfT(t))
      const date = line.provisional ? `${shownDate}${t('deadlines:reminder.provisional')}` : shownDate
      out.push(
        t('deadlines:digest.line', {
          trackingNumber: escapeHtml(line.trackingNumber),
          business: escapeHtml(line.business),
          clock: clockLabel(t, line.clock, line.kind),
          date,
        }),
      )
    }
  }
  if (lines.length > shown.length) out.push(t('deadlines:digest.more', { count: lines.length - shown.length }))
  // One button per ticket, named after its first line.
  const firstLines = new Map<string, (typeof shown)[number]>()
  for (const line of shown) if (!firstLines.has(line.complaintId)) firstLines.set(line.complaintId, line)
  const buttons = [...firstLines.values()].flatMap((line) => {
    const url = cards.get(line.complaintId)
    return url ? [{ text: t('deadlines:button.open', { trackingNumber: line.trackingNumber }), url }] : []
  })
  const rows = []
  for (let index = 0; index < buttons.length; index += 2) rows.push(buttons.slice(index, index + 2))
  return { text: out.join('\n'), keyboard: { inline_keyboard: rows } }
}

/** Links to the ticket cards posted in `chatId`, for the listed tickets. */
export async function cardLinks(
  db: Database,
  chatId: bigint,
  complaintIds: readonly string[],
): Promise<Map<string, string>> {
  const cards = await db.chatMessage.findMany({
    where: { chatId, purpose: 'TICKET_CARD', complaintId: { in: [...complaintIds] } },
    orderBy: { id: 'asc' },
  })
  const links = new Map<string, string>()
  for (const card of cards) {
    const link = messageLink(card.chatId, card.messageId)
    if (link && !links.has(card.complaintId)) links.set(card.complaintId, link)
  }
  return links
}
