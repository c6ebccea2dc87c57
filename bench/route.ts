/**
 * `npm run bench -- route [--rate 50] [--seconds 60]`: consumers confirm complaints at a steady rate against real
 * PostgreSQL and Redis; each is filed (complaint + outbox in one transaction) in this process, as the bot would,
 * then routed by the route worker and its ticket card posted by the notify worker in a worker process of their
 * own, as `ROLE=worker` runs in production. Measures confirm → card-sent latency (on a clock both processes
 * share) and throughput, next to bare BullMQ add → completed at the same rate in the same run. Bot API calls
 * are answered in the worker process.
 */
import { benchComplaint } from './support/bench-complaint.ts'
import { BENCH_TOKEN, benchOption, startFilingProcess } from './support/filing-process.ts'
import { type RunStats, runStats } from './support/latency.ts'
import { buildRegion } from './support/outbound-run.ts'
import { atRate, bareBullmq } from './support/route-bare-bullmq.ts'
import { CardTally, sharedNow } from './support/route-telegram.ts'
import { startWorkerProcess, type WorkerProcess } from './support/route-worker-process.ts'

const TARGET_P99_MS = 100
// Complaints filed (at the same rate) before measuring, so that neither process is measured cold (V8 takes a
// few seconds of load to settle). Longer than Telegram's per-group second: a station's first card of the run
// comes this long after its warm-up card, so it is not held back by pacing.
const WARM_UP_SECONDS = 5

export async function main(args: string[]): Promise<void> {
  const rate = benchOption(args, 'rate', 50)
  const seconds = benchOption(args, 'seconds', 60)
  const filing = await startFilingProcess('route')
  const { database, prefix, redisUrl, db, services } = filing
  const cards = new CardTally()
  let workers: WorkerProcess | undefined
  try {
    const warmUp = Math.round(rate * WARM_UP_SECONDS)
    const { grids, consumers } = await buildRegion(db, Math.round(rate * seconds) + warmUp)
    workers = await startWorkerProcess({ token: BENCH_TOKEN, databaseUrl: database.url, redisUrl, prefix }, cards)

    let failed = 0
    const confirm = async (i: number, started: Map<string, number>, station = i) => {
      const startedAt = sharedNow()
      try {
        const result = await services.filing.fileComplaint(
          benchComplaint(grids[station % grids.length]!),
          consumers[i]!,
        )
        if (result.status !== 'daily-limit') started.set(result.complaint.id, startedAt)
      } catch (error) {
        failed++
        if (failed === 1) console.error('a confirm failed:', error instanceof Error ? error.message : error)
      }
    }
    // Consumers from the end of the list; warm-up complaint i goes to the station the run's complaint i will.
    const warm = new Map<string, number>()
    await atRate(rate, WARM_UP_SECONDS, (i) => void confirm(consumers.length - 1 - i, warm, i))
    await waitFor(() => cards.firstSentAt.size >= warm.size, 10_000)

    const started = new Map<string, number>()
    const began = sharedNow()
    const pending: Promise<void>[] = []
    await atRate(rate, seconds, (i) => void pending.push(confirm(i, started)))
    await Promise.all(pending)
    await waitFor(() => [...started.keys()].every((id) => cards.firstSentAt.has(id)), 60_000)
    const latencies = [...started].flatMap(([id, at]) => {
      const sent = cards.firstSentAt.get(id)
      return sent === undefined ? [] : [sent - at]
    })
    const route = runStats(
      latencies,
      Math.max(...[...started.keys()].map((id) => cards.firstSentAt.get(id) ?? 0)) - began,
    )
    const timings = await workers.close(args.includes('--verbose'))
    workers = undefined
    if (timings) console.log(timings)

    const bare = await bareBullmq(redisUrl, prefix, rate, seconds)
    const baseline = runStats(bare.latencies, bare.wallMs)
    report(rate, seconds, route, baseline, started.size - latencies.length, cards.duplicates)
    console.log(`confirms that failed: ${failed}`)
  } finally {
    workers?.kill()
    await filing.close()
  }
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
}

function report(
  rate: number,
  seconds: number,
  route: RunStats,
  bare: RunStats,
  missing: number,
  duplicates: number,
): void {
  const ratio = bare.p99Ms > 0 ? route.p99Ms / bare.p99Ms : Number.NaN
  const row = (name: string, stats: RunStats) =>
    `| ${name} | ${stats.updates} | ${stats.updatesPerSecond.toFixed(1)}/s | ${stats.p50Ms.toFixed(1)} ms | ${stats.p99Ms.toFixed(1)} ms |`
  console.log(`\nroute benchmark: ${rate} confirmed complaints/s for ${seconds} s (${new Date().toISOString()})\n`)
  console.log('| pipeline | jobs | throughput | p50 | p99 |')
  console.log('|---|---|---|---|---|')
  console.log(row('confirm → ticket card sent (file, route, notify)', route))
  console.log(row('bare BullMQ add → completed', bare))
  console.log(
    `\np99 ${route.p99Ms.toFixed(1)} ms (target ≤ ${TARGET_P99_MS} ms: ${route.p99Ms <= TARGET_P99_MS ? 'met' : 'NOT met'}); ${ratio.toFixed(1)}× bare BullMQ's p99`,
  )
  console.log(`cards missing: ${missing}; cards posted twice: ${duplicates}`)
}
