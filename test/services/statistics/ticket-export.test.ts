import { createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAdmin } from '../../../src/admin/run-admin.ts'
import { monthPeriod } from '../../../src/domain/statistics/period.ts'
import { EXPORT_COLUMNS, exportTickets } from '../../../src/services/statistics/ticket-export.ts'
import { createTestApp, type TestApp } from '../../support/app.ts'
import { type StatisticsDataSet, seedStatisticsDataSet } from '../../support/fixtures/statistics-data-set.ts'

let app: TestApp
let data: StatisticsDataSet
let directory: string

beforeAll(async () => {
  app = await createTestApp()
  data = await seedStatisticsDataSet(app)
  directory = await mkdtemp(join(tmpdir(), 'stats-export-'))
})
afterAll(async () => {
  await rm(directory, { recursive: true, force: true })
  await app.close()
})

describe('ticket export', () => {
  it('writes an XLSX with every column and one row per ticket of the station and month', async () => {
    const file = join(directory, 'a.xlsx')
    const count = await exportTickets(
      app.database.db,
      {
        period: monthPeriod(2026, 3),
        scope: { level: 'STATION', stationId: data.stations.a },
        format: 'xlsx',
        withContacts: false,
      },
      createWriteStream(file),
    )
    expect(count).toBe(9)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
    const sheet = workbook.worksheets[0]!
    expect(sheet.rowCount).toBe(1 + 9)
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(EXPORT_COLUMNS.map(([, header]) => header))
    const phones = sheet.getColumn(EXPORT_COLUMNS.length).values.slice(2).map(String)
    expect(phones.every((phone) => phone !== '13812345678' && /\*/.test(phone))).toBe(true)
  })

  it('writes a CSV in UTF-8 with a BOM; full contacts only from the admin command line, and that is audited', async () => {
    const file = join(directory, 'city.csv')
    const lines: string[] = []
    const io = {
      env: { ...process.env, DATABASE_URL: app.database.url, USER: 'ops' },
      stdout: (l: string) => lines.push(l),
      stderr: (l: string) => lines.push(l),
    }
    const code = await runAdmin(
      ['export', '--from', '2026-03-01', '--to', '2026-03-31', '--format', 'csv', '--out', file, '--with-contacts'],
      io,
    )
    expect(code).toBe(0)
    expect(lines.join('\n')).toContain('10 tickets written')
    const bytes = await readFile(file)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.toString('utf8')
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${EXPORT_COLUMNS.map(([, header]) => header).join(',')}`)
    expect(text).toContain('13812345678')
    expect(text).toContain('三苏社区联络站')
    const audit = await app.database.db.auditLog.findFirstOrThrow({ where: { action: 'tickets.export' } })
    expect(audit).toMatchObject({
      channel: 'CLI',
      actor: 'ops',
      details: expect.objectContaining({ withContacts: true, rows: 10 }),
    })
  })
})
