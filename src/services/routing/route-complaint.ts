import { localDateOf } from '../../domain/calendar/local-date.ts'
import { decideRouting, describeRoutingReason, type AreaRef, type BusinessPlace, type RoutingDecision } from '../../domain/routing/routing-decision.ts'
import { statutoryDeadlines } from '../../domain/rules/statutory-deadlines.ts'
import type { Database, Prisma } from '../../db/client.ts'
import type { Logger } from '../../logging/logger.ts'
import { notificationJob, type Notification } from '../delivery/notifications.ts'
import { completeOutboxJob, recordOutboxJobs, type Outbox, type OutboxJob } from '../outbox/outbox.ts'
import { areaChain, loadCoverage } from './coverage-snapshot.ts'

/** The directory has no station at all for this complaint (not even a city center): retried later. */
export class NoStationError extends Error {
  override name = 'NoStationError'
  constructor(complaintId: string) {
    super(`No station can take complaint ${complaintId}: import a city or county 12315 center (npm run admin -- import).`)
  }
}

export type RouteOutcome =
  | { status: 'routed'; stationId: string; reason: string; liaisonId: number | null }
  | { status: 'already-routed' }
  | { status: 'missing' }

type ComplaintToRoute = Prisma.ComplaintGetPayload<{ include: { platform: true } }>

/**
 * Routes a submitted complaint: decides the station from the directory, moves it to RECEIVED (the statutory
 * clock starts), logs the decision and its reason, and records the deliveries, all in one transaction
 * guarded by the SUBMITTED status, so a route job that runs twice routes once.
 */
export function createComplaintRouting(deps: { db: Database; outbox: Outbox; log: Logger }) {
  const { db, outbox, log } = deps

  async function routeComplaint(complaintId: string, now = new Date()): Promise<RouteOutcome> {
    const complaint = await db.complaint.findUnique({ where: { id: complaintId }, include: { platform: true } })
    if (!complaint) {
      await completeOutboxJob(db, complaintId)
      return { status: 'missing' }
    }
    if (complaint.status !== 'SUBMITTED') {
      await completeOutboxJob(db, complaintId)
      return { status: 'already-routed' }
    }
    const { place, chain } = await placeOf(complaint)
    const districts = [...chain, ...(place.type === 'online' && place.platformDistrict ? [place.platformDistrict] : [])]
      .filter((area) => area.level === 'DISTRICT')
      .map((area) => area.code)
    const lookup = await loadCoverage(db, chain.map((area) => area.code), districts)
    const result = decideRouting(place, lookup)
    if (!result.ok) throw new NoStationError(complaintId)
    const liaisonId = await gridLiaison(chain)
    const jobs = await db.$transaction((tx) => recordRouting(tx, complaint, result.decision, liaisonId, now))
    if (!jobs) return { status: 'already-routed' }
    await outbox.dispatch(jobs)
    const reason = describeRoutingReason(result.decision.reason)
    log.info({ complaintId, stationId: result.decision.station.id, reason }, 'complaint routed')
    return { status: 'routed', stationId: result.decision.station.id, reason, liaisonId }
  }

  async function placeOf(complaint: ComplaintToRoute): Promise<{ place: BusinessPlace; chain: AreaRef[] }> {
    if (complaint.isOnline) {
      const district = complaint.platform?.districtCode ?? (await platformDistrictByName(complaint.platformName))
      const platformDistrict: AreaRef | undefined = district ? { code: district, level: 'DISTRICT' } : undefined
      return { place: { type: 'online', platformName: complaint.platformName ?? '', platformDistrict }, chain: [] }
    }
    if (!complaint.areaCode) return { place: { type: 'unknown' }, chain: [] }
    const chain = await areaChain(db, complaint.areaCode)
    return { place: chain.length > 0 ? { type: 'area', chain } : { type: 'unknown' }, chain }
  }

  /** A platform typed by name ("淘宝") rather than picked: matched against names and aliases. */
  async function platformDistrictByName(name: string | null): Promise<string | undefined> {
    if (!name) return undefined
    const platform = await db.platform.findFirst({ where: { OR: [{ name: { equals: name, mode: 'insensitive' } }, { aliases: { has: name } }] } })
    return platform?.districtCode ?? undefined
  }

  /** The liaison who looks after the business's grid, when exactly one active liaison does. */
  async function gridLiaison(chain: readonly AreaRef[]): Promise<number | null> {
    const grid = chain.find((area) => area.level === 'GRID')
    if (!grid) return null
    const liaisons = await db.liaisonGrid.findMany({
      where: { areaCode: grid.code, membership: { role: 'LIAISON', revokedAt: null } },
      include: { membership: true },
      take: 2,
    })
    return liaisons.length === 1 ? liaisons[0]!.membership.personId : null
  }

  async function recordRouting(
    tx: Prisma.TransactionClient,
    complaint: ComplaintToRoute,
    decision: RoutingDecision,
    liaisonId: number | null,
    now: Date,
  ): Promise<OutboxJob[] | undefined> {
    const deadlines = statutoryDeadlines(now)
    const moved = await tx.complaint.updateMany({
      where: { id: complaint.id, status: 'SUBMITTED' },
      data: {
        status: 'RECEIVED',
        stationId: decision.station.id,
        liaisonId,
        receivedAt: now,
        rule: deadlines.rule,
        decisionDueOn: new Date(`${deadlines.decisionDue}T00:00:00Z`),
        dueDatesFinal: deadlines.calendarPublished,
      },
    })
    await completeOutboxJob(tx, complaint.id)
    if (moved.count === 0) return undefined
    const event = await tx.complaintEvent.create({
      data: {
        complaintId: complaint.id,
        actorRole: 'SYSTEM',
        action: 'ROUTE',
        fromStatus: 'SUBMITTED',
        toStatus: 'RECEIVED',
        note: describeRoutingReason(decision.reason),
        data: {
          reason: decision.reason,
          stationCode: decision.station.code,
          redirectedFrom: decision.redirectedFrom?.code ?? null,
          redirectReason: decision.redirectedFrom ? 'STATION_UNBOUND' : null,
          receivedOn: localDateOf(now),
        } as Prisma.InputJsonObject,
        createdAt: now,
      },
    })
    // The consumer hears which station has the complaint once its card is posted (the card job announces it).
    const notifications: Notification[] = [
      { type: 'ticket-card', complaintId: complaint.id, stationId: decision.station.id, announceEventId: event.id.toString() },
      ...(liaisonId ? [{ type: 'liaison-card' as const, complaintId: complaint.id, personId: liaisonId }] : []),
    ]
    const jobs = notifications.map(notificationJob)
    await recordOutboxJobs(tx, jobs)
    return jobs
  }

  return { routeComplaint }
}

export type ComplaintRouting = ReturnType<typeof createComplaintRouting>
