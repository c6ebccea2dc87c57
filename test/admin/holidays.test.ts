import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAdmin } from '../../src/admin/run-admin.ts'
import { statutoryHolidays } from '../../src/domain/calendar/statutory-holidays.ts'
import { createTestApp, type TestApp } from '../support/app.ts'
import { daysOff2027, STATUTORY_2027_AFTER_JANUARY } from '../support/fixtures/notice-2027.ts'
import { createPerson, createRegion, createStation, intakeOf, seedAreas } from '../support/world.ts'

// The complaint below reaches the 所 on Monday 2026-12-28: its 7 working days run into 2027, whose notice is not out.
const RECEIVED = new Date('2026-12-28T02:00:00Z')
let app: TestApp
let dir: string

beforeAll(async () => {
  app = await createTestApp({}, { now: () => RECEIVED })
  await seedAreas(app.database.db)
  dir = await mkdtemp(join(tmpdir(), 'grid-holidays-'))
})
afterAll(async () => {
  await app.close()
  await rm(dir, { recursive: true, force: true })
})

/** `npm run admin -- holidays …` in process, as src/admin/cli.ts runs it, against the file's database. */
async function holidays(...args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runAdmin(['holidays', ...args], {
    env: { ...process.env, DATABASE_URL: app.database.url, USER: 'operator-li' },
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
  })
  return { code, stdout: out, stderr: err }
}

