import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAdmin } from '../../src/admin/run-admin.ts'
import { createTestApp, type TestApp } from '../support/app.ts'
import { seedStatisticsDataSet } from '../support/fixtures/statistics-data-set.ts'

// The statistics data set: in March 2026 station A (东坡区) has 9 tickets, station B (仁寿县) one.
let app: TestApp
let directory: string
beforeAll(async () => {
  app = await createTestApp()
  await seedStatisticsDataSet(app)
  directory = await mkdtemp(join(tmpdir(), 'admin-export-'))
})
afterAll(async () => {
  await rm(directory, { recursive: true, force: true })
  await app.close()
})

/** Runs `npm run admin -- export …` in-process as the operator `ops`; returns the exit code and its lines. */
async function exportTickets(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await runAdmin(['export', ...args], {
    env: { ...process.env, DATABASE_URL: app.database.url, USER: 'ops' },
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
  })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

const MARCH = ['--from', '2026-03-01', '--to', '2026-03-31']

describe('npm run admin -- export', () => {
  it('exports one station’s tickets by its code, contacts masked, and records the export', async () => {
    const file = join(directory, 'a.xlsx')
    const result = await exportTickets(...MARCH, '--station', ' A ', '--out', file)
    expect(result).toMatchObject({ code: 0, out: `9 tickets written to ${file} (contacts masked)` })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
    expect(workbook.worksheets[0]!.rowCount).toBe(1 + 9)
    const audit = await app.database.db.auditLog.findFirstOrThrow({
      where: { action: 'tickets.export', stationCode: 'A' },
    })
    expect(audit.details).toMatchObject({ scope: 'station', format: 'xlsx', withContacts: false, rows: 9 })
  })

  it('says in one line that a file it cannot write cannot be written, and records no export', async () => {
    const before = await app.database.db.auditLog.count({ where: { action: 'tickets.export' } })
    const result = await exportTickets(...MARCH, '--format', 'csv', '--out', join(directory, 'no-such-dir', 'x.csv'))
    expect(result).toMatchObject({ code: 1, out: '' })
    expect(result.err).toBe(`error: cannot write ${join(directory, 'no-such-dir', 'x.csv')}: ENOENT`)
    expect(await app.database.db.auditLog.count({ where: { action: 'tickets.export' } })).toBe(before)
  })

  it('exports a county as CSV, and says "ticket" for one', async () => {
    const file = join(directory, 'renshou.csv')
    const result = await exportTickets(...MARCH, '--district', '511421', '--format', 'csv', '--out', file)
    expect(result).toMatchObject({ code: 0, out: `1 ticket written to ${file} (contacts masked)` })
    const lines = (await readFile(file, 'utf8')).trim().split('\r\n')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain('文林联络站')
    const audit = await app.database.db.auditLog.findFirstOrThrow({
      where: { action: 'tickets.export' },
      orderBy: { id: 'desc' },
    })
    expect(audit.details).toMatchObject({ scope: 'district 511421', format: 'csv', rows: 1 })
  })

  it('refuses what it cannot do with one line each, and writes nothing', async () => {
    const refusals: Array<[string[], string]> = [
      [['--from', '2026-3-1', '--to', '2026-03-31'], '--from and --to: use dates as YYYY-MM-DD'],
      [['--from', '2026-03-31', '--to', '2026-03-01'], '--to is before --from'],
      [[...MARCH, '--format', 'pdf'], '--format pdf: use xlsx or csv'],
      [[...MARCH, '--station', 'A', '--district', '511402'], 'give --station or --district, not both'],
      [[...MARCH, '--station', 'NOPE'], '--station NOPE: no station with that code (see: stations)'],
      [[...MARCH, '--district', '511402001'], '--district 511402001: no district with that area code'],
    ]
    const before = await app.database.db.auditLog.count({ where: { action: 'tickets.export' } })
    for (const [args, message] of refusals) {
      const result = await exportTickets(...args, '--out', join(directory, 'refused.xlsx'))
      expect(result.code, message).toBe(1)
      expect(result.err).toContain(message)
      expect(result.err.trim().split('\n')).toHaveLength(1)
    }
    expect(await app.database.db.auditLog.count({ where: { action: 'tickets.export' } })).toBe(before)
    await expect(readFile(join(directory, 'refused.xlsx'))).rejects.toThrow(/ENOENT/)
  })
})
