import type { Database } from '../../db/client.ts'
import { dayOfDateColumn, localDateOf } from '../../domain/calendar/local-date.ts'
import { isBelowDistrict } from '../../domain/directory/index.ts'
import type { ClosingOutcome, LifecycleAction, TransitionRefusalReason } from '../../domain/lifecycle/index.ts'
import { BUREAU_STATION_KINDS, CLOSING_OUTCOMES, isBureauStation } from '../../domain/lifecycle/index.ts'
import { type GroundArticle, type RuleId, statutoryRule, terminationGroundOpen } from '../../domain/rules/index.ts'
import type { Complaint } from '../../generated/prisma/client.ts'

/** A station a ticket can be handed to. */
export interface StationChoice {
  id: string
  name: string
  nameEn: string | null
}

/** What an action still needs from the person who pressed it; the bot asks for it, then tries again. */
export type InputNeed =
  | { kind: 'GROUND'; list: 'notAccepted' | 'mediationEnded'; rule: RuleId; grounds: readonly GroundArticle<string>[] }
  | { kind: 'AMOUNT' }
  | { kind: 'NOTE' }
  | { kind: 'OUTCOME'; outcomes: readonly ClosingOutcome[] }
  | { kind: 'TARGET_STATION'; stations: readonly StationChoice[] }
  | { kind: 'LIAISON'; liaisons: readonly { personId: number; name: string }[] }

const NEED_OF: Partial<Record<TransitionRefusalReason, InputNeed['kind']>> = {
  NOTE_REQUIRED: 'NOTE',
  GROUND_REQUIRED: 'GROUND',
  AMOUNT_REQUIRED: 'AMOUNT',
  TARGET_STATION_REQUIRED: 'TARGET_STATION',
  LIAISON_REQUIRED: 'LIAISON',
  OUTCOME_REQUIRED: 'OUTCOME',
}

/** The input kind a refusal asks for, if it is a "this is still missing" refusal. */
export function missingInput(reason: TransitionRefusalReason): InputNeed['kind'] | undefined {
  return NEED_OF[reason]
}

/** The valid ground codes of the complaint's rule, as planTransition wants them. */
export function groundCodes(rule: RuleId): { notAccepted: string[]; mediationEnded: string[] } {
  const definition = statutoryRule(rule)
  return {
    notAccepted: definition.nonAcceptanceGrounds.map((ground) => ground.code),
    mediationEnded: definition.mediationTerminationGrounds.map((ground) => ground.code),
  }
}

const MAX_CHOICES = 12

/** Builds the options the bot offers for a missing input. */
export async function describeNeed(
  db: Database,
  complaint: Complaint,
  action: LifecycleAction,
  kind: InputNeed['kind'],
  now: Date = new Date(),
): Promise<InputNeed> {
  switch (kind) {
    case 'GROUND': {
      const list = action === 'END_MEDIATION' ? 'mediationEnded' : 'notAccepted'
      const rule = statutoryRule(complaint.rule)
      const dueOn = mediationDueOf(complaint)
      const open = rule.mediationTerminationGrounds.filter((ground) =>
        terminationGroundOpen(ground.code, localDateOf(now), dueOn),
      )
      return { kind, list, rule: complaint.rule, grounds: list === 'notAccepted' ? rule.nonAcceptanceGrounds : open }
    }
    case 'OUTCOME':
      return { kind, outcomes: CLOSING_OUTCOMES }
    case 'TARGET_STATION':
      return { kind, stations: await transferCandidates(db, complaint) }
    case 'LIAISON':
      return { kind, liaisons: await liaisonCandidates(db, complaint) }
    case 'AMOUNT':
    case 'NOTE':
      return { kind }
  }
}

/** The last day of the complaint's mediation period (YYYY-MM-DD), if it has one. */
export function mediationDueOf(complaint: Pick<Complaint, 'mediationDueOn'>): string | null {
  return complaint.mediationDueOn ? dayOfDateColumn(complaint.mediationDueOn) : null
}

/**
 * Stations a ticket may be transferred to: the same district's stations and centers first, never its own; only
 * bureau stations once a bureau station received it (mayTakeOver).
 */
export async function transferCandidates(
  db: Database,
  complaint: Pick<Complaint, 'stationId' | 'bureauReceivedAt'>,
): Promise<StationChoice[]> {
  const own = complaint.stationId ? await db.station.findUnique({ where: { id: complaint.stationId } }) : null
  const stations = await db.station.findMany({
    where: {
      id: { not: complaint.stationId ?? undefined },
      ...(complaint.bureauReceivedAt ? { kind: { in: [...BUREAU_STATION_KINDS] } } : {}),
      ...(own?.districtCode ? { OR: [{ districtCode: own.districtCode }, { kind: 'CITY_CENTER' }] } : {}),
    },
    orderBy: [{ kind: 'desc' }, { name: 'asc' }],
    take: MAX_CHOICES,
    select: { id: true, name: true, nameEn: true },
  })
  return stations
}

/** The station's active grid liaisons. */
export async function liaisonCandidates(
  db: Database,
  complaint: Pick<Complaint, 'stationId'>,
): Promise<Array<{ personId: number; name: string }>> {
  if (!complaint.stationId) return []
  const memberships = await db.membership.findMany({
    where: { stationId: complaint.stationId, role: 'LIAISON', revokedAt: null },
    include: { person: { select: { id: true, displayName: true } } },
    orderBy: { id: 'asc' },
    take: MAX_CHOICES,
  })
  return memberships.map((membership) => ({ personId: membership.person.id, name: membership.person.displayName }))
}

/**
 * Where an escalation (上报) goes: the 市场监管所 covering the ticket's place (its street or anything above it up
 * to the district), else the county 12315 center of the station's district. Null when there is none or the
 * station is a bureau station already.
 */
export async function escalationTargetFor(
  db: Database,
  complaint: Pick<Complaint, 'stationId' | 'areaCode'>,
): Promise<string | null> {
  if (!complaint.stationId) return null
  const station = await db.station.findUnique({ where: { id: complaint.stationId } })
  if (!station || isBureauStation(station.kind)) return null
  const office = await supervisionOfficeCovering(db, complaint.areaCode)
  if (office) return office
  if (!station.districtCode) return null
  const center = await db.station.findFirst({
    where: { kind: 'COUNTY_CENTER', districtCode: station.districtCode },
    orderBy: [{ chatId: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }],
  })
  return center?.id ?? null
}

async function supervisionOfficeCovering(db: Database, areaCode: string | null): Promise<string | null> {
  let code = areaCode
  for (let depth = 0; code !== null && depth < 6; depth++) {
    const area = await db.area.findUnique({ where: { code }, select: { level: true, parentCode: true } })
    if (!area || !isBelowDistrict(area.level)) return null
    const office = await db.station.findFirst({
      where: { kind: 'MARKET_SUPERVISION_OFFICE', coverages: { some: { areaCode: code } } },
      orderBy: [{ chatId: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }],
      select: { id: true },
    })
    if (office) return office.id
    code = area.parentCode
  }
  return null
}
