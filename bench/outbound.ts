/**
 * `npm run bench -- outbound [--rate 20] [--seconds 50]`: how much of Telegram's budget the notifier uses. Consumers
 * confirm complaints at a steady rate (300 stations, one consumer each); each ticket wants two messages (its card
 * in the station's group, then the consumer's status message), so 20/s wants 40 messages/s against Telegram's
 * 30/s. The workers run in a process of their own with Telegram's limits and send to a fake Bot API that
 * enforces 30/s overall, 1/s per chat and 20/min per group, answering 429 to anything over them
 * (bench/support/limited-bot-api.ts). Meanwhile one busy group gets eight complaints in a minute, each with two
 * photos, and a staff member accepts the first of them once the eighth card is out.
 *
 * Prints the messages delivered per second in every 10-second window while messages were waiting (against
 * 30/s), the 429s, confirm → card latency, confirm → status latency, and the busy group's card and edit delays.
 * The reference is the limit the fake enforces; there is no other baseline to run.
 */
import { benchComplaint } from './support/bench-complaint.ts'
import { BENCH_TOKEN, benchOption, startFilingProcess } from './support/filing-process.ts'
import { type SentReport, sharedNow } from './support/limited-bot-api.ts'
import { buildRegion, fmt, percentile, rateWindows, startWorkerProcess, waitFor } from './support/outbound-run.ts'
import { atRate } from './support/route-bare-bullmq.ts'

const GLOBAL_LIMIT = 30
const TARGET_SHARE = 0.9
const BUSY_CARDS = 8
const BUSY_SPACING_MS = 7_000

