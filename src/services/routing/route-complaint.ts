import type { Database } from '../../db/client.ts'
import { type PreparedStatement, queryRows } from '../../db/sql.ts'
import { localDateOf } from '../../domain/calendar/local-date.ts'
import { DEFAULT_HOT_SPOT_RULE, HOT_SPOT_KINDS, type HotSpotRule } from '../../domain/hot-spots/hot-spot-rule.ts'
import { isBureauStation } from '../../domain/lifecycle/station-powers.ts'
import { decideRouting, describeRoutingReason, type RoutingDecision } from '../../domain/routing/routing-decision.ts'
import { ruleInForce } from '../../domain/rules/statutory-rules.ts'
import { bureauReceipt, DEFAULT_LOCAL_TARGET_WORKING_DAYS, localTarget } from '../../domain/rules/ticket-clocks.ts'
import type { Logger } from '../../logging/logger.ts'
import { type Notification, notificationJob } from '../notifications/registry.ts'
import { completeOutboxJob, markDoneSql, type Outbox, type OutboxJob, outboxJobsJson } from '../outbox/outbox.ts'
import { type ComplaintToRoute, loadRoutingContext } from './routing-context.ts'

/** The directory has no station at all for this complaint (not even a city center): retried later. */
export class NoStationError extends Error {
  override name = 'NoStationError'
  constructor(complaintId: string) {
    super(
      `No station can take complaint ${complaintId}: import a city or county 12315 center (npm run admin -- import).`,
    )
  }
}

export type RouteOutcome =
  | { status: 'routed'; stationId: string; reason: string; liaisonId: number | null }
  | { status: 'already-routed' }
  | { status: 'missing' }

/**
 * $1 station id, $2 liaison id, $3 now, $4 rule, $5 decision due date, $6 whether it is final, $7 complaint id,
 * $8 the event's note, $9 its data (jsonb), $10 the placeholder event id in $11, the notify jobs (jsonb), $12 the
 * receipt by a bureau station (null at a first-mile station), $13 the first-mile station's local target.
 */
const RECORD_ROUTING: PreparedStatement = {
  name: 'routing-record',
  text: `
    WITH moved AS (
      UPDATE complaint SET
        status = 'RECEIVED', station_id = $1, liaison_id = $2::int, received_at = $3::timestamp,
        rule = $4::"StatutoryRule", decision_due_on = $5::date, due_dates_final = $6::boolean, updated_at = $3::timestamp,
        bureau_received_at = $12::timestamp, local_target_on = $13::date
      WHERE id = $7 AND status = 'SUBMITTED'
      RETURNING id
    ), done AS (
      ${markDoneSql('$7', '$3::timestamp')}
    ), event AS (
      INSERT INTO complaint_event (complaint_id, actor_role, action, from_status, to_status, note, data, created_at)
      SELECT moved.id, 'SYSTEM'::"ActorRole", 'ROUTE', 'SUBMITTED'::"ComplaintStatus", 'RECEIVED'::"ComplaintStatus", $8, $9::jsonb, $3::timestamp
      FROM moved
      RETURNING id
    ), jobs AS (
      -- recordJobsSql's insert, but the consumer's announcement learns the id of the event just written.
      INSERT INTO outbox_entry (queue, job_id, payload, created_at)
      SELECT j.queue, j.job_id,
        CASE WHEN j.payload->>'announceEventId' = $10 THEN j.payload || jsonb_build_object('announceEventId', event.id::text) ELSE j.payload END,
        $3::timestamp
      FROM event, jsonb_to_recordset($11::jsonb) AS j(queue text, job_id text, payload jsonb)
      ON CONFLICT (job_id) DO NOTHING
    )
    SELECT id::text AS "eventId" FROM event`,
}

/**
 * Routes a submitted complaint: decides the station from the directory, moves it to RECEIVED (a bureau station's
 * receipt starts the statutory clocks; a first-mile station's gets a local target instead), logs the decision and its reason, and records the deliveries, all in one transaction
 * guarded by the SUBMITTED status, so a route job that runs twice routes once.
 */
