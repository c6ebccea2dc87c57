import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localDateOf } from '../../../src/domain/calendar/local-date.ts'
import { monthPeriod, yearPeriod } from '../../../src/domain/statistics/period.ts'
import { type StatisticsScope, scopeKey } from '../../../src/domain/statistics/scope.ts'
import { createTranslator } from '../../../src/i18n/translator.ts'
import { dueSummaryPostings } from '../../../src/services/statistics/summary-posting.ts'
import { exportTickets } from '../../../src/services/statistics/ticket-export.ts'
import { writeWorkSummary } from '../../../src/services/statistics/work-summary-text.ts'
import { createTestApp, type TestApp } from '../../support/app.ts'
import {
  addMembership,
  createPerson,
  createStation,
  fileAndRoute,
  intakeOf,
  type TestStation,
} from '../../support/world.ts'
import { ticketActionKit } from '../tickets/ticket-actions-kit.ts'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp({ MAX_COMPLAINTS_PER_DAY: '100' })
})
afterAll(async () => {
  await app.close()
})
const { db, world, act } = ticketActionKit(() => app)
const thisYear = () => yearPeriod(Number(localDateOf(new Date()).slice(0, 4)))

async function figuresFor(personId: number, scope: StatisticsScope) {
  const result = await app.services.statistics.forActor(personId, { scope }, thisYear())
  if (!result.ok) throw new Error(`refused: ${result.reason}`)
  return result.report.figures.current
}

/** The station's CSV export as rows keyed by the Chinese headers. */
async function exportedRows(stationId: string, period = thisYear()): Promise<Record<string, string>[]> {
  const t = (await createTranslator('zh-CN')).forLocale('zh-CN')
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (chunk: Buffer) => chunks.push(chunk))
  await exportTickets(
    db(),
    {
      period,
      scope: { level: 'STATION', stationId },
      format: 'csv',
      withContacts: false,
      forHandlingBureau: true,
      t,
    },
    out,
  )
  const [header, ...lines] = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
  const columns = header!.split(',')
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [columns[i], cell])))
}

describe('a liaison station’s figures after it passes a complaint up (上报)', () => {
  let liaisonStation: TestStation
  let office: TestStation
  let liaisonStaff: number
  let officeStaff: number
  let districtCode: string

  beforeAll(async () => {
    const w = await world('COMMUNITY_LIAISON_STATION')
    liaisonStation = w.station
    liaisonStaff = w.staff.id
    districtCode = w.region.district
    office = await createStation(db(), w.region, { kind: 'MARKET_SUPERVISION_OFFICE', chatId: 'fake' })
    officeStaff = (await createPerson(app.services, '所工作人员')).id
    await addMembership(db(), officeStaff, office.id, 'STAFF')
    const kept = await fileAndRoute(app.services, w.consumer.id, w.region)
    const passed = await fileAndRoute(app.services, w.consumer.id, w.region)
    expect((await db().complaint.findUniqueOrThrow({ where: { id: kept } })).stationId).toBe(liaisonStation.id)
    expect(await act(passed, liaisonStaff, 'ESCALATE', { note: '商家拒绝调解' })).toMatchObject({ status: 'done' })
    expect(await act(passed, officeStaff, 'ACCEPT')).toMatchObject({ status: 'done', to: 'ACCEPTED' })
  })

  it('still counts it as received and counts it as passed up; the acceptance is the 所’s', async () => {
    expect(await figuresFor(liaisonStaff, { level: 'STATION', stationId: liaisonStation.id })).toMatchObject({
      complaints: 2,
      escalated: 1,
      accepted: 0,
    })
    // The 所 passed nothing up: what reached it by the liaison station's 上报 is not its own 上报.
    expect(await figuresFor(officeStaff, { level: 'STATION', stationId: office.id })).toMatchObject({
      complaints: 1,
      accepted: 1,
      escalated: 0,
    })
  })

  it('counts it once in the county', async () => {
    expect(await figuresFor(officeStaff, { level: 'COUNTY', districtCode })).toMatchObject({
      complaints: 2,
      escalated: 1,
      accepted: 1,
    })
  })

  it('lists it in the station’s export, with the 所 as the station handling it now', async () => {
    const rows = await exportedRows(liaisonStation.id)
    expect(rows).toHaveLength(2)
    expect(rows.map((row) => row.承办站点).sort()).toEqual([liaisonStation.name, office.name].sort())
    expect(rows.find((row) => row.承办站点 === office.name)?.状态).toBe('已受理')
  })
})

