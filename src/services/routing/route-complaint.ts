import { localDateOf } from '../../domain/calendar/local-date.ts'
import { decideRouting, describeRoutingReason, type AreaRef, type BusinessPlace, type RoutingDecision } from '../../domain/routing/routing-decision.ts'
import { statutoryDeadlines } from '../../domain/rules/statutory-deadlines.ts'
import type { Database, Prisma } from '../../db/client.ts'
import type { Logger } from '../../logging/logger.ts'
import { notificationJob, type Notification } from '../delivery/notifications.ts'
import { completeOutboxJob, outboxJobsJson, type Outbox, type OutboxJob } from '../outbox/outbox.ts'
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

// Only what routing reads.
const COMPLAINT_TO_ROUTE = {
  id: true,
  status: true,
  isOnline: true,
  areaCode: true,
  platformName: true,
  platformCode: true,
} satisfies Prisma.ComplaintSelect

type ComplaintToRoute = Prisma.ComplaintGetPayload<{ select: typeof COMPLAINT_TO_ROUTE }>

/**
 * Routes a submitted complaint: decides the station from the directory, moves it to RECEIVED (the statutory
 * clock starts), logs the decision and its reason, and records the deliveries, all in one transaction
 * guarded by the SUBMITTED status, so a route job that runs twice routes once.
 */
export function createComplaintRouting(deps: { db: Database; outbox: Outbox; log: Logger }) {
  const { db, outbox, log } = deps

  async function routeComplaint(complaintId: string, now = new Date()): Promise<RouteOutcome> {
    const complaint = await db.complaint.findUnique({ where: { id: complaintId }, select: COMPLAINT_TO_ROUTE })
    if (!complaint) {
      await completeOutboxJob(db, complaintId)
      return { status: 'missing' }
    }
    if (complaint.status !== 'SUBMITTED') {
      await completeOutboxJob(db, complaintId)
      // The routing statement commits on its own, so a run that died right after it left its notify jobs
      // recorded but never dispatched: hand them to BullMQ now rather than a minute later by the sweeper.
      await outbox.redispatchPending(complaintId)
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
    const jobs = await recordRouting(complaint, result.decision, liaisonId, now)
    if (!jobs) return { status: 'already-routed' }
    await outbox.dispatch(jobs)
    const reason = describeRoutingReason(result.decision.reason)
    log.info({ complaintId, stationId: result.decision.station.id, reason }, 'complaint routed')
    return { status: 'routed', stationId: result.decision.station.id, reason, liaisonId }
  }

  async function placeOf(complaint: ComplaintToRoute): Promise<{ place: BusinessPlace; chain: AreaRef[] }> {
    if (complaint.isOnline) {
      // The platform is read only for online shops (an include would cost every complaint a second query).
      const picked = complaint.platformCode ? await db.platform.findUnique({ where: { code: complaint.platformCode }, select: { districtCode: true } }) : null
      const district = picked?.districtCode ?? (await platformDistrictByName(complaint.platformName))
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
    const liaisons = await db.$queryRaw<Array<{ personId: number }>>`
      SELECT m.person_id AS "personId" FROM liaison_grid g JOIN membership m ON m.id = g.membership_id
      WHERE g.area_code = ${grid.code} AND m.role = 'LIAISON' AND m.revoked_at IS NULL
      LIMIT 2`
    return liaisons.length === 1 ? liaisons[0]!.personId : null
  }

  /**
   * The routing write, in ONE statement (its data-modifying CTEs commit or fail together): the check-and-set
   * SUBMITTED → RECEIVED, the route job marked done, the ROUTE event and the notify jobs (the card's carries
   * the event id). Undefined when the complaint had already left SUBMITTED: nothing but the done mark is written.
   */
  async function recordRouting(complaint: ComplaintToRoute, decision: RoutingDecision, liaisonId: number | null, now: Date): Promise<OutboxJob[] | undefined> {
    const deadlines = statutoryDeadlines(now)
    const eventData = {
      reason: decision.reason,
      stationCode: decision.station.code,
      redirectedFrom: decision.redirectedFrom?.code ?? null,
      redirectReason: decision.redirectedFrom ? 'STATION_UNBOUND' : null,
      receivedOn: localDateOf(now),
    }
    // The consumer hears which station has the complaint once its card is posted (the card job announces it).
    const notifications = (announceEventId: string): Notification[] => [
      { type: 'ticket-card', complaintId: complaint.id, stationId: decision.station.id, announceEventId },
      ...(liaisonId ? [{ type: 'liaison-card' as const, complaintId: complaint.id, personId: liaisonId }] : []),
    ]
    // Written with a placeholder event id, replaced in SQL by the id the event insert returns.
    const EVENT_ID = '$event'
    const planned = notifications(EVENT_ID).map(notificationJob)
    const rows = await db.$queryRaw<Array<{ eventId: string }>>`
      WITH moved AS (
        UPDATE complaint SET
          status = 'RECEIVED', station_id = ${decision.station.id}, liaison_id = ${liaisonId}, received_at = ${now},
          rule = ${deadlines.rule}::"StatutoryRule", decision_due_on = ${deadlines.decisionDue}::date,
          due_dates_final = ${deadlines.calendarPublished}, updated_at = ${now}
        WHERE id = ${complaint.id} AND status = 'SUBMITTED'
        RETURNING id
      ), done AS (
        UPDATE outbox_entry SET status = 'DONE', done_at = ${now} WHERE job_id = ${complaint.id} AND status = 'PENDING'
      ), event AS (
        INSERT INTO complaint_event (complaint_id, actor_role, action, from_status, to_status, note, data, created_at)
        SELECT moved.id, 'SYSTEM'::"ActorRole", 'ROUTE', 'SUBMITTED'::"ComplaintStatus", 'RECEIVED'::"ComplaintStatus",
          ${describeRoutingReason(decision.reason)}, ${JSON.stringify(eventData)}::jsonb, ${now}
        FROM moved
        RETURNING id
      ), jobs AS (
        INSERT INTO outbox_entry (queue, job_id, payload, created_at)
        SELECT j.queue, j.job_id,
          CASE WHEN j.payload->>'announceEventId' = ${EVENT_ID} THEN j.payload || jsonb_build_object('announceEventId', event.id::text) ELSE j.payload END,
          ${now}
        FROM event, jsonb_to_recordset(${outboxJobsJson(planned)}::jsonb) AS j(queue text, job_id text, payload jsonb)
        ON CONFLICT (job_id) DO NOTHING
      )
      SELECT id::text AS "eventId" FROM event`
    const eventId = rows[0]?.eventId
    return eventId === undefined ? undefined : notifications(eventId).map(notificationJob)
  }

  return { routeComplaint }
}

export type ComplaintRouting = ReturnType<typeof createComplaintRouting>
