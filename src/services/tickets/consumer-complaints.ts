import type { Database, Prisma } from '../../db/client.ts'
import type { BusinessLocation, EvidenceFile } from '../../domain/intake-form/draft.ts'
import type { FollowedUpBusiness } from '../../domain/intake-form/form-state.ts'
import { type ComplaintKind, type ComplaintStatus, isOpenStatus } from '../../domain/lifecycle/index.ts'
import type { RuleId } from '../../domain/rules/statutory-rules.ts'
import type { Logger } from '../../logging/logger.ts'
import { MAX_MESSAGE_LENGTH } from '../../telegram/split-text.ts'
import { loadActor, rolesOnComplaint } from '../access/access-policy.ts'
import { notificationJob } from '../notifications/registry.ts'
import { type Outbox, recordOutboxJobs } from '../outbox/outbox.ts'

/** One line of the consumer's `/my` list. */
export interface ComplaintSummary {
  id: string
  trackingNumber: string
  kind: ComplaintKind
  status: ComplaintStatus
  respondentName: string
  submittedAt: Date
}

/** A page of the consumer's own complaints, newest first. */
export interface ComplaintPage {
  items: ComplaintSummary[]
  page: number
  pages: number
  total: number
}

/** A step of the timeline the consumer sees (internal notes and relayed messages are left out). */
export interface TimelineEntry {
  action: string
  toStatus: ComplaintStatus | null
  at: Date
}

export interface ComplaintDetail extends ComplaintSummary {
  station: { name: string; nameEn: string | null; phone: string | null; address: string | null } | null
  /** A complaint's acceptance decision, a report's filing decision: set once a bureau station received it. */
  decisionDueOn: string | null
  decisionDueFinal: boolean
  mediationDueOn: string | null
  mediationDueFinal: boolean
  /** Whether a bureau station received it (the statutory clocks run). */
  bureauReceived: boolean
  recoveredFen: bigint | null
  ground: string | null
  rule: RuleId
  accepted: boolean
  satisfaction: number | null
  timeline: TimelineEntry[]
  /** Still being handled: the consumer may withdraw it or add information. */
  open: boolean
  /** The closed complaint this one was filed anew about. */
  previousTrackingNumber: string | null
  /** The latest pause of a statutory clock (检测、检验、鉴定; waiting for proof of identity), if any. */
  pause: ClockPauseView | null
}

export interface ClockPauseView {
  clock: string
  reason: string
  startedOn: string
  endedOn: string | null
  /** The time kept out of the period, in its unit (working days; calendar days for Order 121's mediation). */
  pausedDays: number | null
}

/** A file the consumer sends with added information: the same shape as evidence given in the form. */
export type AddedFile = EvidenceFile

export type AddInformationResult =
  | { status: 'added'; trackingNumber: string }
  | { status: 'not-open'; trackingNumber: string }
  | { status: 'not-found' }

const CONSUMER_TIMELINE = [
  'SUBMIT',
  'ROUTE',
  'TRANSFER',
  'ESCALATE',
  'START_LOCAL_MEDIATION',
  'SETTLE_LOCALLY',
  'ACCEPT',
  'REJECT',
  'START_MEDIATION',
  'RECORD_AGREEMENT',
  'END_MEDIATION',
  'START_VERIFICATION',
  'EXTEND_FILING_DECISION',
  'FILE_CASE',
  'NOT_FILE',
  'CASE_FILE',
  'CASE_NOT_FILE',
  'CASE_DECIDE',
  'ANSWER',
  'CLOSE',
  'REOPEN',
  'CORRECT_CLOSING',
  'WITHDRAW',
  'ADD_INFORMATION',
  'RATE',
]

const PAGE_SIZE = 5
const isoDate = (date: Date | null) => date?.toISOString().slice(0, 10) ?? null

