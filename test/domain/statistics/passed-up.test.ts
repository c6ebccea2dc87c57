import { describe, expect, it } from 'vitest'
import type { LocalDate } from '../../../src/domain/calendar/local-date.ts'
import { HOTSPOT_COUNT, type PassedUpTicket, withPassedUp } from '../../../src/domain/statistics/passed-up.ts'
import { emptyKindTotals, type StatisticsTallies } from '../../../src/domain/statistics/tallies.ts'

const WEEK = '2026-11-30' as LocalDate

/** A station holding `settled` complaints it settled locally, all about 商户0…, under one category, area and week. */
function heldTallies(settled: number, businesses: { respondentName: string; count: number }[]): StatisticsTallies {
  return {
    totals: [{ ...emptyKindTotals('COMPLAINT'), count: settled, settledLocally: settled, recoveredFen: 5000n }],
    byCategory: [{ key: 'FOOD_PACKAGED', kind: 'COMPLAINT', count: settled, recoveredFen: 5000n }],
    cases: [],
    detail: {
      byStation: [{ key: 'liaison', kind: 'COMPLAINT', count: settled, recoveredFen: 5000n }],
      byArea: [{ key: 'G1', kind: 'COMPLAINT', count: settled, recoveredFen: 5000n }],
      grounds: [],
      decisionTimes: [],
      closeTimes: [],
      intakeByWeek: [{ weekStart: WEEK, kind: 'COMPLAINT', count: settled }],
      hotspots: businesses,
    },
  }
}

const passed = (kind: PassedUpTicket['kind'], business: string | null, category = 'FOOD_PACKAGED'): PassedUpTicket => ({
  kind,
  category,
  area: 'G1',
  weekStart: WEEK,
  business,
})

describe('a station’s figures with the tickets it passed up (上报)', () => {
  it('counts each as received and escalated, and adds nothing to the outcomes the bureau reached', () => {
    const tallies = withPassedUp(heldTallies(2, [{ respondentName: '商户A', count: 2 }]), 'liaison', {
      bureau: false,
      tickets: [passed('COMPLAINT', '商户B'), passed('INQUIRY', null, '')],
    })
    expect(tallies.totals).toEqual([
      { ...emptyKindTotals('COMPLAINT'), count: 3, settledLocally: 2, escalated: 1, recoveredFen: 5000n },
      { ...emptyKindTotals('INQUIRY'), count: 1, escalated: 1 },
    ])
    expect(tallies.byCategory).toEqual([
      { key: 'FOOD_PACKAGED', kind: 'COMPLAINT', count: 3, recoveredFen: 5000n },
      { key: '', kind: 'INQUIRY', count: 1, recoveredFen: 0n },
    ])
    expect(tallies.detail?.byStation).toEqual([
      { key: 'liaison', kind: 'COMPLAINT', count: 3, recoveredFen: 5000n },
      { key: 'liaison', kind: 'INQUIRY', count: 1, recoveredFen: 0n },
    ])
    expect(tallies.detail?.intakeByWeek).toEqual([
      { weekStart: WEEK, kind: 'COMPLAINT', count: 3 },
      { weekStart: WEEK, kind: 'INQUIRY', count: 1 },
    ])
  })

  it('ranks a business it passed up among its 热点, ten at most, ties by name', () => {
    const businesses = Array.from({ length: 12 }, (_, i) => ({ respondentName: `商户${i + 10}`, count: 1 }))
    const tallies = withPassedUp(heldTallies(12, businesses), 'liaison', {
      bureau: false,
      tickets: [passed('COMPLAINT', '商户99'), passed('REPORT', '商户99'), passed('COMPLAINT', '商户21')],
    })
    expect(tallies.detail?.hotspots).toHaveLength(HOTSPOT_COUNT)
    expect(tallies.detail?.hotspots.slice(0, 3)).toEqual([
      { respondentName: '商户21', count: 2 },
      { respondentName: '商户99', count: 2 },
      { respondentName: '商户10', count: 1 },
    ])
  })

  it('leaves the held figures as they were when it passed nothing up', () => {
    const held = heldTallies(2, [{ respondentName: '商户A', count: 2 }])
    expect(withPassedUp(held, 'liaison', { bureau: false, tickets: [] })).toEqual(held)
  })

  it('counts as 上报 only what the station passed up, not what reached a bureau station by another’s escalation', () => {
    const held = heldTallies(3, [{ respondentName: '商户A', count: 3 }])
    const escalated = { ...held, totals: held.totals.map((t) => ({ ...t, escalated: 3 })) }
    // A 所 that received three by escalation passed none up.
    expect(withPassedUp(escalated, 'office', { bureau: true, tickets: [] }).totals[0]?.escalated).toBe(0)
    // A liaison station's three still wait for the bureau to receive them: its own 上报.
    const liaison = withPassedUp(escalated, 'liaison', { bureau: false, tickets: [passed('COMPLAINT', '商户B')] })
    expect(liaison.totals[0]?.escalated).toBe(4)
  })
})
