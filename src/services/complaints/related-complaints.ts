import type { Database } from '../../db/client.ts'
import { OPEN_STATUSES } from '../../domain/lifecycle/index.ts'

/** Another open complaint about the same business at the same station. */
export interface RelatedComplaint {
  id: string
  trackingNumber: string
  /** A t.me link to its card when it sits in a supergroup, else null. */
  link: string | null
}

/**
 * A business name as people type it, reduced for comparison: full-width forms folded (NFKC), case, spaces and
 * punctuation dropped, so "好又多 超市" and "好又多超市。" match.
 */
export function normalizeBusinessName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '')
}

/** At most this many related complaints are named on a card, from at most this many open ones (oldest first). */
export const RELATED_COMPLAINTS = { shown: 10, candidates: 500 } as const

/** The candidates about the same business as `respondentName` (normalized), as many as a card names. */
export function sameBusiness<C extends { respondentName: string }>(
  respondentName: string,
  candidates: readonly C[],
): C[] {
  const name = normalizeBusinessName(respondentName)
  if (name === '') return []
  return candidates
    .filter((candidate) => normalizeBusinessName(candidate.respondentName) === name)
    .slice(0, RELATED_COMPLAINTS.shown)
}

/**
 * The other open complaints at the complaint's station about a business of the same (normalized) name: a
 * possible group dispute (§8.3), which the card points out with links to their cards.
 */
export async function relatedComplaints(db: Database, complaintId: string): Promise<RelatedComplaint[]> {
  const complaint = await db.complaint.findUnique({
    where: { id: complaintId },
    select: { stationId: true, respondentName: true, station: { select: { chatId: true } } },
  })
  if (!complaint?.stationId || normalizeBusinessName(complaint.respondentName) === '') return []
  const candidates = await db.complaint.findMany({
    where: { stationId: complaint.stationId, status: { in: [...OPEN_STATUSES] }, id: { not: complaintId } },
    select: { id: true, trackingNumber: true, respondentName: true },
    orderBy: { createdAt: 'asc' },
    take: RELATED_COMPLAINTS.candidates,
  })
  const related = sameBusiness(complaint.respondentName, candidates)
  const chatId = complaint.station?.chatId ?? null
  const cards =
    chatId === null || related.length === 0
      ? []
      : await db.chatMessage.findMany({
          where: { complaintId: { in: related.map((r) => r.id) }, purpose: 'TICKET_CARD', chatId },
        })
  return related.map((r) => {
    const card = cards.find((c) => c.complaintId === r.id)
    return { id: r.id, trackingNumber: r.trackingNumber, link: card ? messageLink(card.chatId, card.messageId) : null }
  })
}

/** https://t.me/c/<id>/<message> for a supergroup (-100…); private groups have no links. */
export function messageLink(chatId: bigint | string, messageId: number): string | null {
  const text = chatId.toString()
  return text.startsWith('-100') ? `https://t.me/c/${text.slice(4)}/${messageId}` : null
}
