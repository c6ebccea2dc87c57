/**
 * `npm run bench -- statistics [--rows 1000000] [--rounds 7]`: 1,000,000 tickets over three years across the demo
 * city's stations, then the city-wide year summary, a station's month and the full-year export, each next to a bare
 * `SELECT count(*) … GROUP BY` over the same rows, in alternating rounds. Its own database, dropped at the end.
 */
import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { seedDemoRegion } from '../prisma/seed.ts'
import { createDatabase } from '../src/db/client.ts'
import { monthPeriod, yearPeriod } from '../src/domain/statistics/period.ts'
import { createStatistics } from '../src/services/statistics/statistics-service.ts'
import { exportTickets } from '../src/services/statistics/ticket-export.ts'
import { adminQuery, databaseUrl, migrateDatabase } from '../test/support/postgres-admin.ts'
import { benchOption } from './support/filing-process.ts'

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.ceil(p * values.length) - 1]!
const ms = (v: number) => `${v.toFixed(0)} ms`

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await work()
  return performance.now() - start
}

export async function main(args: string[]): Promise<void> {
  const rows = benchOption(args, 'rows', 1_000_000)
  const rounds = benchOption(args, 'rounds', 7)
  const name = `grid_bench_stats_${process.pid}`
  await adminQuery(`CREATE DATABASE "${name}"`)
  const url = databaseUrl(name)
  const db = createDatabase(url, { maxConnections: 4 })
  try {
    migrateDatabase(url)
    const seeded = await seedDemoRegion(db)
    if (!seeded.ok) throw new Error('the demo region did not import')
    const consumer = await db.person.create({ data: { telegramId: 1n, displayName: 'bench' } })
    const generation = await timed(() =>
      db.$executeRawUnsafe(`
      WITH s AS (SELECT array_agg(id ORDER BY code) AS ids FROM station),
           a AS (SELECT array_agg(code ORDER BY code) AS codes FROM area WHERE level IN ('COMMUNITY', 'STREET')),
           g AS (SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5 FROM generate_series(1, ${rows}) AS i)
      INSERT INTO complaint (id, tracking_number, form_id, kind, status, consumer_id, locale, respondent_name, area_code, is_online,
        category_code, facts, rule, station_id, submitted_at, received_at, accepted_at, decided_at, closed_at, closing_outcome,
        ground, recovered_fen, satisfaction, contact_name, contact_phone, updated_at)
      SELECT gen_random_uuid()::text, 'B-' || i, 'bench-' || i,
        (CASE WHEN r1 < 0.1 THEN 'INQUIRY' WHEN r1 < 0.2 THEN 'REPORT' ELSE 'COMPLAINT' END)::"ComplaintKind",
        (CASE WHEN r1 < 0.1 THEN 'ANSWERED' WHEN r1 < 0.2 THEN 'NOT_FILED' WHEN r2 < 0.3 THEN 'SETTLED_LOCALLY'
              WHEN r2 < 0.4 THEN 'NOT_ACCEPTED' WHEN r2 < 0.9 THEN 'CLOSED' ELSE 'RECEIVED' END)::"ComplaintStatus",
        ${consumer.id}, 'zh-CN', '商户' || (floor(power(r3, 3) * 5000))::int, a.codes[1 + floor(r4 * array_length(a.codes, 1))::int],
        r5 < 0.35, (ARRAY['FOOD_PACKAGED','CATERING_RESTAURANT','ELECTRONICS_MOBILE_PHONE','CLOTHING_APPAREL','PREPAID_STORED_VALUE',
          'TELECOM_MOBILE','BEAUTY_SALON','EDUCATION_ACADEMIC','HOUSING_NEW_HOME','VEHICLE_CAR'])[1 + floor(r5 * 10)::int],
        'bench', 'ORDER_121', s.ids[1 + floor(power(r2, 2) * array_length(s.ids, 1))::int],
        t.at, t.at, CASE WHEN r2 >= 0.4 THEN t.at + interval '2 days' END, t.at + interval '2 days' * (1 + r3 * 5),
        CASE WHEN r2 >= 0.4 AND r2 < 0.9 THEN t.at + interval '20 days' * (1 + r4) END,
        (CASE WHEN r2 >= 0.4 AND r2 < 0.9 THEN CASE WHEN r4 < 0.8 THEN 'RESOLVED' ELSE 'UNRESOLVED' END END)::"ClosingOutcome",
        CASE WHEN r2 >= 0.3 AND r2 < 0.4 THEN 'TIME_BARRED' END,
        CASE WHEN r4 < 0.4 THEN (r5 * 300000)::bigint END, CASE WHEN r3 < 0.3 THEN 1 + floor(r4 * 5)::int END,
        '王小明', '13812345678', t.at
      FROM g CROSS JOIN s CROSS JOIN a
      CROSS JOIN LATERAL (SELECT now()::timestamp - interval '3 years' * r1 * 0.999 - interval '1 day' * r3 AS at) t`),
    )
    await db.$executeRawUnsafe('ANALYZE complaint')
    console.log(`generated ${rows} tickets in ${ms(generation)}`)

    const statistics = createStatistics(db)
    const year = new Date().getUTCFullYear() - 1
    const busiest = await db.$queryRawUnsafe<{ station_id: string }[]>(
      'SELECT station_id FROM complaint GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
    )
    const station = busiest[0]!.station_id
    const yearBounds = [`${year - 1}-12-31T16:00:00Z`, `${year}-12-31T16:00:00Z`]
    const cases: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
      [
        'city year summary',
        () => statistics.report({ level: 'CITY' }, yearPeriod(year)),
        () =>
          db.$queryRawUnsafe(
            'SELECT kind, station_id, count(*) FROM complaint WHERE submitted_at >= $1::timestamp AND submitted_at < $2::timestamp GROUP BY 1, 2',
            ...yearBounds,
          ),
      ],
      [
        'station month',
        () => statistics.report({ level: 'STATION', stationId: station }, monthPeriod(year, 6)),
        () =>
          db.$queryRawUnsafe(
            `SELECT kind, count(*) FROM complaint WHERE station_id = $1 AND submitted_at >= '${year}-05-31T16:00:00Z'::timestamp AND submitted_at < '${year}-06-30T16:00:00Z'::timestamp GROUP BY 1`,
            station,
          ),
      ],
    ]
    for (const [label, work, bare] of cases) {
      const ours: number[] = []
      const baseline: number[] = []
      for (let round = 0; round < rounds; round++) {
        ours.push(await timed(work))
        baseline.push(await timed(bare))
      }
      console.log(
        `${label}: p50 ${ms(percentile(ours, 0.5))}, p95 ${ms(percentile(ours, 0.95))}; bare GROUP BY p50 ${ms(percentile(baseline, 0.5))}, p95 ${ms(percentile(baseline, 0.95))}`,
      )
    }

    const file = join(tmpdir(), `${name}.xlsx`)
    let peak = process.memoryUsage().rss
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss)
    }, 50)
    let exported = 0
    const exportMs = await timed(async () => {
      exported = await exportTickets(
        db,
        { period: yearPeriod(year), scope: { level: 'CITY' }, format: 'xlsx', withContacts: false },
        createWriteStream(file),
      )
    })
    clearInterval(sampler)
    await rm(file, { force: true })
    const bareExport = await timed(() =>
      db.$queryRawUnsafe(
        'SELECT count(*) FROM complaint WHERE submitted_at >= $1::timestamp AND submitted_at < $2::timestamp',
        ...yearBounds,
      ),
    )
    console.log(
      `full-year export: ${exported} rows in ${ms(exportMs)}, peak RSS ${(peak / 2 ** 20).toFixed(0)} MB; bare count ${ms(bareExport)}`,
    )
  } finally {
    await db.$disconnect()
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  }
}
