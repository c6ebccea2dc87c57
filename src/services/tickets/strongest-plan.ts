import type { Database } from '../../db/client.ts'
import {
  type CaseState,
  type ComplaintStatus,
  type LifecycleAction,
  planTransition,
  type StationKind,
  type TransitionInput,
  type TransitionPlan,
} from '../../domain/lifecycle/index.ts'
import type { Complaint } from '../../generated/prisma/client.ts'
import type { ComplaintRole } from '../access/access-policy.ts'
import { groundCodes } from './action-inputs.ts'

/** What the lifecycle needs beyond the ticket itself. */
interface PlanContext {
  caseStatus: CaseState
  statusBeforeClosing: ComplaintStatus | undefined
}

/** The ticket's case status, and for a closed ticket the status its latest closing came from. */
export async function planContextOf(db: Database, complaint: Pick<Complaint, 'id' | 'status'>): Promise<PlanContext> {
  const [found, closing] = await Promise.all([
    db.enforcementCase.findUnique({ where: { originComplaintId: complaint.id }, select: { status: true } }),
    complaint.status === 'CLOSED'
      ? db.complaintEvent.findFirst({
          where: { complaintId: complaint.id, action: 'CLOSE' },
          orderBy: { id: 'desc' },
          select: { fromStatus: true },
        })
      : null,
  ])
  return { caseStatus: found?.status ?? 'NONE', statusBeforeClosing: closing?.fromStatus ?? undefined }
}

/** Tries the actor's roles strongest first; the first the lifecycle allows wins, else the most telling refusal. */
export function strongestPlan(
  complaint: Complaint,
  roles: readonly ComplaintRole[],
  action: LifecycleAction,
  input: TransitionInput,
  context: PlanContext & { stationKind: StationKind | null },
) {
  const grounds = groundCodes(complaint.rule)
  let refused: { role: ComplaintRole; plan: TransitionPlan } | undefined
  for (const role of roles) {
    const plan = planTransition({
      kind: complaint.kind,
      status: complaint.status,
      action,
      role,
      input,
      grounds,
      ...context,
    })
    if (plan.ok) return { role, plan }
    // "Not for your role" is the least telling answer: a later role may still be missing only an input.
    if (!refused || (refused.plan.ok === false && refused.plan.reason === 'NOT_ALLOWED_FOR_ROLE'))
      refused = { role, plan }
  }
  return (
    refused ?? { role: roles[0] ?? 'CONSUMER', plan: { ok: false, reason: 'NOT_ALLOWED_FOR_ROLE' } as TransitionPlan }
  )
}
