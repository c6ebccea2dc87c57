// The migration that adds a complaint's identity columns, run on a database holding rows of the version before it.
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminQuery, databaseUrl } from '../support/postgres-admin.ts'

const MIGRATIONS = fileURLToPath(new URL('../../prisma/migrations/', import.meta.url))
const THIS_MIGRATION = '20261202103400_complaint_identity'

const name = `grid_migration_${randomBytes(6).toString('hex')}`
let client: pg.Client

async function apply(migration: string): Promise<void> {
  await client.query(readFileSync(`${MIGRATIONS}${migration}/migration.sql`, 'utf8'))
}

beforeAll(async () => {
  await adminQuery(`CREATE DATABASE "${name}"`)
  client = new pg.Client({ connectionString: databaseUrl(name) })
  await client.connect()
  const before = readdirSync(MIGRATIONS)
    .filter((entry) => /^\d{14}_/.test(entry) && entry < THIS_MIGRATION)
    .sort()
  for (const migration of before) await apply(migration)
})
afterAll(async () => {
  await client.end()
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
})

async function insertOld(id: string, kind: string, anonymous: boolean): Promise<void> {
  await client.query(
    `INSERT INTO complaint (id, tracking_number, form_id, kind, consumer_id, locale, respondent_name, facts, contact_name, contact_phone, anonymous, rule, updated_at)
     VALUES ($1, $2, $1, $3::"ComplaintKind", 1, 'zh-CN', '好又多超市', '牛奶过期三天。', '王小明', '+8613812345678', $4, 'ORDER_121', now())`,
    [id, `MS-20261201-${id.slice(-4)}`, kind, anonymous],
  )
}

describe('the complaint identity migration', () => {
  it('keeps older rows with empty identity columns and makes every earlier report a named one (they gave name and phone)', async () => {
    await client.query(`INSERT INTO person (id, telegram_id, display_name, updated_at) VALUES (1, 1, '王小明', now())`)
    await insertOld('old-report-hidden-0001', 'REPORT', true)
    await insertOld('old-report-plain-0002', 'REPORT', false)
    await insertOld('old-complaint-0003', 'COMPLAINT', false)
    await apply(THIS_MIGRATION)
    const { rows } = await client.query(
      `SELECT id, anonymous, contact_name, for_daily_life, mailing_address, id_type, id_number_encrypted, id_number_masked FROM complaint ORDER BY id`,
    )
    expect(rows).toEqual([
      {
        id: 'old-complaint-0003',
        anonymous: false,
        contact_name: '王小明',
        for_daily_life: null,
        mailing_address: null,
        id_type: null,
        id_number_encrypted: null,
        id_number_masked: null,
      },
      {
        id: 'old-report-hidden-0001',
        anonymous: false,
        contact_name: '王小明',
        for_daily_life: null,
        mailing_address: null,
        id_type: null,
        id_number_encrypted: null,
        id_number_masked: null,
      },
      {
        id: 'old-report-plain-0002',
        anonymous: false,
        contact_name: '王小明',
        for_daily_life: null,
        mailing_address: null,
        id_type: null,
        id_number_encrypted: null,
        id_number_masked: null,
      },
    ])
  })
})