/** The consumer's side of their complaints: the list, the detail with its timeline, added information. */
export function createConsumerComplaints(deps: { db: Database; outbox: Outbox; log: Logger }) {
  const { db, outbox } = deps

  /** The complaint, if the person is its consumer (decided by the access policy). */
  async function ownComplaint(personId: number, complaintId: string) {
    const complaint = await db.complaint.findUnique({
      where: { id: complaintId },
      include: { station: true, previous: { select: { trackingNumber: true } } },
    })
    if (!complaint) return undefined
    const roles = rolesOnComplaint(await loadActor(db, personId), complaint)
    return roles.includes('CONSUMER') ? complaint : undefined
  }

  return {
    /** A page (from 0) of the person's own complaints, newest first; a page past the end shows the last one. */
    async listComplaints(personId: number, page: number): Promise<ComplaintPage> {
      const total = await db.complaint.count({ where: { consumerId: personId, originId: null } })
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
      const current = Math.min(Math.max(0, Math.trunc(page)), pages - 1)
      const rows = await db.complaint.findMany({
        // originId: a case that used to be a ticket (before cases had their own record) is not the consumer's.
        where: { consumerId: personId, originId: null },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: current * PAGE_SIZE,
        take: PAGE_SIZE,
        select: { id: true, trackingNumber: true, kind: true, status: true, respondentName: true, submittedAt: true },
      })
      return { items: rows, page: current, pages, total }
    },

    /** The person's open complaints (for "which complaint is this about?"). */
    async openComplaints(personId: number): Promise<ComplaintSummary[]> {
      const rows = await db.complaint.findMany({
        where: { consumerId: personId, originId: null },
        orderBy: { createdAt: 'desc' },
        take: 50,
        select: { id: true, trackingNumber: true, kind: true, status: true, respondentName: true, submittedAt: true },
      })
      return rows.filter((row) => isOpenStatus(row.status)).slice(0, 10)
    },

    /** One of the person's complaints with its timeline; undefined when it is not theirs (or does not exist). */
    async complaintDetail(personId: number, complaintId: string): Promise<ComplaintDetail | undefined> {
      const complaint = await ownComplaint(personId, complaintId)
      if (!complaint) return undefined
      const [events, pause] = await Promise.all([
        db.complaintEvent.findMany({
          where: { complaintId, action: { in: CONSUMER_TIMELINE } },
          orderBy: { id: 'asc' },
          select: { action: true, toStatus: true, createdAt: true, data: true },
        }),
        db.clockPause.findFirst({ where: { complaintId }, orderBy: { id: 'desc' } }),
      ])
      return {
        id: complaint.id,
        trackingNumber: complaint.trackingNumber,
        kind: complaint.kind,
        status: complaint.status,
        respondentName: complaint.respondentName,
        submittedAt: complaint.submittedAt,
        station: complaint.station && {
          name: complaint.station.name,
          nameEn: complaint.station.nameEn,
          phone: complaint.station.phone,
          address: complaint.station.address,
        },
        decisionDueOn: isoDate(complaint.decisionDueOn),
        decisionDueFinal: complaint.dueDatesFinal,
        mediationDueOn: isoDate(complaint.mediationDueOn),
        mediationDueFinal: complaint.mediationDueFinal,
        bureauReceived: complaint.bureauReceivedAt !== null,
        recoveredFen: complaint.recoveredFen,
        ground: complaint.ground,
        rule: complaint.rule,
        accepted: complaint.acceptedAt !== null,
        satisfaction: complaint.satisfaction,
        timeline: events.map((event) => ({
          action: timelineAction(event),
          toStatus: event.toStatus,
          at: event.createdAt,
        })),
        open: isOpenStatus(complaint.status),
        previousTrackingNumber: complaint.previous?.trackingNumber ?? null,
        pause: pause && {
          clock: pause.clock,
          reason: pause.reason,
          startedOn: pause.startedOn.toISOString().slice(0, 10),
          endedOn: pause.endedOn ? pause.endedOn.toISOString().slice(0, 10) : null,
          pausedDays: pause.pausedWorkingDays,
        },
      }
    },

    /**
     * The business of one of the person's own complaints that is over, for a new complaint about it (there is no
     * statutory reopening); undefined when it is not theirs, not a complaint, or still being handled.
     */
    async followUpSource(personId: number, complaintId: string): Promise<FollowedUpBusiness | undefined> {
      const complaint = await ownComplaint(personId, complaintId)
      if (complaint?.kind !== 'COMPLAINT' || isOpenStatus(complaint.status)) return undefined
      const location: BusinessLocation | null = complaint.isOnline
        ? {
            type: 'online',
            platformName: complaint.platformName ?? '',
            ...(complaint.platformCode ? { platformCode: complaint.platformCode } : {}),
          }
        : complaint.areaCode
          ? { type: 'area', areaCode: complaint.areaCode }
          : null
      return {
        complaintId: complaint.id,
        respondentName: complaint.respondentName,
        respondentAddress: complaint.respondentAddress,
        location,
      }
    },

    /**
     * Appends information or evidence the consumer sends to their open complaint (an event, and an attachment for
     * a file) and relays it to whoever handles the ticket; the card's evidence count follows.
     */
    async addInformation(
      personId: number,
      complaintId: string,
      content: { text?: string | undefined; file?: AddedFile | undefined },
    ): Promise<AddInformationResult> {
      const complaint = await ownComplaint(personId, complaintId)
      if (!complaint) return { status: 'not-found' }
      if (!isOpenStatus(complaint.status)) return { status: 'not-open', trackingNumber: complaint.trackingNumber }
      // Whole: Telegram delivers no longer message, and the relay splits what one message of the group cannot hold.
      const text = content.text?.trim().slice(0, MAX_MESSAGE_LENGTH) ?? ''
      const jobs = await db.$transaction(async (tx) => {
        if (content.file) {
          const { file } = content
          await tx.attachment.createMany({
            skipDuplicates: true,
            data: [
              {
                complaintId,
                kind: file.kind,
                fileId: file.fileId,
                fileUniqueId: file.fileUniqueId,
                fileName: file.fileName ?? null,
                mimeType: file.mimeType ?? null,
                sizeBytes: file.sizeBytes ?? null,
                addedById: personId,
              },
            ],
          })
        }
        const event = await tx.complaintEvent.create({
          data: {
            complaintId,
            actorId: personId,
            actorRole: 'CONSUMER',
            action: 'ADD_INFORMATION',
            fromStatus: complaint.status,
            toStatus: complaint.status,
            note: text === '' ? null : text,
            data: (content.file
              ? { file: { kind: content.file.kind, fileId: content.file.fileId } }
              : {}) as Prisma.InputJsonObject,
          },
        })
        const eventId = event.id.toString()
        const jobs = [
          notificationJob({ type: 'relay-to-station', complaintId, eventId }),
          notificationJob({ type: 'ticket-card-refresh', complaintId, eventId }),
        ]
        await recordOutboxJobs(tx, jobs)
        return jobs
      })
      await outbox.dispatch(jobs)
      return { status: 'added', trackingNumber: complaint.trackingNumber }
    },
  }
}

/** The step as the consumer's timeline names it: the comment after a rating is its own step, not a second rating. */
function timelineAction(event: { action: string; data: unknown }): string {
  const rated = typeof (event.data as { stars?: unknown } | null)?.stars === 'number'
  return event.action === 'RATE' && !rated ? 'RATE_COMMENT' : event.action
}