describe('the monthly summary of a liaison station that passed up every ticket of the month', () => {
  it('is still posted to its group', async () => {
    const w = await world('COMMUNITY_LIAISON_STATION')
    await createStation(db(), w.region, { kind: 'MARKET_SUPERVISION_OFFICE', chatId: 'fake' })
    const filedAt = new Date('2026-11-10T02:00:00Z')
    const filed = await app.services.filing.fileComplaint(intakeOf(w.region.grid), w.consumer.id, filedAt)
    if (filed.status !== 'filed') throw new Error(`filing failed: ${filed.status}`)
    expect(await app.services.routing.routeComplaint(filed.complaint.id, filedAt)).toMatchObject({ status: 'routed' })
    const escalated = await app.services.tickets.actOnTicket(
      { complaintId: filed.complaint.id, personId: w.staff.id, action: 'ESCALATE', input: { note: '商家在网上经营' } },
      new Date('2026-11-11T02:00:00Z'),
    )
    expect(escalated).toMatchObject({ status: 'done' })
    // 1 December 2026, 10:00 in Shanghai: the first working day of the month, after the posting hour.
    const due = await dueSummaryPostings({ db: db() }, new Date('2026-12-01T02:00:00Z'), 'zh-CN')
    const station = scopeKey({ level: 'STATION', stationId: w.station.id })
    expect(due.filter((posting) => posting.scopeKey === station)).toHaveLength(1)
  })
})

describe('a complaint settled locally and rated weeks later', () => {
  it('closed the day it was settled: in the handling time and in the export', async () => {
    const w = await world('COMMUNITY_LIAISON_STATION')
    const filedAt = new Date('2026-11-02T02:00:00Z')
    const filed = await app.services.filing.fileComplaint(intakeOf(w.region.grid), w.consumer.id, filedAt)
    if (filed.status !== 'filed') throw new Error(`filing failed: ${filed.status}`)
    await app.services.routing.routeComplaint(filed.complaint.id, filedAt)
    const act = (action: string, at: string, input = {}) =>
      app.services.tickets.actOnTicket(
        { complaintId: filed.complaint.id, personId: w.staff.id, action, input },
        new Date(at),
      )
    await act('START_LOCAL_MEDIATION', '2026-11-03T02:00:00Z')
    expect(await act('SETTLE_LOCALLY', '2026-11-05T02:00:00Z', { amountFen: 3550 })).toMatchObject({ status: 'done' })
    expect(await app.services.tickets.satisfaction.rate(w.consumer.id, filed.complaint.id, 5)).toMatchObject({
      status: 'rated',
    })
    const november = monthPeriod(2026, 11)
    const result = await app.services.statistics.forActor(
      w.staff.id,
      { scope: { level: 'STATION', stationId: w.station.id } },
      november,
    )
    if (!result.ok) throw new Error(`refused: ${result.reason}`)
    // Monday 2 November to Thursday 5 November: 3 working days, not the weeks until the rating.
    expect(result.report.figures.current.closeTime).toMatchObject({ count: 1, median: 3 })
    const [row] = await exportedRows(w.station.id, november)
    expect(row).toMatchObject({ 办结日期: '2026-11-05', 结果: '已解决', 状态: '已就地化解' })
    // Its summary: ¥35.50 is not "0万元", and a station that decided nothing says nothing of time limits.
    const zh = (await createTranslator('zh-CN')).forLocale('zh-CN')
    const summary = writeWorkSummary(result.report, zh, 'zh-CN').paragraphs
    expect(summary[0]).toContain('为消费者挽回经济损失35.50元。')
    expect(summary.join('\n')).not.toContain('法定期限')
  })
})
