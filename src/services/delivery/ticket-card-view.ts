import type { Database } from '../../db/client.ts'
import { relatedComplaints } from '../tickets/related-complaints.ts'
import type { AreaName, TicketCardView, TicketRedirectReason } from './ticket-card.ts'

/** The complaint does not exist (deleted, or a forged id in callback data). */
export class ComplaintNotFoundError extends Error {
  override name = 'ComplaintNotFoundError'
  constructor(complaintId: string) {
    super(`Complaint ${complaintId} does not exist.`)
  }
}

/**
 * Reads what a ticket card shows: the complaint, its place (district → grid names), its station, how many
 * pieces of evidence it has, and why it was redirected, if it was.
 * @throws ComplaintNotFoundError when there is no such complaint.
 */
export async function loadTicketCardView(db: Database, complaintId: string): Promise<TicketCardView> {
  const complaint = await db.complaint.findUnique({
    where: { id: complaintId },
    include: { station: true, _count: { select: { attachments: true } } },
  })
  if (!complaint) throw new ComplaintNotFoundError(complaintId)
  const [path, redirectedFrom, related] = await Promise.all([
    complaint.areaCode ? areaPath(db, complaint.areaCode) : Promise.resolve([]),
    redirect(db, complaintId),
    relatedComplaints(db, complaintId),
  ])
  return {
    complaintId: complaint.id,
    trackingNumber: complaint.trackingNumber,
    kind: complaint.kind,
    status: complaint.status,
    categoryCode: complaint.categoryCode,
    respondentName: complaint.respondentName,
    respondentAddress: complaint.respondentAddress,
    place: complaint.isOnline
      ? { type: 'online', platformName: complaint.platformName ?? '' }
      : path.length > 0
        ? { type: 'area', path }
        : { type: 'unknown' },
    incidentDate: complaint.incidentDate ? isoDate(complaint.incidentDate) : null,
    facts: complaint.facts,
    violation: complaint.violation,
    demands: complaint.demands,
    demandOther: complaint.demandOther,
    amountFen: complaint.amountFen,
    evidenceCount: complaint._count.attachments,
    contactName: complaint.contactName,
    contactPhone: complaint.contactPhone,
    anonymous: complaint.anonymous,
    decisionDueOn: complaint.decisionDueOn ? isoDate(complaint.decisionDueOn) : null,
    dueDatesFinal: complaint.dueDatesFinal,
    station: complaint.station && { id: complaint.station.id, name: complaint.station.name, nameEn: complaint.station.nameEn },
    redirectedFrom,
    related,
  }
}

/** The names from the district down to the picked area (the city is left out: every ticket is in it). */
async function areaPath(db: Database, areaCode: string): Promise<AreaName[]> {
  const rows = await db.$queryRaw<Array<{ name: string; name_en: string | null; level: string }>>`
    WITH RECURSIVE chain AS (
      SELECT code, level, name, name_en, parent_code, 0 AS depth FROM area WHERE code = ${areaCode}
      UNION ALL
      SELECT a.code, a.level, a.name, a.name_en, a.parent_code, c.depth + 1 FROM area a JOIN chain c ON a.code = c.parent_code WHERE c.depth < 10
    )
    SELECT name, name_en, level::text AS level FROM chain ORDER BY depth DESC`
  return rows.filter((row) => row.level !== 'CITY').map((row) => ({ name: row.name, nameEn: row.name_en }))
}

/** The latest routing or hand-over event that sent the ticket past the station the place belongs to. */
async function redirect(db: Database, complaintId: string): Promise<TicketCardView['redirectedFrom']> {
  const event = await db.complaintEvent.findFirst({
    where: { complaintId, action: { in: ['ROUTE', 'TRANSFER'] } },
    orderBy: { id: 'desc' },
  })
  const data = (event?.data ?? null) as { redirectedFrom?: string | null; redirectReason?: TicketRedirectReason } | null
  if (!data?.redirectedFrom) return null
  const station = await db.station.findUnique({ where: { code: data.redirectedFrom } })
  if (!station) return null
  return { stationName: { name: station.name, nameEn: station.nameEn }, reason: data.redirectReason ?? 'STATION_UNBOUND' }
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}
