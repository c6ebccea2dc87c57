/**
 * The training sandbox's views over the demo database: the guided walk-through (its steps tick from the latest
 * complaint's events) and the admin panel (stations, coverage, queue depth, invites).
 */
import type { Database } from '../../db/client.ts'
import type { MemberRole } from '../../generated/prisma/enums.ts'
import type { Queues } from '../../queue/queues.ts'
import { createInvites } from '../../services/access/invites.ts'

export const WALKTHROUGH_STEPS = ['filed', 'local', 'escalated', 'accepted', 'mediating', 'agreed', 'rated'] as const
export type WalkthroughStep = (typeof WALKTHROUGH_STEPS)[number]

const STEP_STATUSES: Partial<Record<WalkthroughStep, string[]>> = {
  local: ['LOCAL_MEDIATION', 'SETTLED_LOCALLY'],
  escalated: ['ESCALATED'],
  accepted: ['ACCEPTED'],
  mediating: ['MEDIATING'],
  agreed: ['AGREED'],
}

export interface Walkthrough {
  trackingNumber: string | null
  status: string | null
  done: Record<WalkthroughStep, boolean>
}

/** Which steps of the walk-through the most recent complaint has been through. */
export async function walkthrough(db: Database): Promise<Walkthrough> {
  const complaint = await db.complaint.findFirst({
    where: { kind: 'COMPLAINT' },
    orderBy: { createdAt: 'desc' },
    select: { id: true, trackingNumber: true, status: true, satisfaction: true },
  })
  const done = Object.fromEntries(WALKTHROUGH_STEPS.map((s) => [s, false])) as Record<WalkthroughStep, boolean>
  if (!complaint) return { trackingNumber: null, status: null, done }
  const events = await db.complaintEvent.findMany({ where: { complaintId: complaint.id }, select: { toStatus: true } })
  const reached = new Set(events.map((e) => e.toStatus).filter(Boolean) as string[])
  done.filed = true
  for (const [step, statuses] of Object.entries(STEP_STATUSES))
    done[step as WalkthroughStep] = statuses.some((s) => reached.has(s))
  done.rated = complaint.satisfaction !== null
  return { trackingNumber: complaint.trackingNumber, status: complaint.status, done }
}

export interface AdminView {
  stations: {
    code: string
    kind: string
    name: string
    nameEn: string | null
    bound: boolean
    coverage: string[]
    members: number
  }[]
  queues: Record<string, { waiting: number; active: number; delayed: number; failed: number }>
  invites: { code: string; role: string; station: string; expiresAt: string; redeemed: boolean }[]
}

/** Stations with what they cover and whether their group is bound, queue depths, and the invites made so far. */
export async function adminView(db: Database, queues: Queues): Promise<AdminView> {
  const stations = await db.station.findMany({
    orderBy: { code: 'asc' },
    select: {
      code: true,
      kind: true,
      name: true,
      nameEn: true,
      chatId: true,
      coverages: { select: { areaCode: true } },
      _count: { select: { memberships: { where: { revokedAt: null } } } },
    },
  })
  const counts: AdminView['queues'] = {}
  for (const name of ['route', 'notify'] as const) {
    const c = await queues[name].getJobCounts('waiting', 'active', 'delayed', 'failed')
    counts[name] = { waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0 }
  }
  const invites = await db.invite.findMany({
    orderBy: { createdAt: 'desc' },
    take: 20,
    include: { station: { select: { code: true } } },
  })
  return {
    stations: stations.map((s) => ({
      code: s.code,
      kind: s.kind,
      name: s.name,
      nameEn: s.nameEn,
      bound: s.chatId !== null,
      coverage: s.coverages.map((c) => c.areaCode),
      members: s._count.memberships,
    })),
    queues: counts,
    invites: invites.map((i) => ({
      code: i.code,
      role: i.role,
      station: i.station.code,
      expiresAt: i.expiresAt.toISOString(),
      redeemed: i.redeemedAt !== null,
    })),
  }
}

/** Creates a one-time invite as the admin panel's form asks; the answer names a refusal in the service's words. */
export async function createDemoInvite(
  db: Database,
  input: { role: MemberRole; stationCode: string; gridCodes: string[] },
): Promise<{ ok: true; code: string } | { ok: false; reason: string }> {
  const result = await createInvites({ db }).createInvite({
    ...input,
    ttlMs: 7 * 24 * 3600 * 1000,
    by: { via: 'CLI', user: 'demo-admin-panel' },
  })
  return result.ok ? { ok: true, code: result.invite.code } : { ok: false, reason: result.reason }
}

export interface MapArea {
  code: string
  level: 'DISTRICT' | 'STREET' | 'COMMUNITY'
  name: string
  nameEn: string | null
  latitude: number
  longitude: number
}

/** 眉山市's areas with coordinates (its codes start with 5114), for the page's map. */
export async function mapAreas(db: Database): Promise<MapArea[]> {
  const rows = await db.area.findMany({
    where: {
      code: { startsWith: '5114' },
      level: { in: ['DISTRICT', 'STREET', 'COMMUNITY'] },
      latitude: { not: null },
      longitude: { not: null },
    },
    orderBy: { code: 'asc' },
    select: { code: true, level: true, name: true, nameEn: true, latitude: true, longitude: true },
  })
  return rows.flatMap(({ latitude, longitude, ...a }) =>
    latitude === null || longitude === null ? [] : [{ ...a, level: a.level as MapArea['level'], latitude, longitude }],
  )
}
