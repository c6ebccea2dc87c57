import { type Database, Prisma } from '../../db/client.ts'
import { localDateOf } from '../../domain/calendar/local-date.ts'
import {
  isBureauStation,
  isLifecycleAction,
  type LifecycleAction,
  mayTakeOver,
  type TransitionRefusalReason,
} from '../../domain/lifecycle/index.ts'
import { DEFAULT_LOCAL_TARGET_WORKING_DAYS, localTarget, terminationGroundOpen } from '../../domain/rules/index.ts'
import type { Complaint } from '../../generated/prisma/client.ts'
import type { Logger } from '../../logging/logger.ts'
import { type ComplaintRole, loadActor, rolesOnComplaint } from '../access/access-policy.ts'
import { lastAction } from '../complaints/last-event.ts'
import { noticeStanding } from '../deadlines/owed-notice-query.ts'
import { type Outbox, type OutboxJob, recordOutboxJobs } from '../outbox/outbox.ts'
import { describeNeed, escalationTargetFor, liaisonCandidates, mediationDueOf, missingInput } from './action-inputs.ts'
import { type CaseStepTaken, takeCaseStep } from './enforcement-case.ts'
import { planContextOf, strongestPlan } from './strongest-plan.ts'
import type { TicketActionRequest, TicketActionResult } from './ticket-action-result.ts'
import { complaintChanges, eventData, followUpJobs, type HandOver } from './transition-changes.ts'

export interface TicketActionDeps {
  db: Database
  outbox: Outbox
  log: Logger
  /** A first-mile station's local target, for a ticket routed by hand (config LOCAL_TARGET_WORKING_DAYS). */
  localTargetWorkingDays?: number
}

// Actions that leave the status as it is: their check-and-set also compares updatedAt, so that two hand-overs (or
// two extensions) at the same moment cannot both happen. Case steps are guarded by the case's own check-and-set;
// notes never conflict.
const UNCHANGED_STATUS_GUARDED: ReadonlySet<LifecycleAction> = new Set([
  'TRANSFER',
  'ASSIGN_LIAISON',
  'EXTEND_FILING_DECISION',
  'RECORD_NOTICE',
])

