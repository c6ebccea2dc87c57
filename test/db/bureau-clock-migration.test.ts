import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminQuery, databaseUrl } from '../support/postgres-admin.ts'

const MIGRATIONS = fileURLToPath(new URL('../../prisma/migrations/', import.meta.url))
const THIS_MIGRATION = '20261202103200_bureau_clock'

const name = `grid_migration_${randomBytes(6).toString('hex')}`
let client: pg.Client

const sqlOf = (folder: string) => readFileSync(`${MIGRATIONS}${folder}/migration.sql`, 'utf8')

beforeAll(async () => {
  await adminQuery(`CREATE DATABASE "${name}"`)
  client = new pg.Client({ connectionString: databaseUrl(name) })
  await client.connect()
  // The schema as it was before this migration, then rows in that old shape.
  const earlier = readdirSync(MIGRATIONS)
    .filter((folder) => /^\d{14}_/.test(folder) && folder < THIS_MIGRATION)
    .sort()
  for (const folder of earlier) await client.query(sqlOf(folder))
  await client.query(`
    INSERT INTO person (id, telegram_id, display_name, updated_at) VALUES (1, 1001, '王小明', now());
    INSERT INTO station (id, code, kind, name, district_code, updated_at) VALUES
      ('s-community', 'DP-TONGHUI', 'COMMUNITY_LIAISON_STATION', '通惠街道12315联络站', NULL, now()),
      ('s-center', 'DP-12315', 'COUNTY_CENTER', '东坡区12315投诉举报中心', NULL, now());
    INSERT INTO complaint (id, tracking_number, form_id, kind, status, consumer_id, locale, respondent_name, facts, rule,
                           submitted_at, received_at, decision_due_on, station_id, accepted_at, updated_at) VALUES
      -- Routed straight to the county center on Monday 2026-09-28, 10:00 in Shanghai.
      ('c-direct', 'MS-1', 'f1', 'COMPLAINT', 'RECEIVED', 1, 'zh-CN', '好又多超市', '过期牛奶', 'ORDER_121',
       '2026-09-28 01:59', '2026-09-28 02:00', '2026-10-13', 's-center', NULL, now()),
      -- Routed to the community station a week earlier, escalated to the center on 2026-09-28.
      ('c-escalated', 'MS-2', 'f2', 'COMPLAINT', 'ESCALATED', 1, 'zh-CN', '好又多超市', '过期牛奶', 'ORDER_121',
       '2026-09-21 02:00', '2026-09-21 02:00', '2026-09-30', 's-center', NULL, now()),
      -- Still at the community station: its old acceptance date was never a legal deadline.
      ('c-community', 'MS-3', 'f3', 'COMPLAINT', 'LOCAL_MEDIATION', 1, 'zh-CN', '好又多超市', '过期牛奶', 'ORDER_121',
       '2026-09-21 02:00', '2026-09-21 02:00', '2026-09-30', 's-community', NULL, now()),
      -- A report verified at the center: 15 working days for the filing decision, not the complaint's 7.
      ('c-report', 'MS-4', 'f4', 'REPORT', 'VERIFYING', 1, 'zh-CN', '好又多超市', '销售过期食品', 'ORDER_121',
       '2026-09-28 02:00', '2026-09-28 02:00', '2026-10-13', 's-center', NULL, now()),
      -- Received by the center before Order 121 came into force, accepted since.
      ('c-old-rule', 'MS-5', 'f5', 'COMPLAINT', 'ACCEPTED', 1, 'zh-CN', '好又多超市', '过期牛奶', 'ORDER_121',
       '2026-03-02 02:00', '2026-03-02 02:00', '2026-03-11', 's-center', '2026-03-05 02:00', now()),
      -- An inquiry at the center: no statutory deadline.
      ('c-inquiry', 'MS-6', 'f6', 'INQUIRY', 'RECEIVED', 1, 'zh-CN', '-', '怎么退货？', 'ORDER_121',
       '2026-09-28 02:00', '2026-09-28 02:00', '2026-10-13', 's-center', NULL, now());
    INSERT INTO complaint_event (complaint_id, actor_role, action, from_status, to_status, data, created_at) VALUES
      ('c-direct', 'SYSTEM', 'ROUTE', 'SUBMITTED', 'RECEIVED', '{"stationCode": "DP-12315"}', '2026-09-28 02:00'),
      ('c-escalated', 'SYSTEM', 'ROUTE', 'SUBMITTED', 'RECEIVED', '{"stationCode": "DP-TONGHUI"}', '2026-09-21 02:00'),
      ('c-escalated', 'LIAISON', 'ESCALATE', 'RECEIVED', 'ESCALATED', '{"fromStationId": "s-community", "toStationId": "s-center"}', '2026-09-28 02:00'),
      ('c-community', 'SYSTEM', 'ROUTE', 'SUBMITTED', 'RECEIVED', '{"stationCode": "DP-TONGHUI"}', '2026-09-21 02:00'),
      ('c-report', 'SYSTEM', 'ROUTE', 'SUBMITTED', 'RECEIVED', '{"stationCode": "DP-12315"}', '2026-09-28 02:00'),
      ('c-old-rule', 'SYSTEM', 'ROUTE', 'SUBMITTED', 'RECEIVED', '{"stationCode": "DP-12315"}', '2026-03-02 02:00'),
      ('c-inquiry', 'SYSTEM', 'ROUTE', 'SUBMITTED', 'RECEIVED', '{"stationCode": "DP-12315"}', '2026-09-28 02:00');
  `)
  await client.query(sqlOf(THIS_MIGRATION))
})

