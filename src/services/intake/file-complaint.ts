import { randomBytes } from 'node:crypto'
import { localDateOf, plusDays, startOfLocalDay, type LocalDate } from '../../domain/calendar/local-date.ts'
import type { ConfirmedIntake } from '../../domain/intake-form/draft.ts'
import { formatTrackingNumber } from '../../domain/intake/tracking-number.ts'
import { statutoryDeadlines } from '../../domain/rules/statutory-deadlines.ts'
import type { RuleId } from '../../domain/rules/statutory-rules.ts'
import { Prisma, type Database } from '../../db/client.ts'
import type { Logger } from '../../logging/logger.ts'
import { outboxRow, type Outbox, type OutboxJob } from '../outbox/outbox.ts'

export interface FiledComplaint {
  id: string
  trackingNumber: string
  kind: ConfirmedIntake['kind']
  rule: RuleId
  /** The last day the station may accept or reject, by law (7 working days). */
  decisionDue: LocalDate
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
}

/** The route job of a complaint; its id is the complaint's id, so a complaint is routed once. */
export function routeJob(complaintId: string): OutboxJob {
  return { queue: 'route', jobId: complaintId, payload: { complaintId } }
}

/**
 * Files a confirmed form: the complaint, its attachments, its first event and its route job are written in
 * one transaction; the route job is handed to BullMQ after the commit (and by the sweeper if that fails).
 */
export function createComplaintFiling(deps: FilingDeps) {
  const { db, outbox, log } = deps

  async function fileComplaint(intake: ConfirmedIntake, consumerId: number, now = new Date()): Promise<FileComplaintResult> {
    const existing = await findByForm(intake.formId)
    if (existing) return { status: 'already-filed', complaint: existing }
    const today = localDateOf(now)
    if ((await countFiledOn(consumerId, today)) >= deps.maxPerDay) return { status: 'daily-limit', limit: deps.maxPerDay }
    try {
      // The day's number is taken in its own statement: inside the transaction its row lock would make every
      // concurrent filing wait for this one to commit. A failed filing leaves a gap, which is harmless.
      const sequence = await nextSequence(db, localDateOf(now))
      const complaint = await insertComplaint(intake, consumerId, now, sequence)
      log.info({ complaintId: complaint.id, kind: complaint.kind }, 'complaint filed')
      await outbox.dispatch([routeJob(complaint.id)])
      return { status: 'filed', complaint }
    } catch (error) {
      // Two processes confirming the same form at once: the unique form id lets exactly one insert win.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        const winner = await findByForm(intake.formId)
        if (winner) return { status: 'already-filed', complaint: winner }
      }
      throw error
    }
  }

  /**
   * One batch transaction (no read in between, so no interactive transaction): the complaint — its id made
   * here, so the rows that point at it need not wait for it — its attachments, its first event, its route job.
   */
  async function insertComplaint(intake: ConfirmedIntake, consumerId: number, now: Date, sequence: number): Promise<FiledComplaint> {
    const deadlines = statutoryDeadlines(now)
    const trackingNumber = formatTrackingNumber(deps.trackingPrefix, deadlines.receivedOn, sequence)
    const { draft } = intake
    const location = draft.location ?? null
    const id = uuidv7(now)
    const evidence = draft.evidence ?? []
    const complaint = db.complaint.create({
      select: { id: true, trackingNumber: true, kind: true, rule: true, decisionDueOn: true, dueDatesFinal: true },
      data: {
        id,
        trackingNumber,
        formId: intake.formId,
        kind: intake.kind,
        locale: intake.locale,
        consumerId,
        respondentName: draft.respondentName ?? '',
        respondentAddress: draft.respondentAddress ?? null,
        areaCode: location?.type === 'area' ? location.areaCode : null,
        isOnline: location?.type === 'online',
        platformName: location?.type === 'online' ? location.platformName : null,
        platformCode: location?.type === 'online' ? (location.platformCode ?? null) : null,
        categoryCode: draft.categoryCode ?? null,
        incidentDate: draft.incidentDate ? new Date(`${draft.incidentDate}T00:00:00Z`) : null,
        amountFen: draft.amountFen == null ? null : BigInt(draft.amountFen),
        facts: draft.facts ?? '',
        demands: draft.demands ?? [],
        demandOther: draft.demandOther ?? null,
        violation: draft.violation ?? null,
        contactName: draft.contactName ?? null,
        contactPhone: draft.contactPhone ?? null,
        anonymous: draft.anonymous ?? false,
        rule: deadlines.rule,
        submittedAt: now,
        decisionDueOn: new Date(`${deadlines.decisionDue}T00:00:00Z`),
        dueDatesFinal: deadlines.calendarPublished,
      },
    })
    const attachments = evidence.length === 0
      ? []
      : [
          db.attachment.createMany({
            data: evidence.map((file) => ({
              complaintId: id,
              kind: file.kind,
              fileId: file.fileId,
              fileUniqueId: file.fileUniqueId,
              fileName: file.fileName ?? null,
              mimeType: file.mimeType ?? null,
              sizeBytes: file.sizeBytes ?? null,
              addedById: consumerId,
            })),
          }),
        ]
    const event = db.complaintEvent.create({
      select: { id: true },
      data: { complaintId: id, actorId: consumerId, actorRole: 'CONSUMER', action: 'SUBMIT', toStatus: 'SUBMITTED', createdAt: now },
    })
    const outboxEntry = db.outboxEntry.createMany({ data: [outboxRow(routeJob(id), now)], skipDuplicates: true })
    // A burst of confirms queues for the connection pool; waiting beats failing the consumer (Prisma's default is 2 s).
    const [created] = await db.$transaction([complaint, ...attachments, event, outboxEntry], { maxWait: 15_000, timeout: 15_000 })
    return toFiled(created as Awaited<typeof complaint>)
  }

  async function findByForm(formId: string): Promise<FiledComplaint | undefined> {
    const found = await db.complaint.findUnique({ where: { formId } })
    return found ? toFiled(found) : undefined
  }

  async function countFiledOn(consumerId: number, day: LocalDate): Promise<number> {
    return db.complaint.count({ where: { consumerId, submittedAt: { gte: startOfLocalDay(day), lt: startOfLocalDay(plusDays(day, 1)) } } })
  }

  return { fileComplaint }
}