/** Lifecycle actions on tickets: the one path by which staff, liaisons and consumers change a ticket. */
export function createTicketActions(deps: TicketActionDeps) {
  const { db, outbox, log } = deps

  /**
   * Takes `action` on the complaint for the person: loads the complaint and the actor, finds the strongest of the
   * actor's roles on it that the lifecycle allows, then in one transaction moves the status with a check-and-set
   * (`status = from`), sets the action's fields, appends the event and records the notifications (consumer status,
   * card refresh, new cards, rating prompt). A check-and-set that matches nothing means someone else acted
   * first: the result is `stale`, with who did what.
   */
  async function actOnTicket(request: TicketActionRequest, now = new Date()): Promise<TicketActionResult> {
    const complaint = await db.complaint.findUnique({ where: { id: request.complaintId } })
    if (!complaint) return { status: 'not-found' }
    const roles = rolesOnComplaint(await loadActor(db, request.personId), complaint)
    if (roles.length === 0) return { status: 'forbidden' }
    if (!isLifecycleAction(request.action)) return { status: 'refused', reason: 'UNKNOWN_ACTION' }
    const action = request.action
    const context = await planContextOf(db, complaint)
    // The station holding the ticket decides which acts its staff and 网格员 may take (station-powers.ts).
    const stationKind = complaint.stationId
      ? ((await db.station.findUnique({ where: { id: complaint.stationId }, select: { kind: true } }))?.kind ?? null)
      : null
    const { role, plan } = strongestPlan(complaint, roles, action, request.input ?? {}, { ...context, stationKind })
    const allowedOnceGiven = plan.ok || missingInput(plan.reason) !== undefined
    const notice = await noticeRefusal(complaint, action, allowedOnceGiven)
    if (notice) return { status: 'refused', reason: notice }
    // Where an escalation goes is known before its reason is asked: with nowhere to go, it is refused outright.
    const escalation = action === 'ESCALATE' && allowedOnceGiven ? await escalationHandOver(complaint) : null
    if (action === 'ESCALATE' && allowedOnceGiven && !escalation)
      return { status: 'refused', reason: 'NO_ESCALATION_TARGET' }
    if (!plan.ok) {
      // What was given so far is checked before more is asked: a transfer to a station that cannot take the ticket
      // is refused before its reason is typed.
      const given = request.input ?? {}
      if (missingInput(plan.reason) && (given.targetStationId || given.liaisonId !== undefined)) {
        const target = await checkTargets(complaint, given.targetStationId || undefined, given.liaisonId)
        if (target.problem) return { status: 'invalid-input', reason: target.problem }
      }
      return refusal(complaint, roles, action, plan.reason, now)
    }
    if (action === 'EXTEND_FILING_DECISION' && complaint.filingExtensionNote !== null)
      return { status: 'refused', reason: 'ALREADY_EXTENDED' }
    const ground = plan.event.ground
    const today = localDateOf(now)
    if (action === 'END_MEDIATION' && ground && !terminationGroundOpen(ground, today, mediationDueOf(complaint)))
      return { status: 'invalid-input', reason: 'PERIOD_NOT_EXPIRED' }

    const target = await checkTargets(complaint, plan.event.targetStationId, plan.event.liaisonId)
    if (target.problem) return { status: 'invalid-input', reason: target.problem }
    const handOver = action === 'ESCALATE' ? escalation : withLocalTarget(action, target.handOver, now)
    const changes = complaintChanges(complaint, plan.event, now, handOver)
    const guard = UNCHANGED_STATUS_GUARDED.has(action) ? { updatedAt: complaint.updatedAt } : {}

    let jobs: OutboxJob[] = []
    let outcome: Extract<TicketActionResult, { status: 'done' }> | undefined
    try {
      outcome = await db.$transaction(async (tx) => {
        const moved = await tx.complaint.updateMany({
          where: { id: complaint.id, status: plan.event.from, ...guard },
          data: changes,
        })
        if (moved.count === 0) return undefined
        // The case moves first, so that the event is written once with it (events are append-only).
        let caseStep: CaseStepTaken | null = null
        if (plan.effects.case) {
          if (role === 'CONSUMER') throw new Error('a consumer cannot act on a case')
          caseStep = (await takeCaseStep(tx, complaint, plan.effects.case, plan.event, now)) ?? null
          if (!caseStep) throw new CaseMovedMeanwhile()
        }
        const caseData = caseStep
          ? { caseId: caseStep.id, caseNumber: caseStep.caseNumber, caseFrom: caseStep.from, caseTo: caseStep.to }
          : {}
        const event = await tx.complaintEvent.create({
          data: {
            complaintId: complaint.id,
            actorId: request.personId,
            actorRole: role,
            action,
            fromStatus: plan.event.from,
            toStatus: plan.event.to,
            note: plan.event.note ?? null,
            ground: plan.event.ground ?? null,
            amountFen: plan.event.amountFen === undefined ? null : BigInt(plan.event.amountFen),
            data: { ...eventData(complaint, changes, plan), ...caseData },
            createdAt: now,
          },
        })
        const eventId = event.id.toString()
        jobs = followUpJobs(complaint, plan.event, eventId, changes)
        await recordOutboxJobs(tx, jobs)
        const movedCase = caseStep && { id: caseStep.id, caseNumber: caseStep.caseNumber, status: caseStep.to }
        return {
          status: 'done' as const,
          complaintId: complaint.id,
          trackingNumber: complaint.trackingNumber,
          action,
          from: plan.event.from,
          to: plan.event.to,
          eventId,
          case: movedCase,
        }
      })
    } catch (error) {
      // Two steps on the same case at the same moment: the case's unique origin (or its status check) lets one win.
      const lost =
        error instanceof CaseMovedMeanwhile ||
        (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      if (!lost) throw error
    }
    if (!outcome) return stale(complaint.id, roles)
    await outbox.dispatch(jobs)
    log.info({ complaintId: complaint.id, action, from: outcome.from, to: outcome.to, role }, 'ticket action taken')
    return outcome
  }

  /**
   * Refused before any input is asked for: recording a notice that is not owed (the bot delivered it, or it was
   * recorded already), and closing a complaint whose termination notice the bot could not deliver and nobody has
   * given yet (closing would drop a duty the law sets; the card says how to give it).
   */
  async function noticeRefusal(
    complaint: Complaint,
    action: LifecycleAction,
    allowedOtherwise: boolean,
  ): Promise<'NOTICE_NOT_OWED' | 'NOTICE_UNDELIVERED' | undefined> {
    if (!allowedOtherwise) return undefined
    if (action === 'RECORD_NOTICE' && !(await noticeStanding(db, complaint.id)).owed) return 'NOTICE_NOT_OWED'
    if (action === 'CLOSE' && complaint.status === 'MEDIATION_ENDED') {
      if ((await noticeStanding(db, complaint.id)).undelivered) return 'NOTICE_UNDELIVERED'
    }
    return undefined
  }

  async function refusal(
    complaint: Complaint,
    roles: readonly ComplaintRole[],
    action: LifecycleAction,
    reason: TransitionRefusalReason,
    now: Date,
  ): Promise<TicketActionResult> {
    if (reason === 'NOT_ALLOWED_FROM_STATUS') return stale(complaint.id, roles)
    const missing = missingInput(reason)
    if (missing)
      return {
        status: 'needs-input',
        complaintId: complaint.id,
        trackingNumber: complaint.trackingNumber,
        action,
        need: await describeNeed(db, complaint, action, missing, now),
      }
    if (reason === 'GROUND_UNKNOWN' || reason === 'AMOUNT_INVALID' || reason === 'OUTCOME_UNKNOWN')
      return { status: 'invalid-input', reason }
    return { status: 'refused', reason }
  }

  /**
   * The ticket as it is now and the last step taken on it; the actor's name only for people handling it, and only
   * when the actor handles it too (a consumer's or reporter's name is not for the stations to read here).
   */
  async function stale(complaintId: string, roles: readonly ComplaintRole[]): Promise<TicketActionResult> {
    const current = await db.complaint.findUniqueOrThrow({
      where: { id: complaintId },
      select: { status: true, trackingNumber: true },
    })
    const last = await lastAction(db, complaintId)
    const handler = roles.some((role) => role !== 'CONSUMER')
    return {
      status: 'stale',
      complaintId,
      trackingNumber: current.trackingNumber,
      currentStatus: current.status,
      lastAction: last && (handler && last.actorRole !== 'CONSUMER' ? last : { ...last, actorName: null }),
    }
  }

  async function checkTargets(
    complaint: Complaint,
    targetStationId: string | undefined,
    liaisonId: number | undefined,
  ): Promise<{ problem?: TargetProblem; handOver: HandOver | null }> {
    let handOver: HandOver | null = null
    if (targetStationId !== undefined) {
      const target = await db.station
        .findUnique({ where: { id: targetStationId }, select: { id: true, kind: true } })
        .catch(() => null)
      if (!target || target.id === complaint.stationId) return { problem: 'TARGET_STATION_UNKNOWN', handOver }
      if (!mayTakeOver(complaint.bureauReceivedAt !== null, target.kind))
        return { problem: 'TARGET_STATION_NOT_BUREAU', handOver }
      handOver = { stationId: target.id, bureau: isBureauStation(target.kind) }
    }
    if (liaisonId !== undefined) {
      const candidates = await liaisonCandidates(db, complaint)
      if (!candidates.some((candidate) => candidate.personId === liaisonId))
        return { problem: 'LIAISON_UNKNOWN', handOver }
    }
    return { handOver }
  }

  /** An escalation goes to the 市场监管所 covering the place, else the county center: a bureau station either way. */
  async function escalationHandOver(complaint: Complaint): Promise<HandOver | null> {
    const stationId = await escalationTargetFor(db, complaint)
    return stationId ? { stationId, bureau: true } : null
  }

  /** A ticket routed by hand to a first-mile station gets the local target routing would have set. */
  function withLocalTarget(action: LifecycleAction, handOver: HandOver | null, now: Date): HandOver | null {
    if (action !== 'ROUTE' || !handOver || handOver.bureau) return handOver
    const days = deps.localTargetWorkingDays ?? DEFAULT_LOCAL_TARGET_WORKING_DAYS
    return { ...handOver, localTargetOn: localTarget(now, days).date }
  }

  return { actOnTicket }
}

type TargetProblem = 'TARGET_STATION_UNKNOWN' | 'TARGET_STATION_NOT_BUREAU' | 'LIAISON_UNKNOWN'

/** Thrown inside the transaction when the case was moved by someone else: rolls the whole action back. */
class CaseMovedMeanwhile extends Error {
  override name = 'CaseMovedMeanwhile'
}
