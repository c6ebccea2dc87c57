/**
 * `npm run bench -- statistics [--rows 1000000] [--rounds 7] [--check 1]`: a city's tickets over three years
 * (bench/support/statistics-data.ts), rolled up, then the city-wide year and a station's month as /stats and
 * /summary answer them (figures and the message; the .docx once), each next to a bare `SELECT … GROUP BY` over the
 * same rows in alternating rounds; the city year straight from the rows (the code before the rollup) once, and
 * checked equal; then the full-year XLSX and the whole table as CSV, with time and peak RSS. Its own database,
 * dropped at the end.
 */
import { execFile } from 'node:child_process'
import { rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isDeepStrictEqual, promisify } from 'node:util'
import { seedDemoRegion } from '../prisma/seed.ts'
import { createDatabase } from '../src/db/client.ts'
import { localDateOf, plusDays, startOfLocalDay } from '../src/domain/calendar/local-date.ts'
import { defaultWorkingDayCalendar } from '../src/domain/calendar/working-day-calendar.ts'
import { buildFigures } from '../src/domain/statistics/figures.ts'
import { customPeriod, monthPeriod, type StatisticsPeriod, yearPeriod } from '../src/domain/statistics/period.ts'
import type { StatisticsScope } from '../src/domain/statistics/scope.ts'
import { createTranslator } from '../src/i18n/translator.ts'
import { loadTallies } from '../src/services/statistics/rollup-tallies.ts'
import { createStatistics } from '../src/services/statistics/statistics-service.ts'
import type { ExportFormat } from '../src/services/statistics/ticket-export.ts'
import { loadTicketTallies } from '../src/services/statistics/ticket-tallies.ts'
import { buildWorkSummaryDocx } from '../src/services/statistics/work-summary-docx.ts'
import { statisticsLines, writeWorkSummary } from '../src/services/statistics/work-summary-text.ts'
import { adminQuery, databaseUrl, migrateDatabase } from '../test/support/postgres-admin.ts'
import { benchOption } from './support/filing-process.ts'
import { generateStatisticsData } from './support/statistics-data.ts'

const run = promisify(execFile)
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.ceil(p * values.length) - 1]!
const ms = (v: number) => `${v.toFixed(0)} ms`
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await work()
  return performance.now() - start
}