/** A version-7 UUID (RFC 9562: 48-bit Unix milliseconds, then random bits), as Prisma's `uuid(7)` default makes. */
export function uuidv7(now = new Date()): string {
  const bytes = randomBytes(16)
  let ms = now.getTime()
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256
    ms = Math.floor(ms / 256)
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** Atomically takes the next number of the day (INSERT … ON CONFLICT keeps concurrent filings apart); shared with 诉转案. */
export async function nextSequence(tx: Prisma.TransactionClient | Database, day: LocalDate): Promise<number> {
  const rows = await tx.$queryRaw<Array<{ last: number }>>`
    INSERT INTO tracking_sequence (day, last) VALUES (${day}::date, 1)
    ON CONFLICT (day) DO UPDATE SET last = tracking_sequence.last + 1
    RETURNING last`
  const last = rows[0]?.last
  if (last === undefined) throw new Error('tracking sequence returned no row')
  return last
}

function toFiled(row: { id: string; trackingNumber: string; kind: ConfirmedIntake['kind']; rule: RuleId; decisionDueOn: Date | null; dueDatesFinal: boolean }): FiledComplaint {
  return {
    id: row.id,
    trackingNumber: row.trackingNumber,
    kind: row.kind,
    rule: row.rule,
    decisionDue: (row.decisionDueOn ?? new Date()).toISOString().slice(0, 10) as LocalDate,
    decisionDueFinal: row.dueDatesFinal,
  }
}

export type ComplaintFiling = ReturnType<typeof createComplaintFiling>
