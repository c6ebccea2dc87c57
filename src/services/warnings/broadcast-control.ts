// Pausing, resuming and cancelling a broadcast, and finding the broadcasts that must run.
import type { Database } from '../../db/client.ts'
import type { BroadcastControl } from '../../telegram/callback-data/warnings.ts'
import { loadWarningAuthority } from './warning-authority.ts'

export type ControlResult =
  | { status: 'done'; state: 'PAUSED' | 'QUEUED' | 'CANCELLED' }
  | { status: 'not-allowed' }
  | { status: 'not-applicable'; state: string }
  | { status: 'missing' }

const FROM: Record<BroadcastControl, Array<'QUEUED' | 'SENDING' | 'PAUSED'>> = {
  pause: ['QUEUED', 'SENDING'],
  resume: ['PAUSED'],
  cancel: ['QUEUED', 'SENDING', 'PAUSED'],
}
const TO = { pause: 'PAUSED', resume: 'QUEUED', cancel: 'CANCELLED' } as const

/**
 * Who controls a broadcast: its author, staff of the station it was sent for, and admins; checked in the database
 * for every press. A running broadcast notices a pause or a cancel at its next claim (within a second or so).
 */
export function createBroadcastControl(deps: { db: Database; enqueue(warningId: number): Promise<void> }) {
  const { db } = deps
  return {
    async control(personId: number, warningId: number, control: BroadcastControl): Promise<ControlResult> {
      const warning = await db.warning.findUnique({ where: { id: warningId } })
      if (!warning || warning.status === 'DRAFT') return { status: 'missing' }
      const authority = await loadWarningAuthority(db, personId)
      const allowed =
        warning.authorId === personId ||
        authority.status === 'admin' ||
        (warning.stationId !== null &&
          (await db.membership.count({
            where: { personId, stationId: warning.stationId, role: 'STAFF', revokedAt: null },
          })) > 0)
      if (!allowed) return { status: 'not-allowed' }
      const { count } = await db.warning.updateMany({
        where: { id: warningId, status: { in: FROM[control] } },
        data: { status: TO[control], ...(control === 'cancel' ? { finishedAt: new Date() } : {}) },
      })
      if (count === 0) return { status: 'not-applicable', state: warning.status }
      if (control === 'resume') await deps.enqueue(warningId)
      return { status: 'done', state: TO[control] }
    },

    /** Broadcasts that should be running (queued or sending): the sweep enqueues them again after a Redis flush. */
    async unfinished(): Promise<number[]> {
      const rows = await db.warning.findMany({
        where: { status: { in: ['QUEUED', 'SENDING'] } },
        select: { id: true },
        orderBy: { id: 'asc' },
      })
      return rows.map((row) => row.id)
    },
  }
}

export type BroadcastControls = ReturnType<typeof createBroadcastControl>
