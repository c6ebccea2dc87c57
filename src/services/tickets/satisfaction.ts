import type { Database } from '../../db/client.ts'
import { isRateable } from '../../domain/lifecycle/index.ts'
import { loadActor, rolesOnComplaint } from '../access/access-policy.ts'
import { notificationJob } from '../notifications/registry.ts'
import { type Outbox, recordOutboxJobs } from '../outbox/outbox.ts'

export type RateResult =
  | { status: 'rated'; trackingNumber: string; stars: number }
  | { status: 'already-rated'; trackingNumber: string; stars: number }
  /** Only a closed (or locally settled) ticket can be rated. */
  | { status: 'not-closed' }
  | { status: 'forbidden' }

export type CommentResult =
  | { status: 'saved'; trackingNumber: string }
  | { status: 'not-rated' }
  | { status: 'forbidden' }

const MAX_COMMENT = 500

/** The consumer's satisfaction rating (1–5) after closing, with an optional comment; shown on the card. */
export function createSatisfaction(deps: { db: Database; outbox: Outbox }) {
  const { db, outbox } = deps

  async function consumerComplaint(personId: number, complaintId: string) {
    const complaint = await db.complaint.findUnique({ where: { id: complaintId } })
    if (!complaint) return undefined
    return rolesOnComplaint(await loadActor(db, personId), complaint).includes('CONSUMER') ? complaint : undefined
  }

  async function recordStep(complaintId: string, personId: number, note: string | null, stars: number | null) {
    const jobs = await db.$transaction(async (tx) => {
      const event = await tx.complaintEvent.create({
        data: {
          complaintId,
          actorId: personId,
          actorRole: 'CONSUMER',
          action: 'RATE',
          note,
          ...(stars !== null ? { data: { stars } } : {}),
        },
      })
      const jobs = [notificationJob({ type: 'ticket-card-refresh', complaintId, eventId: event.id.toString() })]
      await recordOutboxJobs(tx, jobs)
      return jobs
    })
    await outbox.dispatch(jobs)
  }

  return {
    /** Stores a rating once (the first tap counts) and refreshes the card. */
    async rate(personId: number, complaintId: string, stars: number): Promise<RateResult> {
      if (!Number.isInteger(stars) || stars < 1 || stars > 5) return { status: 'forbidden' }
      const complaint = await consumerComplaint(personId, complaintId)
      if (!complaint) return { status: 'forbidden' }
      if (!isRateable(complaint.status)) return { status: 'not-closed' }
      const saved = await db.complaint.updateMany({
        where: { id: complaintId, satisfaction: null, status: complaint.status },
        data: { satisfaction: stars },
      })
      if (saved.count === 0) {
        const current = await db.complaint.findUniqueOrThrow({ where: { id: complaintId } })
        return current.satisfaction === null
          ? { status: 'not-closed' }
          : { status: 'already-rated', trackingNumber: current.trackingNumber, stars: current.satisfaction }
      }
      await recordStep(complaintId, personId, null, stars)
      return { status: 'rated', trackingNumber: complaint.trackingNumber, stars }
    },

    /** Adds the optional comment to a rating given before (once). */
    async comment(personId: number, complaintId: string, text: string): Promise<CommentResult> {
      const complaint = await consumerComplaint(personId, complaintId)
      if (!complaint) return { status: 'forbidden' }
      const comment = text.trim().slice(0, MAX_COMMENT)
      const saved = await db.complaint.updateMany({
        where: { id: complaintId, satisfaction: { not: null }, satisfactionComment: null },
        data: { satisfactionComment: comment },
      })
      if (saved.count === 0 || comment === '') return { status: 'not-rated' }
      await recordStep(complaintId, personId, comment, null)
      return { status: 'saved', trackingNumber: complaint.trackingNumber }
    },
  }
}