afterAll(async () => {
  await client?.end()
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
})

async function clocks(id: string) {
  const { rows } = await client.query(
    `SELECT to_char(bureau_received_at, 'YYYY-MM-DD HH24:MI') AS "bureauReceivedAt", rule::text AS rule,
            to_char(decision_due_on, 'YYYY-MM-DD') AS "decisionDueOn", due_dates_final AS "dueDatesFinal", status::text AS status
       FROM complaint WHERE id = $1`,
    [id],
  )
  return rows[0]
}

describe('the bureau-clock migration on stored tickets', () => {
  it('dates receipt by the bureau from the routing of a ticket routed straight to a center', async () => {
    expect(await clocks('c-direct')).toEqual({
      bureauReceivedAt: '2026-09-28 02:00',
      rule: 'ORDER_121',
      decisionDueOn: '2026-10-13',
      dueDatesFinal: true,
      status: 'RECEIVED',
    })
  })

  it('dates it from the escalation of an escalated ticket, and counts the 7 working days again from there', async () => {
    expect(await clocks('c-escalated')).toEqual({
      bureauReceivedAt: '2026-09-28 02:00',
      rule: 'ORDER_121',
      decisionDueOn: '2026-10-13',
      dueDatesFinal: true,
      status: 'ESCALATED',
    })
  })

  it('gives a ticket at a first-mile station no receipt by the bureau and no statutory date', async () => {
    expect(await clocks('c-community')).toEqual({
      bureauReceivedAt: null,
      rule: 'ORDER_121',
      decisionDueOn: null,
      dueDatesFinal: true,
      status: 'LOCAL_MEDIATION',
    })
  })

  it('gives a report its 15-working-day filing decision and an inquiry none', async () => {
    expect((await clocks('c-report')).decisionDueOn).toBe('2026-10-23')
    expect((await clocks('c-inquiry')).decisionDueOn).toBeNull()
  })

  it('chooses the rule by the date of receipt by the bureau, and leaves decided tickets their history', async () => {
    expect(await clocks('c-old-rule')).toEqual({
      bureauReceivedAt: '2026-03-02 02:00',
      rule: 'ORDER_20',
      decisionDueOn: '2026-03-11',
      dueDatesFinal: true,
      status: 'ACCEPTED',
    })
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM complaint_event`)
    expect(rows[0].n).toBe(7)
  })

  it('lets the new station kind be stored', async () => {
    await client.query(
      `INSERT INTO station (id, code, kind, name, updated_at) VALUES ('s-office', 'DP-SJS-TONGHUI', 'MARKET_SUPERVISION_OFFICE', '东坡区市场监督管理局通惠市场监管所', now())`,
    )
    const { rows } = await client.query(`SELECT kind::text AS kind FROM station WHERE id = 's-office'`)
    expect(rows[0].kind).toBe('MARKET_SUPERVISION_OFFICE')
  })
})
