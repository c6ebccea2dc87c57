import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminQuery, databaseUrl } from '../support/postgres-admin.ts'

const MIGRATIONS = fileURLToPath(new URL('../../prisma/migrations', import.meta.url))
const THIS_MIGRATION = '20261202102755_enforcement_cases'
const name = `grid_test_cases_${randomBytes(6).toString('hex')}`
let client: pg.Client

const migrationSql = (folder: string) => readFileSync(`${MIGRATIONS}/${folder}/migration.sql`, 'utf8')
const folders = readdirSync(MIGRATIONS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort()

beforeAll(async () => {
  await adminQuery(`CREATE DATABASE "${name}"`)
  client = new pg.Client({ connectionString: databaseUrl(name) })
  await client.connect()
  // The schema as it was before cases had their own record.
  for (const folder of folders.filter((f) => f < THIS_MIGRATION)) await client.query(migrationSql(folder))
})
afterAll(async () => {
  await client.end()
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
})

async function complaint(values: {
  id: string
  number: string
  formId: string
  kind: string
  status: string
  originId?: string
  at: string
}) {
  await client.query(
    `INSERT INTO complaint (id, tracking_number, form_id, kind, status, consumer_id, locale, respondent_name, facts, demands, rule, station_id, submitted_at, origin_id, updated_at)
     VALUES ($1, $2, $3, $4::"ComplaintKind", $5::"ComplaintStatus", 1, 'zh-CN', '好又多超市', '过期牛奶', '{}', 'ORDER_121', 'st-1', $6, $7, $6)`,
    [values.id, values.number, values.formId, values.kind, values.status, values.at, values.originId ?? null],
  )
}

async function event(complaintId: string, action: string, from: string | null, to: string, at: string) {
  await client.query(
    `INSERT INTO complaint_event (complaint_id, actor_id, actor_role, action, from_status, to_status, created_at) VALUES ($1, 1, 'STAFF', $2, $3::"ComplaintStatus", $4::"ComplaintStatus", $5)`,
    [complaintId, action, from, to, at],
  )
}

describe('the enforcement-case migration on a database with old-shape rows', () => {
  it('turns linked case tickets and filed reports into case rows, keeping their history and REOPEN events', async () => {
    await client.query(
      `INSERT INTO person (id, telegram_id, display_name, updated_at) VALUES (1, 1001, '张主任', now())`,
    )
    await client.query(
      `INSERT INTO station (id, code, kind, name, updated_at) VALUES ('st-1', 'S1', 'COUNTY_CENTER', '东坡区12315投诉举报中心', now())`,
    )
    // A complaint converted the old way: a REPORT ticket in CASE_FILED with form id case:<origin>.
    await complaint({
      id: 'c-origin',
      number: 'MS-20261120-0005',
      formId: 'f-5',
      kind: 'COMPLAINT',
      status: 'CLOSED',
      at: '2026-11-20T02:00:00Z',
    })
    await event('c-origin', 'REOPEN', 'CLOSED', 'ACCEPTED', '2026-11-22T02:00:00Z')
    await complaint({
      id: 'c-case',
      number: 'MS-20261121-0006',
      formId: 'case:c-origin',
      kind: 'REPORT',
      status: 'CASE_FILED',
      originId: 'c-origin',
      at: '2026-11-21T03:00:00Z',
    })
    await event('c-case', 'FILE_CASE', null, 'CASE_FILED', '2026-11-21T03:00:00Z')
    // A report filed on its own track, and one still being verified.
    await complaint({
      id: 'r-filed',
      number: 'MS-20261118-0002',
      formId: 'f-2',
      kind: 'REPORT',
      status: 'CASE_FILED',
      at: '2026-11-18T01:00:00Z',
    })
    await event('r-filed', 'FILE_CASE', 'VERIFYING', 'CASE_FILED', '2026-11-19T05:00:00Z')
    await complaint({
      id: 'r-open',
      number: 'MS-20261118-0003',
      formId: 'f-3',
      kind: 'REPORT',
      status: 'VERIFYING',
      at: '2026-11-18T01:00:00Z',
    })

    await client.query(migrationSql(THIS_MIGRATION))

    const cases = await client.query(
      `SELECT case_number, origin_complaint_id, origin_kind::text, status::text, station_id, legacy_ticket_id, to_char(filed_at, 'YYYY-MM-DD"T"HH24:MI') AS filed
         FROM enforcement_case ORDER BY case_number`,
    )
    expect(cases.rows).toEqual([
      {
        case_number: 'MS-20261118-0002-AJ',
        origin_complaint_id: 'r-filed',
        origin_kind: 'REPORT',
        status: 'FILED',
        station_id: 'st-1',
        legacy_ticket_id: null,
        filed: '2026-11-19T05:00',
      },
      {
        case_number: 'MS-20261121-0006',
        origin_complaint_id: 'c-origin',
        origin_kind: 'COMPLAINT',
        status: 'FILED',
        station_id: 'st-1',
        legacy_ticket_id: 'c-case',
        filed: '2026-11-21T03:00',
      },
    ])
    // History stays readable: the old ticket and every event, REOPEN included, are still there.
    const events = await client.query(`SELECT complaint_id, action FROM complaint_event ORDER BY id`)
    expect(events.rows).toEqual([
      { complaint_id: 'c-origin', action: 'REOPEN' },
      { complaint_id: 'c-case', action: 'FILE_CASE' },
      { complaint_id: 'r-filed', action: 'FILE_CASE' },
    ])
    expect((await client.query(`SELECT count(*)::int AS n FROM complaint`)).rows[0]).toEqual({ n: 4 })
    expect((await client.query(`SELECT previous_complaint_id FROM complaint WHERE id = 'c-origin'`)).rows[0]).toEqual({
      previous_complaint_id: null,
    })
  })
})
