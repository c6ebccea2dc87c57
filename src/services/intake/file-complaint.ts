import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../../db/client.ts'
import { type LocalDate, plusDays, startOfLocalDay } from '../../domain/calendar/local-date.ts'
import { maskIdNumberForDisplay } from '../../domain/intake/masking.ts'
import { formatTrackingNumber } from '../../domain/intake/tracking-number.ts'
import type { ConfirmedIntake } from '../../domain/intake-form/draft.ts'
import { statutoryDeadlines } from '../../domain/rules/statutory-deadlines.ts'
import type { RuleId } from '../../domain/rules/statutory-rules.ts'
import type { Logger } from '../../logging/logger.ts'
import type { Outbox, OutboxJob } from '../outbox/outbox.ts'
import type { IdNumberCipher } from '../privacy/id-number-cipher.ts'
import { createComplaintInserts, type FiledRow, filedByForm } from './filing-statements.ts'
import { createTrackingNumberReservations } from './tracking-number-reservations.ts'

export interface FiledComplaint {
  id: string
  trackingNumber: string
  kind: ConfirmedIntake['kind']
  rule: RuleId
  /** Always null at filing: the statutory clocks start on receipt by a bureau station, not here. */
  decisionDue: LocalDate | null
  /** False when that day was counted past the published holiday calendar. */
  decisionDueFinal: boolean
}

export type FileComplaintResult =
  | { status: 'filed'; complaint: FiledComplaint }
  /** The same form was confirmed before (a double tap, or a redelivered update). */
  | { status: 'already-filed'; complaint: FiledComplaint }
  | { status: 'daily-limit'; limit: number }

export interface FilingDeps {
  db: Database
  outbox: Outbox
  log: Logger
  trackingPrefix: string
  maxPerDay: number
  idNumbers: IdNumberCipher
}

/** The route job of a complaint; its id is the complaint's id, so a complaint is routed once. */
export function routeJob(complaintId: string): OutboxJob {
  return { queue: 'route', jobId: complaintId, payload: { complaintId } }
}

/**
 * Files a confirmed form: a tracking number is reserved (unless the form was filed already or the daily cap is
 * reached), then the complaint, its attachments, its first event and its route job are written in one
 * statement; the route job is handed to BullMQ after that (and by the sweeper if that fails).
 */
export function createComplaintFiling(deps: FilingDeps) {
  const { db, outbox, log } = deps
  const reserveTrackingNumber = createTrackingNumberReservations(db)
  const insertComplaint = createComplaintInserts(db)

  async function fileComplaint(
    intake: ConfirmedIntake,
    consumerId: number,
    now = new Date(),
  ): Promise<FileComplaintResult> {
    const deadlines = statutoryDeadlines(now)
    const day = deadlines.receivedOn
    const reservation = await reserveTrackingNumber({
      formId: intake.formId,
      consumerId,
      day,
      dayStart: startOfLocalDay(day),
      dayEnd: startOfLocalDay(plusDays(day, 1)),
      maxPerDay: deps.maxPerDay,
    })
    if (reservation.outcome === 'daily-limit') return { status: 'daily-limit', limit: deps.maxPerDay }
    if (reservation.outcome === 'already-filed')
      return { status: 'already-filed', complaint: toFiled(reservation.filed) }
    const id = uuidv7({ msecs: now.getTime() })
    const inserted = await insertComplaint(
      {
        id,
        trackingNumber: formatTrackingNumber(deps.trackingPrefix, day, reservation.sequence),
        intake,
        consumerId,
        rule: deadlines.rule,
        submittedAt: now,
        // No statutory clock at filing: it starts when a bureau station receives the ticket (routing, escalation).
        decisionDue: null,
        dueDatesFinal: true,
        idNumber: intake.draft.idNumber
          ? {
              encrypted: deps.idNumbers.encrypt(intake.draft.idNumber),
              masked: maskIdNumberForDisplay(intake.draft.idNumber),
            }
          : null,
      },
      [routeJob(id)],
    )
    if (!inserted) {
      // Another confirm of the same form, at the same moment, won the insert; its number is the consumer's.
      const winner = await filedByForm(db, intake.formId)
      if (!winner) throw new Error(`filing form ${intake.formId}: insert lost a race but no complaint was found`)
      return { status: 'already-filed', complaint: toFiled(winner) }
    }
    log.info({ complaintId: id, kind: intake.kind }, 'complaint filed')
    await outbox.dispatch([routeJob(id)])
    return { status: 'filed', complaint: toFiled(inserted) }
  }

  return { fileComplaint }
}

function toFiled(row: FiledRow): FiledComplaint {
  return {
    id: row.id,
    trackingNumber: row.tracking_number,
    kind: row.kind,
    rule: row.rule,
    decisionDue: row.decision_due_on as LocalDate | null,
    decisionDueFinal: row.due_dates_final,
  }
}
