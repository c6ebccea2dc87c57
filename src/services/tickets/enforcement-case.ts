import type { Prisma } from '../../db/client.ts'
import { localDateOf } from '../../domain/calendar/local-date.ts'
import type { CaseState, CaseStatus, LifecycleEvent } from '../../domain/lifecycle/index.ts'
import type { Complaint } from '../../generated/prisma/client.ts'

/** The case a step opened or moved. */
export interface CaseStepTaken {
  id: string
  caseNumber: string
  from: CaseState
  to: CaseStatus
}

/** The number of the case opened from a ticket: the origin's tracking number with 案件's "AJ". */
export function caseNumberOf(originTrackingNumber: string): string {
  return `${originTrackingNumber}-AJ`
}

/**
 * Opens or moves the ticket's enforcement case inside the caller's transaction: 诉转案 opens it in VERIFYING, a
 * report's 立案 opens it FILED; later steps record the approval note (立案), the reason (不予立案), or the penalty
 * decision with its 罚没金额 and date. A move is a check-and-set on the case's status, and opening relies on the
 * unique origin: undefined, or a unique-constraint error, means someone else acted first.
 */
export async function takeCaseStep(
  tx: Prisma.TransactionClient,
  origin: Complaint,
  step: { from: CaseState; to: CaseStatus },
  event: LifecycleEvent,
  now: Date,
): Promise<CaseStepTaken | undefined> {
  const fields = caseFields(step.to, event, now)
  if (step.from === 'NONE') {
    const created = await tx.enforcementCase.create({
      data: {
        caseNumber: caseNumberOf(origin.trackingNumber),
        originComplaintId: origin.id,
        originKind: origin.kind,
        status: step.to,
        stationId: origin.stationId,
        openedAt: now,
        ...fields,
      },
      select: { id: true, caseNumber: true },
    })
    return { ...created, from: step.from, to: step.to }
  }
  const moved = await tx.enforcementCase.updateMany({
    where: { originComplaintId: origin.id, status: step.from },
    data: { status: step.to, stationId: origin.stationId, ...fields },
  })
  if (moved.count === 0) return undefined
  const found = await tx.enforcementCase.findUniqueOrThrow({
    where: { originComplaintId: origin.id },
    select: { id: true, caseNumber: true },
  })
  return { ...found, from: step.from, to: step.to }
}

type CaseFields = Partial<{
  filedAt: Date
  filingNote: string | null
  notFiledAt: Date
  notFiledReason: string | null
  decidedAt: Date
  decisionDate: Date
  penaltyFen: bigint
}>

function caseFields(to: CaseStatus, event: LifecycleEvent, now: Date): CaseFields {
  switch (to) {
    case 'VERIFYING':
      return {}
    case 'FILED':
      return { filedAt: now, filingNote: event.note ?? null }
    case 'NOT_FILED':
      return { notFiledAt: now, notFiledReason: event.note ?? null }
    case 'DECIDED':
      return {
        decidedAt: now,
        decisionDate: new Date(`${localDateOf(now)}T00:00:00Z`),
        penaltyFen: BigInt(event.amountFen ?? 0),
      }
  }
}
