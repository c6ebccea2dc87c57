/** What the ticket service tests share: a world with a bureau station, acting on its tickets, reading back the changes. */
import type { StationKind } from '../../../src/generated/prisma/enums.ts'
import type { TestApp } from '../../support/app.ts'
import {
  addMembership,
  createPerson,
  createRegion,
  createStation,
  type Region,
  type TestStation,
} from '../../support/world.ts'

interface World {
  region: Region
  station: TestStation
  staff: { id: number; telegramId: number; name: string }
  consumer: { id: number; telegramId: number; name: string }
}

/** The helpers, bound to the file's app (created in its beforeAll). */
export function ticketActionKit(app: () => TestApp) {
  const db = () => app().database.db
  const tickets = () => app().services.tickets

  /** By default the ticket goes to a 市场监管所 covering the street: a bureau station that takes the formal acts. */
  async function world(kind: StationKind = 'MARKET_SUPERVISION_OFFICE'): Promise<World> {
    const region = await createRegion(db())
    const station = await createStation(db(), region, { chatId: 'fake', kind })
    const staff = await createPerson(app().services, '张主任')
    await addMembership(db(), staff.id, station.id, 'STAFF')
    const consumer = await createPerson(app().services, '王小明')
    return { region, station, staff, consumer }
  }

  async function snapshot(complaintId: string) {
    const complaint = await db().complaint.findUniqueOrThrow({ where: { id: complaintId } })
    return {
      status: complaint.status,
      stationId: complaint.stationId,
      updatedAt: complaint.updatedAt.getTime(),
      events: await db().complaintEvent.count({ where: { complaintId } }),
      outbox: await db().outboxEntry.count(),
    }
  }

  const act = (complaintId: string, personId: number, action: string, input = {}) =>
    tickets().actOnTicket({ complaintId, personId, action, input })

  async function outboxTypes(complaintId: string): Promise<string[]> {
    const entries = await db().outboxEntry.findMany({ where: { queue: 'notify' }, orderBy: { id: 'asc' } })
    return entries
      .filter((entry) => (entry.payload as { complaintId?: string }).complaintId === complaintId)
      .map((entry) => (entry.payload as { type: string }).type)
  }

  return { db, tickets, world, snapshot, act, outboxTypes }
}
