/**
 * `npm run bench -- broadcast [--subscribers 10000] [--rate 5] [--seconds 3600]`: a consumer warning broadcast to
 * N subscribers while complaints keep coming. The subscribers (1 % of whom blocked the bot) are seeded with SQL;
 * the warning is composed and confirmed through the real services, as /warn's confirm does, and the real broadcast
 * worker runs it in a worker process of its own (bench/support/outbound-workers.ts) with Telegram's limits,
 * sending to a fake Bot API that enforces 30/s overall, 1/s per chat and 20/min per group and answers 429 to
 * anything over them (bench/support/limited-bot-api.ts). Meanwhile consumers confirm complaints at a steady rate
 * (each wants a ticket card and a status message) until the broadcast ends or `--seconds` have passed.
 *
 * Prints a markdown table of the broadcast's rate (overall and in 10-s windows while recipients were pending),
 * all messages per second against the ideal 30/s, the 429s, duplicates, blocked and failed recipients, confirm →
 * ticket card latency and the worker process's peak RSS. The reference is the limit the fake enforces.
 */
import type { Database } from '../src/db/client.ts'
import { benchComplaint } from './support/bench-complaint.ts'
import { BENCH_TOKEN, benchOption, startFilingProcess } from './support/filing-process.ts'
import { type SentReport, sharedNow } from './support/limited-bot-api.ts'
import {
  buildRegion,
  fmt,
  percentile,
  rateWindows,
  STATIONS,
  startWorkerProcess,
  waitFor,
} from './support/outbound-run.ts'

const GLOBAL_LIMIT = 30
const TARGET_SHARE = 0.9
const CARD_P99_TARGET_MS = 2_000
const FIRST_SUBSCRIBER = 3_000_000_000
const BLOCKED_EVERY = 100
const AUTHOR_TELEGRAM_ID = 1_600_000_000

