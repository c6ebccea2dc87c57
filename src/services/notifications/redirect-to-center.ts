import type { Database, Prisma } from '../../db/client.ts'
import { bureauReceipt } from '../../domain/rules/ticket-clocks.ts'
import type { Station } from '../../generated/prisma/client.ts'
import type { TicketRedirectReason } from '../../telegram/render/ticket-card.ts'
import type { OutboxJob } from '../outbox/outbox.ts'
import { finishDelivery } from './ledger.ts'
import type { NotifierDeps } from './notification-kind.ts'

/** Neither the station nor any 12315 center above it can be reached in Telegram. */
export class NoReachableStationError extends Error {
  override name = 'NoReachableStationError'
  constructor(complaintId: string) {
    super(`No reachable station for complaint ${complaintId}: re-add the bot to a 12315 center's group and /bind it.`)
  }
}

/** The station whose group the bot can no longer reach. */
export type StationToLeave = Pick<Station, 'id' | 'code' | 'kind' | 'districtCode'>

/**
 * A station's group cannot take its ticket (none is bound, or the bot was removed from it): the ticket goes to the
 * county 12315 center (or the city center when the county center has no group either), logged as a system
 * transfer with the reason, and the center gets the card with a note why. Binding and unbinding stay the access
 * feature's decision.
 */
export async function redirectToCenter(
  deps: NotifierDeps,
  jobId: string,
  complaintId: string,
  station: StationToLeave,
  /** The ticket-card job for the center (the caller's kind, so that this file does not import it). */
  cardAt: (stationId: string) => OutboxJob,
  /** Why the station cannot take it: no group is bound, or the bot was removed from its group. */
  reason: TicketRedirectReason,
): Promise<void> {
  const center = await centerAbove(deps.db, station)
  if (!center) throw new NoReachableStationError(complaintId)
  const next = cardAt(center.id)
  await finishDelivery(deps, jobId, [next], async (tx) => {
    const complaint = await tx.complaint.findUniqueOrThrow({
      where: { id: complaintId },
      select: { status: true, stationId: true, kind: true, bureauReceivedAt: true },
    })
    if (complaint.stationId !== station.id) return
    // A center is a bureau station: its receipt starts the statutory clocks if no bureau had the ticket before.
    const now = new Date()
    const receipt = complaint.bureauReceivedAt === null ? bureauReceipt(complaint.kind, now) : null
    const clocks = receipt
      ? {
          bureauReceivedAt: now,
          rule: receipt.rule,
          decisionDueOn: receipt.decisionDue ? new Date(`${receipt.decisionDue.date}T00:00:00Z`) : null,
          dueDatesFinal: receipt.decisionDue?.calendarPublished ?? true,
          localTargetOn: null,
        }
      : {}
    // The station's 网格员 has no part at the center.
    await tx.complaint.update({
      where: { id: complaintId },
      data: { stationId: center.id, liaisonId: null, ...clocks },
    })
    await tx.complaintEvent.create({
      data: {
        complaintId: complaintId,
        actorRole: 'SYSTEM',
        action: 'TRANSFER',
        fromStatus: complaint.status,
        toStatus: complaint.status,
        note: `station ${station.code} ${reason === 'STATION_UNBOUND' ? 'has no group' : 'unreachable in Telegram'}; handed to ${center.code}`,
        data: {
          stationCode: center.code,
          redirectedFrom: station.code,
          redirectReason: reason,
        } as Prisma.InputJsonObject,
      },
    })
  })
}

/** The bound county center of the station's district, else the bound city center; never the station itself. */
async function centerAbove(db: Database, station: StationToLeave): Promise<Station | null> {
  const county =
    station.kind === 'COUNTY_CENTER' || station.kind === 'CITY_CENTER' || !station.districtCode
      ? null
      : await db.station.findFirst({
          where: {
            kind: 'COUNTY_CENTER',
            districtCode: station.districtCode,
            chatId: { not: null },
            id: { not: station.id },
          },
          orderBy: { createdAt: 'asc' },
        })
  if (county) return county
  if (station.kind === 'CITY_CENTER') return null
  return db.station.findFirst({
    where: { kind: 'CITY_CENTER', chatId: { not: null }, id: { not: station.id } },
    orderBy: { createdAt: 'asc' },
  })
}