export function createComplaintRouting(deps: {
  db: Database
  outbox: Outbox
  log: Logger
  localTargetWorkingDays?: number
  hotSpotRule?: HotSpotRule
  /** The clock that stamps the receipt (and so starts the statutory clocks); tests pass a controlled one. */
  now?: () => Date
}) {
  const { db, outbox, log } = deps
  const clock = deps.now ?? (() => new Date())
  const localTargetDays = deps.localTargetWorkingDays ?? DEFAULT_LOCAL_TARGET_WORKING_DAYS
  const hotSpotRule = deps.hotSpotRule ?? DEFAULT_HOT_SPOT_RULE

  async function routeComplaint(complaintId: string, now = clock()): Promise<RouteOutcome> {
    const context = await loadRoutingContext(db, complaintId)
    if (!context) {
      await completeOutboxJob(db, complaintId)
      return { status: 'missing' }
    }
    const { complaint, place, liaisonId } = context
    if (complaint.status !== 'SUBMITTED') {
      await completeOutboxJob(db, complaintId)
      // The routing statement commits on its own, so a run that died right after it left its notify jobs
      // recorded but never dispatched: hand them to BullMQ now rather than a minute later by the sweeper.
      await outbox.redispatchPending(complaintId)
      return { status: 'already-routed' }
    }
    const result = decideRouting(place, context.lookup)
    if (!result.ok) throw new NoStationError(complaintId)
    const jobs = await recordRouting(complaint, result.decision, liaisonId, now)
    if (!jobs) return { status: 'already-routed' }
    await outbox.dispatch(jobs)
    const reason = describeRoutingReason(result.decision.reason)
    log.info({ complaintId, stationId: result.decision.station.id, reason }, 'complaint routed')
    return { status: 'routed', stationId: result.decision.station.id, reason, liaisonId }
  }

  /**
   * The routing write, in ONE statement (its data-modifying CTEs commit or fail together): the check-and-set
   * SUBMITTED → RECEIVED, the route job marked done, the ROUTE event and the notify jobs (the card's carries
   * the event id). Undefined when the complaint had already left SUBMITTED: nothing but the done mark is written.
   */
  async function recordRouting(
    complaint: ComplaintToRoute,
    decision: RoutingDecision,
    liaisonId: number | null,
    now: Date,
  ): Promise<OutboxJob[] | undefined> {
    const bureau = isBureauStation(decision.station.kind)
    const receipt = bureau ? bureauReceipt(complaint.kind, now) : null
    const target = bureau ? null : localTarget(now, localTargetDays)
    const eventData = {
      reason: decision.reason,
      stationCode: decision.station.code,
      redirectedFrom: decision.redirectedFrom?.code ?? null,
      redirectReason: decision.redirectedFrom ? 'STATION_UNBOUND' : null,
      receivedOn: localDateOf(now),
      bureauReceipt: bureau,
    }
    // The consumer hears which station has the complaint once its card is posted (the card job announces it).
    const notifications = (announceEventId: string): Notification[] => [
      { type: 'ticket-card', complaintId: complaint.id, stationId: decision.station.id, announceEventId },
      ...(liaisonId ? [{ type: 'liaison-card' as const, complaintId: complaint.id, personId: liaisonId }] : []),
      ...((HOT_SPOT_KINDS as readonly string[]).includes(complaint.kind)
        ? [
            {
              type: 'hot-spot-suggestion' as const,
              complaintId: complaint.id,
              stationId: decision.station.id,
              ...hotSpotRule,
            },
          ]
        : []),
    ]
    // Written with a placeholder event id, replaced in SQL by the id the event insert returns.
    const EVENT_ID = '$event'
    const planned = notifications(EVENT_ID).map(notificationJob)
    const rows = await queryRows<{ eventId: string }>(db, RECORD_ROUTING, [
      decision.station.id,
      liaisonId,
      now.toISOString(),
      receipt?.rule ?? ruleInForce(localDateOf(now)),
      receipt?.decisionDue?.date ?? null,
      receipt?.decisionDue?.calendarPublished ?? true,
      complaint.id,
      describeRoutingReason(decision.reason),
      JSON.stringify(eventData),
      EVENT_ID,
      outboxJobsJson(planned),
      receipt ? now.toISOString() : null,
      target?.date ?? null,
    ])
    const eventId = rows[0]?.eventId
    return eventId === undefined ? undefined : notifications(eventId).map(notificationJob)
  }

  return { routeComplaint }
}

export type ComplaintRouting = ReturnType<typeof createComplaintRouting>