export async function main(args: string[]): Promise<void> {
  const rows = benchOption(args, 'rows', 1_000_000)
  const rounds = benchOption(args, 'rounds', 7)
  const check = benchOption(args, 'check', 1) === 1
  const name = `grid_bench_stats_${process.pid}`
  await adminQuery(`CREATE DATABASE "${name}"`)
  const url = databaseUrl(name)
  const db = createDatabase(url, { maxConnections: 4 })
  try {
    migrateDatabase(url)
    const seeded = await seedDemoRegion(db)
    if (!seeded.ok) throw new Error('the demo region did not import')
    const consumer = await db.person.create({ data: { telegramId: 1n, displayName: 'bench' } })
    const generation = await timed(() => generateStatisticsData(db, rows, consumer.id))
    console.log(`generated ${rows} tickets (and their cases) in ${ms(generation)}`)
    const statistics = createStatistics(db)
    let months = 0
    const rollup = await timed(async () => {
      months = await statistics.rollUp()
    })
    const size = await db.$queryRawUnsafe<{ n: number }[]>('SELECT count(*)::int AS n FROM statistics_month')
    console.log(`rolled up ${months} months in ${ms(rollup)} (${size[0]!.n} rollup rows)`)

    const year = new Date().getUTCFullYear() - 1
    const city: StatisticsScope = { level: 'CITY' }
    const everything = customPeriod(`${year - 3}-01-01` as never, localDateOf(new Date()))
    for (const [label, period, format] of [
      ['full-year export', yearPeriod(year), 'xlsx'],
      ['whole-table export', everything, 'csv'],
    ] as const) {
      await exportRun(label, period, format)
    }

    const translator = await createTranslator('zh-CN')
    const t = translator.forLocale('zh-CN')
    const busiest = await db.$queryRawUnsafe<{ station_id: string }[]>(
      'SELECT station_id FROM complaint GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
    )
    const station: StatisticsScope = { level: 'STATION', stationId: busiest[0]!.station_id }
    const report = async (scope: StatisticsScope, period: StatisticsPeriod) => {
      const result = await statistics.report(scope, period)
      if (!result) throw new Error('no report')
      return result
    }
    const stats = async (scope: StatisticsScope, period: StatisticsPeriod) =>
      statisticsLines(await report(scope, period), t, 'zh-CN')
    const summary = async (scope: StatisticsScope, period: StatisticsPeriod) =>
      writeWorkSummary(await report(scope, period), t, 'zh-CN')
    const bare =
      (from: string, to: string, where = '', ...values: unknown[]) =>
      () =>
        db.$queryRawUnsafe(
          `SELECT kind, station_id, count(*) FROM complaint WHERE submitted_at >= '${from}'::timestamp AND submitted_at < '${to}'::timestamp${where} GROUP BY 1, 2`,
          ...values,
        )
    const yearBare = bare(`${year - 1}-12-31T16:00:00Z`, `${year}-12-31T16:00:00Z`)
    const monthBare = bare(
      `${year}-05-31T16:00:00Z`,
      `${year}-06-30T16:00:00Z`,
      ' AND station_id = $1',
      station.stationId,
    )

    if (check) {
      const areas = new Map(
        (await db.area.findMany()).map((a) => [a.code, { level: a.level, parentCode: a.parentCode }] as const),
      )
      const today = localDateOf(new Date())
      for (const [label, period, scope] of [
        ['city year', yearPeriod(year), city],
        ['station, a custom range', customPeriod(`${year}-02-11` as never, `${year}-05-03` as never), station],
      ] as const) {
        let fromRows: ReturnType<typeof buildFigures> | undefined
        const rowsMs = await timed(async () => {
          const tallies = await loadTicketTallies(db, period, scope, today, true, defaultWorkingDayCalendar)
          fromRows = buildFigures(tallies, areas)
        })
        const rolled = buildFigures(await loadTallies(db, period, scope, today, true, defaultWorkingDayCalendar), areas)
        const equal = isDeepStrictEqual(rolled, fromRows)
        console.log(
          `${label} straight from the rows (no rollup, one pass): ${ms(rowsMs)}; rollup figures equal: ${equal ? 'yes' : 'NO'}`,
        )
        if (!equal) process.exitCode = 1
      }
    }

    const cases: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
      ['/stats city year', () => stats(city, yearPeriod(year)), yearBare],
      ['/summary city year', () => summary(city, yearPeriod(year)), yearBare],
      ['/stats station month', () => stats(station, monthPeriod(year, 6)), monthBare],
      ['/summary station month', () => summary(station, monthPeriod(year, 6)), monthBare],
    ]
    for (const [label, work, baseline] of cases) {
      const ours: number[] = []
      const bareTimes: number[] = []
      for (let round = 0; round < rounds; round++) {
        ours.push(await timed(work))
        bareTimes.push(await timed(baseline))
      }
      console.log(
        `${label} (message): p50 ${ms(percentile(ours, 0.5))}, p95 ${ms(percentile(ours, 0.95))}; bare GROUP BY p50 ${ms(percentile(bareTimes, 0.5))}, p95 ${ms(percentile(bareTimes, 0.95))}`,
      )
    }
    const yearReport = await report(city, yearPeriod(year))
    const docxMs = await timed(() => buildWorkSummaryDocx(yearReport, t, 'zh-CN'))
    console.log(`/summary city year .docx (three charts rendered): ${ms(docxMs)} after the message`)

    /** The export in a process of its own (as the admin command runs it): its time and its own peak RSS. */
    async function exportRun(label: string, period: StatisticsPeriod, format: ExportFormat) {
      const file = join(tmpdir(), `${name}.${format}`)
      const last = plusDays(period.to, -1)
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', 'bench/support/export-process.ts', url, period.from, last, format, file],
        { maxBuffer: 1 << 20 },
      )
      const result = JSON.parse(stdout.trim().split('\n').pop()!) as {
        rows: number
        ms: number
        before: number
        peak: number
      }
      const bytes = (await stat(file)).size
      await rm(file, { force: true })
      const bareMs = await timed(() =>
        db.$queryRawUnsafe(
          'SELECT count(*) FROM complaint WHERE submitted_at >= $1::timestamp AND submitted_at < $2::timestamp',
          startOfLocalDay(period.from).toISOString(),
          startOfLocalDay(period.to).toISOString(),
        ),
      )
      console.log(
        `${label} (${format.toUpperCase()}, its own process): ${result.rows} rows, ${mb(bytes)}, in ${ms(result.ms)}; peak RSS ${mb(result.peak)} (${mb(result.before)} at start); bare count ${ms(bareMs)}`,
      )
    }
  } finally {
    await db.$disconnect()
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  }
}