export async function main(args: string[]): Promise<void> {
  const subscriberCount = Math.round(benchOption(args, 'subscribers', 10_000))
  const rate = benchOption(args, 'rate', 5)
  const capSeconds = benchOption(args, 'seconds', 3600)
  const filing = await startFilingProcess('broadcast')
  const { database, prefix, redisUrl, db, services } = filing
  const blockedChats = Array.from(
    { length: Math.floor(subscriberCount / BLOCKED_EVERY) },
    (_, i) => FIRST_SUBSCRIBER + i * BLOCKED_EVERY,
  )
  const sent: SentReport[] = []
  const workers = await startWorkerProcess(
    { token: BENCH_TOKEN, databaseUrl: database.url, redisUrl, prefix, blockedChats },
    (report) => sent.push(report),
  )
  try {
    const region = await buildRegion(db, STATIONS)
    const seedStarted = performance.now()
    await seedSubscribers(db, subscriberCount)
    const author = await seedAuthor(db)
    console.log(`seeded ${subscriberCount} subscribers in ${fmt(performance.now() - seedStarted)}`)

    // As /warn's confirm: the draft is opened, filled and confirmed; the preview message becomes the progress one.
    const opened = await services.warnings.drafts.open(author, {
      areaCodes: ['BENCH-C'],
      textZhCN: '消费警示：基准测试社区内某店铺销售过期食品，请注意查看生产日期。',
    })
    if (opened.status !== 'opened') throw new Error('the bench author may not warn')
    const confirmed = await services.warnings.drafts.confirm(author, opened.draft.id, {
      chatId: AUTHOR_TELEGRAM_ID,
      messageId: 1,
    })
    if (confirmed.status !== 'queued') throw new Error(`the warning was not queued: ${confirmed.status}`)
    const recipients = confirmed.recipients
    const began = sharedNow()

    const cardOf = new Map<string, number>()
    function cardsOut(): number {
      for (const report of sent)
        if (report.ok && report.kind === 'card' && report.complaintId && !cardOf.has(report.complaintId))
          cardOf.set(report.complaintId, report.at)
      return cardOf.size
    }
    let finished = false
    const watch = (async () => {
      while (!finished && sharedNow() - began < capSeconds * 1000) {
        await new Promise((resolve) => setTimeout(resolve, 500))
        const row = await db.warning.findUnique({ where: { id: confirmed.warningId }, select: { status: true } })
        finished = row?.status === 'DONE' || row?.status === 'CANCELLED'
      }
      finished = true
    })()
    const progress = args.includes('--verbose')
      ? setInterval(() => {
          const done = sent.filter((report) => report.kind === 'warning' && (report.ok || report.blocked)).length
          console.log(`${new Date().toISOString()} warning ${done}/${recipients}, cards ${cardsOut()}`)
        }, 10_000)
      : undefined

    const confirmedAt = new Map<string, number>()
    let failedConfirms = 0
    const pending: Array<Promise<unknown>> = []
    for (let i = 0; !finished; i++) {
      const wait = began + (i * 1000) / rate - sharedNow()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      if (finished) break
      const at = sharedNow()
      pending.push(
        services.filing
          .fileComplaint(benchComplaint(region.grids[i % STATIONS]!), region.consumers[i % STATIONS]!)
          .then((result) => {
            if (result.status === 'daily-limit') throw new Error('daily limit')
            confirmedAt.set(result.complaint.id, at)
          })
          .catch((error: unknown) => {
            if (failedConfirms++ === 0)
              console.error('a confirm failed:', error instanceof Error ? error.message : error)
          }),
      )
    }
    await Promise.all(pending)
    await watch
    await waitFor(() => cardsOut() >= confirmedAt.size, 60_000)
    clearInterval(progress)
    const { peakRssBytes } = await workers.close()

    const warnings = sent.filter((report) => report.kind === 'warning' && (report.ok || report.blocked))
    const tooMany = sent.filter((report) => !report.ok && !report.blocked)
    const perChat = new Map<number, number>()
    for (const report of warnings) perChat.set(report.chatId, (perChat.get(report.chatId) ?? 0) + 1)
    const duplicates = [...perChat.values()].filter((count) => count > 1).length
    const from = warnings[0]?.at ?? began
    const to = warnings.at(-1)?.at ?? began
    const spanS = (to - from) / 1000
    const accepted = sent.filter((report) => report.ok || report.blocked)
    const during = accepted.filter((report) => report.at >= from && report.at <= to)
    const broadcastRate = warnings.length / spanS
    const otherRate = (during.length - warnings.length) / spanS
    const left = GLOBAL_LIMIT - otherRate
    const broadcastWindows = rateWindows(
      warnings.map((report) => report.at),
      from,
      to,
    )
    const totalWindows = rateWindows(
      accepted.map((report) => report.at),
      from,
      to,
    )
    const cardLatency = [...confirmedAt].flatMap(([id, at]) => (cardOf.has(id) ? [cardOf.get(id)! - at] : []))
    const cardP99 = percentile(cardLatency, 99)
    const ledger = await db.warningDelivery.groupBy({
      by: ['status'],
      where: { warningId: confirmed.warningId },
      _count: true,
    })
    const ledgerCount = (status: string) => ledger.find((row) => row.status === status)?._count ?? 0
    const range = (values: number[]) =>
      values.length
        ? `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}, median ${percentile(values, 50).toFixed(1)}`
        : 'n/a (shorter than 10 s)'
    const verdict = (met: boolean) => (met ? 'met' : '**NOT met**')
    const lowestBroadcast = broadcastWindows.length ? Math.min(...broadcastWindows) : broadcastRate

    console.log(
      `\nbroadcast benchmark: ${recipients} recipients (${blockedChats.length} blocked the bot), ${rate} complaints/s meanwhile (≈ ${2 * rate} ticket messages/s), Telegram's limits enforced by the fake Bot API (${new Date().toISOString()})`,
    )
    console.log(
      `The baseline is the ideal rate the fake enforces (${GLOBAL_LIMIT}/s overall, 1/s per chat); "left" is ${GLOBAL_LIMIT}/s less the ticket traffic measured during the broadcast.\n`,
    )
    console.log('| measure | this run | target / ideal |')
    console.log('| --- | --- | --- |')
    const row = (measure: string, value: string, target: string) => console.log(`| ${measure} | ${value} | ${target} |`)
    row(
      'warning delivered',
      `${ledgerCount('SENT')} sent, ${ledgerCount('BLOCKED')} blocked in ${spanS.toFixed(1)} s`,
      `${recipients - blockedChats.length} sent, ${blockedChats.length} blocked`,
    )
    row(
      'broadcast msg/s, overall',
      `${broadcastRate.toFixed(1)} = ${((broadcastRate / left) * 100).toFixed(1)} % of the ${left.toFixed(1)}/s left`,
      `≥ ${TARGET_SHARE * 100} % of what is left: ${(TARGET_SHARE * left).toFixed(1)} (${verdict(broadcastRate >= TARGET_SHARE * left)})`,
    )
    row('broadcast msg/s, 10-s windows', range(broadcastWindows), `ideal ${left.toFixed(1)}`)
    row('ticket messages/s during the broadcast', otherRate.toFixed(1), `${2 * rate} wanted (card + status)`)
    row(
      'all messages/s, 10-s windows',
      range(totalWindows),
      `ideal ${GLOBAL_LIMIT}; ≥ ${TARGET_SHARE * GLOBAL_LIMIT} (${verdict((totalWindows.length ? percentile(totalWindows, 50) : during.length / spanS) >= TARGET_SHARE * GLOBAL_LIMIT)})`,
    )
    row(
      '429 answers',
      String(tooMany.length),
      `0 (${verdict(tooMany.length === 0)})${tooMany.length ? `: ${limitsBroken(tooMany)}` : ''}`,
    )
    row('chats that got the warning twice', String(duplicates), `0 (${verdict(duplicates === 0)})`)
    row(
      'failed / unconfirmed / left',
      `${ledgerCount('FAILED')} / ${ledgerCount('UNCONFIRMED')} / ${ledgerCount('PENDING') + ledgerCount('CLAIMED') + ledgerCount('SENDING')}`,
      '0 / 0 / 0',
    )
    row(
      'confirm → ticket card p50 / p95 / p99 (max)',
      `${fmt(percentile(cardLatency, 50))} / ${fmt(percentile(cardLatency, 95))} / ${fmt(cardP99)} (${fmt(Math.max(...cardLatency))}), ${cardLatency.length} of ${confirmedAt.size} cards`,
      `p99 ≤ ${fmt(CARD_P99_TARGET_MS)} (${verdict(cardP99 <= CARD_P99_TARGET_MS && cardLatency.length === confirmedAt.size)})`,
    )
    row('worker process peak RSS', `${(peakRssBytes / 2 ** 20).toFixed(0)} MiB`, '—')
    console.log(
      `\nlowest broadcast window ${lowestBroadcast.toFixed(1)} msg/s; confirms that failed: ${failedConfirms}`,
    )
  } finally {
    workers.kill()
    await filing.close()
  }
}