export async function main(args: string[]): Promise<void> {
  const rate = benchOption(args, 'rate', 20)
  const seconds = benchOption(args, 'seconds', 50)
  const filing = await startFilingProcess('outbound')
  const { database, prefix, redisUrl, queues, db, services } = filing
  const sent: SentReport[] = []
  const workers = await startWorkerProcess(
    { token: BENCH_TOKEN, databaseUrl: database.url, redisUrl, prefix },
    (report) => sent.push(report),
  )
  try {
    const total = Math.round(rate * seconds)
    const region = await buildRegion(db, total + BUSY_CARDS)
    const confirmedAt = new Map<string, number>()
    const busy: string[] = []
    let failed = 0
    const confirm = async (consumer: number, grid: string, evidence = 0) => {
      const at = sharedNow()
      try {
        const result = await services.filing.fileComplaint(benchComplaint(grid, evidence), region.consumers[consumer]!)
        if (result.status === 'daily-limit') throw new Error('daily limit')
        confirmedAt.set(result.complaint.id, at)
        return result.complaint.id
      } catch (error) {
        if (failed++ === 0) console.error('a confirm failed:', error instanceof Error ? error.message : error)
        return undefined
      }
    }

    const began = sharedNow()
    const pending: Array<Promise<unknown>> = []
    const busyRun = (async () => {
      for (let k = 0; k < BUSY_CARDS; k++) {
        const due = began + 2_000 + k * BUSY_SPACING_MS
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - sharedNow())))
        const id = await confirm(total + k, region.busyGrid, 2)
        if (id) busy.push(id)
      }
    })()
    await atRate(rate, seconds, (i) => void pending.push(confirm(i, region.grids[i % region.grids.length]!)))
    await Promise.all(pending)
    await busyRun
    // The first busy ticket is accepted once the eighth card is out: its card is edited in place.
    const cardOf = (id: string) =>
      sent.find((report) => report.ok && report.kind === 'card' && report.complaintId === id)
    await waitFor(() => busy.every((id) => cardOf(id)), 120_000)
    const acceptedAt = sharedNow()
    const accepted = busy[0]
      ? await services.tickets.actOnTicket({ complaintId: busy[0], personId: region.staff, action: 'ACCEPT' })
      : undefined
    if (accepted?.status !== 'done') console.error('the busy ticket was not accepted:', accepted?.status)
    const edited = () =>
      sent.find(
        (report) => report.ok && report.kind === 'edit' && report.complaintId === busy[0] && report.at >= acceptedAt,
      )

    const filed = confirmedAt.size
    const delivered = (kind: SentReport['kind']) => sent.filter((report) => report.ok && report.kind === kind).length
    const progress = args.includes('--verbose')
      ? setInterval(
          () =>
            console.log(
              `${new Date().toISOString()} cards ${delivered('card')}/${filed}, status ${delivered('status')}, evidence ${delivered('evidence')}, edits ${delivered('edit')}`,
            ),
          10_000,
        )
      : undefined
    await waitFor(
      () =>
        delivered('card') >= filed &&
        delivered('status') >= filed + 1 &&
        edited() !== undefined &&
        delivered('evidence') >= busy.length * 2,
      300_000,
    )
    clearInterval(progress)
    if (args.includes('--verbose')) {
      const pendingEntries = await db.outboxEntry.findMany({ where: { status: 'PENDING' }, take: 10 })
      for (const entry of pendingEntries) {
        const job = await queues[entry.queue as 'notify' | 'route'].getJob(entry.jobId)
        console.log(
          'pending',
          entry.jobId,
          entry.attempts,
          entry.lastError,
          job ? await job.getState() : 'no job',
          job?.data,
          job?.failedReason,
        )
      }
    }
    const { metrics, inFlightMs } = await workers.close()

    const ok = sent.filter((report) => report.ok)
    const refused = sent.length - ok.length
    const firstCard = new Map<string, number>()
    for (const report of ok)
      if (report.kind === 'card' && report.complaintId && !firstCard.has(report.complaintId))
        firstCard.set(report.complaintId, report.at)
    const steady = [...confirmedAt].filter(([id]) => !busy.includes(id))
    const cardLatency = steady.flatMap(([id, at]) => (firstCard.has(id) ? [firstCard.get(id)! - at] : []))
    const statusTimes = ok
      .filter((report) => report.kind === 'status')
      .map((report) => report.at)
      .sort((a, b) => a - b)
    const confirmTimes = steady.map(([, at]) => at).sort((a, b) => a - b)
    // Status messages are not tied to a complaint by the fake; the n-th status answers the n-th confirm closely enough.
    const statusLatency = statusTimes.slice(0, confirmTimes.length).map((at, index) => at - confirmTimes[index]!)
    // Messages are waiting from a few seconds in (40/s wanted against 30/s) until the last steady ticket's status is out.
    const windows = rateWindows(
      ok.map((report) => report.at),
      ok[0]!.at + 5_000,
      statusTimes[confirmTimes.length - 1] ?? ok.at(-1)!.at,
    )
    const busyCards = busy.map((id) => (firstCard.get(id) ?? Number.NaN) - confirmedAt.get(id)!)
    const editMs = (edited()?.at ?? Number.NaN) - acceptedAt

    console.log(
      `\noutbound benchmark: ${rate} complaints/s for ${seconds} s (≈ ${2 * rate} messages/s wanted), Telegram's limits enforced by the fake Bot API (${new Date().toISOString()})\n`,
    )
    console.log(
      `delivered: ${ok.length} messages (${delivered('card')} cards, ${delivered('status')} status, ${delivered('evidence')} evidence, ${delivered('edit')} edits, ${delivered('other')} other) in ${((ok.at(-1)!.at - ok[0]!.at) / 1000).toFixed(1)} s`,
    )
    const median = percentile(windows, 50)
    console.log(
      `msg/s in each 10-s window while messages were waiting: ${windows.map((value) => value.toFixed(1)).join(', ')}`,
    )
    console.log(
      `median ${median.toFixed(1)} msg/s = ${((median / GLOBAL_LIMIT) * 100).toFixed(1)} % of ${GLOBAL_LIMIT}/s; lowest ${Math.min(...windows).toFixed(1)} (target ≥ ${TARGET_SHARE * 100} %: ${Math.min(...windows) >= TARGET_SHARE * GLOBAL_LIMIT ? 'met' : 'NOT met'})`,
    )
    const byLimit = new Map<string, number>()
    for (const report of sent)
      if (!report.ok) byLimit.set(report.limit ?? '?', (byLimit.get(report.limit ?? '?') ?? 0) + 1)
    console.log(
      `429 answers: ${refused}${byLimit.size ? ` (${[...byLimit].map(([limit, count]) => `${count} over the ${limit} limit`).join(', ')})` : ''}`,
    )
    console.log(
      `confirm → card sent: p50 ${fmt(percentile(cardLatency, 50))}, p99 ${fmt(percentile(cardLatency, 99))}, max ${fmt(Math.max(...cardLatency))} (${cardLatency.length} cards)`,
    )
    console.log(
      `confirm → consumer status sent: p50 ${fmt(percentile(statusLatency, 50))}, p99 ${fmt(percentile(statusLatency, 99))}`,
    )
    console.log(
      `busy group, ${BUSY_CARDS} complaints with 2 photos each in ${((BUSY_CARDS - 1) * BUSY_SPACING_MS) / 1000} s: card delays ${busyCards.map(fmt).join(', ')}; card edited ${fmt(editMs)} after ✅ accept`,
    )
    // A worker killed at a random moment doubles the messages it had on their way (sent, answer not yet recorded):
    // at full rate, the rate times the time a request is on its way.
    const perRequestMs = inFlightMs / (ok.length + refused)
    console.log(
      `on their way at full rate (what a SIGKILL at a random moment would double): ${median.toFixed(1)} msg/s × ${perRequestMs.toFixed(1)} ms = ${((median * perRequestMs) / 1000).toFixed(2)} messages`,
    )
    console.log(`confirms that failed: ${failed}`)
    if (args.includes('--verbose')) console.log(metrics)
  } finally {
    workers.kill()
    await filing.close()
  }
}
