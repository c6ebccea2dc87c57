import type { LocalDate } from '../calendar/local-date.ts'
import type { ComplaintKind } from '../lifecycle/index.ts'
import { emptyKindTotals, type KeyedCount, type KindTotals, type StatisticsTallies } from './tallies.ts'

/** How many businesses the 热点 list names. */
export const HOTSPOT_COUNT = 10

/**
 * A ticket a station received and passed up (上报) to a bureau station, which holds it now. The station's own
 * figures count it as received and escalated by the station, under its category, area and week; its acceptance,
 * mediation, money and rating are the bureau's figures, not the station's.
 */
export interface PassedUpTicket {
  kind: ComplaintKind
  /** '' = none recorded, as in the tallies. */
  category: string
  area: string
  weekStart: LocalDate
  /** The business, for a complaint or report (the 热点); null for an inquiry. */
  business: string | null
}

/** A station's tickets passed up to a bureau station, and whether the station is itself one. */
export interface PassedUp {
  /** A bureau station (市场监管所, a 12315 center): 上报 is never its act (§12). */
  bureau: boolean
  tickets: readonly PassedUpTicket[]
}

/**
 * The tallies of one station with the tickets it passed up added. A station's 上报 is what it passed up itself
 * (§12, §13: the first-mile station's act), never what reached it by another's escalation: a bureau station's
 * held tickets count none. The tallies' 热点 must hold every business of the station (not only the first ten), so
 * that the list cut here is the true top ten; ties by name.
 */
export function withPassedUp(tallies: StatisticsTallies, stationId: string, passedUp: PassedUp): StatisticsTallies {
  const passed = passedUp.tickets
  const totals = tallies.totals.map((t) => ({ ...t, escalated: passedUp.bureau ? 0 : t.escalated }))
  const byCategory = tallies.byCategory.map((c) => ({ ...c }))
  for (const ticket of passed) {
    const total = totalOf(totals, ticket.kind)
    total.count++
    total.escalated++
    countUnder(byCategory, ticket.category, ticket.kind)
  }
  const { detail } = tallies
  if (!detail) return { ...tallies, totals, byCategory }
  const byStation = detail.byStation.map((c) => ({ ...c }))
  const byArea = detail.byArea.map((c) => ({ ...c }))
  const intakeByWeek = detail.intakeByWeek.map((w) => ({ ...w }))
  const businesses = new Map(detail.hotspots.map((h) => [h.respondentName, h.count]))
  for (const ticket of passed) {
    countUnder(byStation, stationId, ticket.kind)
    countUnder(byArea, ticket.area, ticket.kind)
    const week = intakeByWeek.find((w) => w.weekStart === ticket.weekStart && w.kind === ticket.kind)
    if (week) week.count++
    else intakeByWeek.push({ weekStart: ticket.weekStart, kind: ticket.kind, count: 1 })
    if (ticket.business !== null) businesses.set(ticket.business, (businesses.get(ticket.business) ?? 0) + 1)
  }
  const hotspots = [...businesses]
    .map(([respondentName, count]) => ({ respondentName, count }))
    .sort((a, b) => b.count - a.count || (a.respondentName < b.respondentName ? -1 : 1))
    .slice(0, HOTSPOT_COUNT)
  return { ...tallies, totals, byCategory, detail: { ...detail, byStation, byArea, intakeByWeek, hotspots } }
}

function totalOf(totals: KindTotals[], kind: ComplaintKind): KindTotals {
  const known = totals.find((t) => t.kind === kind)
  if (known) return known
  const fresh = emptyKindTotals(kind)
  totals.push(fresh)
  return fresh
}

function countUnder(counts: KeyedCount[], key: string, kind: ComplaintKind): void {
  const known = counts.find((c) => c.key === key && c.kind === kind)
  if (known) known.count++
  else counts.push({ key, kind, count: 1, recoveredFen: 0n })
}