async function jsonFile(name: string, content: unknown) {
  const path = join(dir, name)
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

/** A complaint received by a 所 on 2026-12-28, routed as the route worker would; its consumer and due date. */
async function complaintIntoNextYear() {
  const db = app.database.db
  const region = await createRegion(db)
  await createStation(db, region, { kind: 'MARKET_SUPERVISION_OFFICE', chatId: 'fake' })
  const consumer = await createPerson(app.services, '王小明')
  const filed = await app.services.filing.fileComplaint(intakeOf(region.grid), consumer.id, RECEIVED)
  if (filed.status !== 'filed') throw new Error(`filing failed: ${filed.status}`)
  const routed = await app.services.routing.routeComplaint(filed.complaint.id, RECEIVED)
  if (routed.status !== 'routed') throw new Error(`routing failed: ${routed.status}`)
  return { id: filed.complaint.id, consumerId: consumer.id }
}

describe('npm run admin -- holidays', () => {
  it('shows a bundled year with its days off and make-up workdays', async () => {
    const run = await holidays('show', '2026')
    expect(run.code).toBe(0)
    expect(run.stdout[0]).toBe('2026: bundled with the bot')
    expect(run.stdout[1]).toMatch(/^source: .*国务院办公厅/)
    expect(run.stdout[2]).toMatch(/^holidays \(33\): 2026-01-01 .*2026-10-01 /)
    expect(run.stdout[3]).toMatch(/^make-up workdays \(\d+\): .*2026-10-10/)
  })

  it('marks a year without a notice as provisional, counting only the statutory days', async () => {
    // In 2031 the Mid-Autumn Festival falls on 1 October: 12 distinct days.
    const run = await holidays('show', '2031')
    expect(run.code).toBe(0)
    expect(run.stdout).toEqual([
      '2031: PROVISIONAL: no notice imported',
      'source: 《全国年节及纪念日放假办法》 (statutory days only)',
      'holidays (12): 2031-01-01 2031-01-22 2031-01-23 2031-01-24 2031-01-25 2031-04-05 2031-05-01 2031-05-02 2031-06-24 2031-10-01 2031-10-02 2031-10-03',
      'make-up workdays (0): -',
    ])
  })

  it('exits 1 with one line for a year that is not four digits, a missing file or an unknown action', async () => {
    for (const args of [['show'], ['show', '27'], ['show', '二〇二七']]) {
      const run = await holidays(...args)
      expect(run.code).toBe(1)
      expect(run.stdout).toEqual([])
      expect(run.stderr).toEqual(['error: give a four-digit year: holidays show 2027'])
    }
    expect((await holidays('import')).stderr).toEqual(['error: give the file: holidays import <file.json>'])
    const unknown = await holidays('delete', '2027')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toEqual(['error: use: holidays show <year> | holidays import <file.json>'])
  })

  it('refuses a file it cannot read or parse, and imports nothing', async () => {
    const missing = join(dir, 'missing.json')
    const unreadable = await holidays('import', missing)
    expect(unreadable.code).toBe(1)
    expect(unreadable.stderr).toEqual([`error: cannot read ${missing}: ENOENT`])
    const broken = await jsonFile('broken.json', '{ "year": 2027, "holidays": [')
    const notJson = await holidays('import', broken)
    expect(notJson.code).toBe(1)
    // Where it broke, as the JSON parser says.
    expect(notJson.stderr).toEqual([expect.stringMatching(/^error: .*broken\.json: not valid JSON \(.+\)$/)])
    expect((await holidays('show', '2027')).stdout[0]).toBe('2027: PROVISIONAL: no notice imported')
  })

  it('reads a notice saved with a BOM or in GB18030, and refuses UTF-16 with one line', async () => {
    // 2028: the tests of 2027 expect it not imported yet.
    const notice = {
      year: 2028,
      source: '国务院办公厅关于2028年部分节假日安排的通知',
      holidays: [...statutoryHolidays(2028)].sort(),
      makeUpWorkdays: [],
    }
    const withBom = join(dir, 'bom-2028.json')
    await writeFile(withBom, `\uFEFF${JSON.stringify(notice)}`)
    expect((await holidays('import', withBom)).code).toBe(0)
    // The source named in GB18030, as Notepad on a Chinese Windows saves it ("ANSI"): 眉山市东坡区.
    const gb = join(dir, 'gb-2028.json')
    const gbSource = Buffer.from([0xc3, 0xbc, 0xc9, 0xbd, 0xca, 0xd0, 0xb6, 0xab, 0xc6, 0xc2, 0xc7, 0xf8])
    const [before, after] = JSON.stringify({ ...notice, source: '@' }).split('@') as [string, string]
    await writeFile(gb, Buffer.concat([Buffer.from(before), gbSource, Buffer.from(after)]))
    expect((await holidays('import', gb)).code).toBe(0)
    expect((await holidays('show', '2028')).stdout[1]).toBe('source: 眉山市东坡区')
    const utf16 = join(dir, 'utf16-2028.json')
    await writeFile(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(notice), 'utf16le')]))
    const refused = await holidays('import', utf16)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toEqual([
      `error: utf16-2028.json: the file is UTF-16 (Excel's "Unicode text"); save it as "CSV UTF-8" or as GB18030`,
    ])
  })

  it('refuses a notice without the statutory days off (an empty list would make 春节 a working day, final)', async () => {
    const empty = await jsonFile('empty-2027.json', { year: 2027, source: 'x', holidays: [], makeUpWorkdays: [] })
    const run = await holidays('import', empty)
    expect(run.code).toBe(1)
    expect(run.stderr[0]).toBe(
      `  "holidays" lacks statutory days off of 2027 (《全国年节及纪念日放假办法》): 2027-01-01, ${STATUTORY_2027_AFTER_JANUARY.join(', ')}`,
    )
    expect((await holidays('show', '2027')).stdout[0]).toBe('2027: PROVISIONAL: no notice imported')
  })

  it('lists every problem of a bad notice, exits 1 and imports nothing', async () => {
    const bad = await jsonFile('bad-2027.json', {
      year: 2027,
      source: '国务院办公厅关于2027年部分节假日安排的通知',
      holidays: ['2027-01-01', '2026-12-31', '2027-02-30'],
      makeUpWorkdays: ['2027-01-01', '2027-01-11'],
    })
    const run = await holidays('import', bad)
    expect(run.code).toBe(1)
    expect(run.stdout).toEqual([])
    const issues = run.stderr.slice(0, -1)
    expect(issues.length).toBeGreaterThanOrEqual(3)
    for (const issue of issues) expect(issue).toMatch(/^ {2}\S/)
    expect(issues.join('\n')).toContain('2026-12-31 is outside year 2027')
    expect(issues.join('\n')).toContain('"2027-02-30" is not a real YYYY-MM-DD date')
    expect(issues.join('\n')).toContain('2027-01-01 is both a holiday and a make-up workday')
    expect(run.stderr.at(-1)).toBe(`error: ${bad}: ${issues.length} problem(s), nothing imported`)

    const notAYear = await holidays('import', await jsonFile('no-year.json', { year: '2027', holidays: [] }))
    expect(notAYear.stderr).toEqual([
      '  "year" must be a four-digit year (a number)',
      expect.stringMatching(/no-year\.json: 1 problem\(s\), nothing imported$/),
    ])
    expect((await holidays('show', '2027')).stdout[0]).toBe('2027: PROVISIONAL: no notice imported')
  })

  it('imports a notice, recounts the provisional due dates into that year, and shows the year as imported', async () => {
    const db = app.database.db
    const complaint = await complaintIntoNextYear()
    const before = await app.services.tickets.consumer.complaintDetail(complaint.consumerId, complaint.id)
    // 12-29, 12-30, 12-31, 1-4 … 1-7 with only 1 January off: the 7th working day is Thursday 7 January.
    expect(before).toMatchObject({ decisionDueOn: '2027-01-07', decisionDueFinal: false })

    const notice = await jsonFile('2027.json', {
      year: 2027,
      source: '国务院办公厅关于2027年部分节假日安排的通知',
      holidays: daysOff2027('2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04'),
      makeUpWorkdays: ['2027-01-09'],
    })
    const run = await holidays('import', notice)
    expect(run.code).toBe(0)
    expect(run.stderr).toEqual([])
    expect(run.stdout).toEqual([
      'Imported 2027: 16 holidays, 1 make-up workdays.',
      'Recounted 1 due date(s) counted into 2027; 1 moved (logged; stations told).',
    ])

    // Monday 4 January is off as well, Saturday 9 January is worked: the 7th working day is Friday 8 January, final.
    const after = await app.services.tickets.consumer.complaintDetail(complaint.consumerId, complaint.id)
    expect(after).toMatchObject({ decisionDueOn: '2027-01-08', decisionDueFinal: true })
    // The station's and the consumer's messages wait in the outbox for the workers' sweeper.
    const told = await db.outboxEntry.findMany({
      where: { jobId: { startsWith: 'deadline-change-' }, status: 'PENDING' },
    })
    expect(told.map((entry) => (entry.payload as { recipient: string }).recipient).sort()).toEqual([
      'consumer',
      'station',
    ])
    expect(await db.holidayYear.findUniqueOrThrow({ where: { year: 2027 } })).toMatchObject({
      importedBy: 'operator-li',
    })

    const shown = await holidays('show', '2027')
    expect(shown.stdout).toEqual([
      '2027: imported',
      'source: 国务院办公厅关于2027年部分节假日安排的通知',
      `holidays (16): ${daysOff2027('2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04').join(' ')}`,
      'make-up workdays (1): 2027-01-09',
    ])
  })

  it('replaces an imported year with a corrected notice, and recounts the dates counted with the first', async () => {
    // Counted with the first notice (4 January off, Saturday 9 January worked): due Friday 8 January, final.
    const complaint = await complaintIntoNextYear()
    const detail = () => app.services.tickets.consumer.complaintDetail(complaint.consumerId, complaint.id)
    expect(await detail()).toMatchObject({ decisionDueOn: '2027-01-08', decisionDueFinal: true })
    const corrected = await jsonFile('2027-corrected.json', {
      year: 2027,
      source: '国务院办公厅关于2027年部分节假日安排的通知（更正）',
      holidays: daysOff2027('2027-01-01', '2027-01-02', '2027-01-03'),
      makeUpWorkdays: [],
    })
    const run = await holidays('import', corrected)
    expect(run.code).toBe(0)
    expect(run.stdout[0]).toBe('Imported 2027: 15 holidays, 0 make-up workdays.')
    expect(run.stdout[1]).toMatch(/^Recounted \d+ due date\(s\) counted into 2027; [1-9]\d* moved/)
    // 4 January is a working day again: the 7th working day after 28 December is Thursday 7 January.
    expect(await detail()).toMatchObject({ decisionDueOn: '2027-01-07', decisionDueFinal: true })
    const shown = await holidays('show', '2027')
    expect(shown.stdout.slice(1, 3)).toEqual([
      'source: 国务院办公厅关于2027年部分节假日安排的通知（更正）',
      `holidays (15): ${daysOff2027('2027-01-01', '2027-01-02', '2027-01-03').join(' ')}`,
    ])
  })
})
