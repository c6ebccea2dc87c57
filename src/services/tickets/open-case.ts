import { localDateOf } from '../../domain/calendar/local-date.ts'
import { formatTrackingNumber } from '../../domain/intake/tracking-number.ts'
import type { Prisma } from '../../db/client.ts'
import type { Complaint } from '../../generated/prisma/client.ts'
import { nextTrackingSequence } from '../intake/tracking-number-reservations.ts'

/** The case (a linked report) opened from a complaint. */
export interface OpenedCase {
  id: string
  trackingNumber: string
  eventId: bigint
}

/** The form id of the case opened from `originId`: unique, so one complaint opens at most one case. */
export function caseFormId(originId: string): string {
  return `case:${originId}`
}

/**
 * 诉转案: opens a report in CASE_FILED that points back at the complaint (`originId`), with its own tracking number
 * from the same daily sequence as filing. Runs inside the caller's transaction; a second case for the same
 * complaint fails on the unique form id, which the caller treats as "someone else acted first".
 */
export async function openCase(
  tx: Prisma.TransactionClient,
  origin: Complaint,
  actor: { personId: number; role: 'STAFF' | 'ADMIN' | 'LIAISON' },
  trackingPrefix: string,
  now: Date,
): Promise<OpenedCase> {
  const today = localDateOf(now)
  const trackingNumber = formatTrackingNumber(trackingPrefix, today, await nextTrackingSequence(tx, today))
  const created = await tx.complaint.create({
    data: {
      trackingNumber,
      formId: caseFormId(origin.id),
      kind: 'REPORT',
      status: 'CASE_FILED',
      consumerId: origin.consumerId,
      locale: origin.locale,
      respondentName: origin.respondentName,
      respondentAddress: origin.respondentAddress,
      areaCode: origin.areaCode,
      isOnline: origin.isOnline,
      platformName: origin.platformName,
      platformCode: origin.platformCode,
      categoryCode: origin.categoryCode,
      incidentDate: origin.incidentDate,
      amountFen: origin.amountFen,
      facts: origin.facts,
      demands: [],
      violation: origin.violation,
      contactName: origin.contactName,
      contactPhone: origin.contactPhone,
      stationId: origin.stationId,
      liaisonId: origin.liaisonId,
      rule: origin.rule,
      submittedAt: now,
      receivedAt: now,
      originId: origin.id,
      events: {
        create: {
          actorId: actor.personId,
          actorRole: actor.role,
          action: 'FILE_CASE',
          toStatus: 'CASE_FILED',
          data: { originId: origin.id, originTrackingNumber: origin.trackingNumber } as Prisma.InputJsonObject,
          createdAt: now,
        },
      },
    },
    include: { events: true },
  })
  const event = created.events[0]
  if (!event) throw new Error('the case was created without its event')
  return { id: created.id, trackingNumber: created.trackingNumber, eventId: event.id }
}