function limitsBroken(refused: SentReport[]): string {
  const byLimit = new Map<string, number>()
  for (const report of refused) byLimit.set(report.limit ?? '?', (byLimit.get(report.limit ?? '?') ?? 0) + 1)
  return [...byLimit].map(([limit, count]) => `${count} over the ${limit} limit`).join(', ')
}

/** `count` people with Telegram ids subscribed to the bench street (its community is where the warning goes). */
async function seedSubscribers(db: Database, count: number): Promise<void> {
  await db.$executeRaw`
    INSERT INTO person (telegram_id, display_name, updated_at)
    SELECT ${FIRST_SUBSCRIBER}::bigint + g, 's' || g, now() FROM generate_series(0, ${count - 1}::int) g`
  await db.$executeRaw`
    INSERT INTO warning_subscription (person_id, area_code)
    SELECT id, 'BENCH-S' FROM person WHERE telegram_id >= ${FIRST_SUBSCRIBER}::bigint`
}

/** An admin (who may warn anywhere) with a private chat for the progress message. */
async function seedAuthor(db: Database): Promise<number> {
  const station = await db.station.findFirstOrThrow({ where: { code: 'BENCH-0' } })
  const author = await db.person.create({ data: { telegramId: BigInt(AUTHOR_TELEGRAM_ID), displayName: 'author' } })
  await db.membership.create({ data: { personId: author.id, stationId: station.id, role: 'ADMIN' } })
  return author.id
}
