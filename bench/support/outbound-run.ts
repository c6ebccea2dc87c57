/**
 * What the benchmarks that run the workers against the limited fake Bot API share (bench/outbound.ts,
 * bench/broadcast.ts): the worker process, the region of stations and consumers (bench/route.ts uses it too), and
 * the figures.
 */
import { fork } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import type { Database } from '../../src/db/client.ts'
import type { SentReport } from './limited-bot-api.ts'
import type {
  FromOutboundWorkers,
  OutboundWorkersClosed,
  OutboundWorkersOptions,
  ToOutboundWorkers,
} from './outbound-workers.ts'

/** Grids, each with a station and its group. */
export const STATIONS = 300
const ENTRY = fileURLToPath(new URL('./outbound-workers.ts', import.meta.url))

/** Messages per second in each whole 10-second window between `from` and `to`. */
export function rateWindows(times: number[], from: number, to: number): number[] {
  const windows: number[] = []
  for (let start = from; start + 10_000 <= to; start += 10_000)
    windows.push(times.filter((at) => at >= start && at < start + 10_000).length / 10)
  return windows
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

export const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`)

/** A district with one street, one community and STATIONS grids, each covered by a station with a group (and one
 * busy 市场监管所 grid with a staff member, which bench/outbound.ts uses), and the consumers. */
export async function buildRegion(db: Database, consumerCount: number) {
  await db.area.createMany({
    data: [
      { code: 'BENCH', level: 'DISTRICT', name: '基准区' },
      { code: 'BENCH-S', level: 'STREET', name: '基准街道', parentCode: 'BENCH' },
      { code: 'BENCH-C', level: 'COMMUNITY', name: '基准社区', parentCode: 'BENCH-S' },
    ],
  })
  const grids = Array.from({ length: STATIONS + 1 }, (_, i) => `BENCH-C-${i}`)
  await db.area.createMany({
    data: grids.map((code, i) => ({ code, level: 'GRID' as const, name: `基准网格${i}`, parentCode: 'BENCH-C' })),
  })
  const stations = grids.map((areaCode, i) => ({
    id: randomUUID(),
    areaCode,
    chatId: BigInt(-1_009_000_000_000 - i),
    code: `BENCH-${i}`,
  }))
  // The busy group is a 市场监管所's, whose staff may take the formal act (✅ 受理) the run measures.
  const kindOf = (i: number) =>
    i === STATIONS ? ('MARKET_SUPERVISION_OFFICE' as const) : ('COMMUNITY_LIAISON_STATION' as const)
  await db.station.createMany({
    data: stations.map(({ id, chatId, code }, i) => ({
      id,
      code,
      kind: kindOf(i),
      name: `基准网格${i}工作站`,
      districtCode: 'BENCH',
      chatId,
    })),
  })
  await db.stationCoverage.createMany({ data: stations.map(({ id, areaCode }) => ({ stationId: id, areaCode })) })
  await db.person.createMany({
    data: Array.from({ length: consumerCount }, (_, i) => ({
      telegramId: BigInt(2_000_000_000 + i),
      displayName: `c${i}`,
    })),
  })
  const people = await db.person.findMany({
    where: { telegramId: { gte: 2_000_000_000n } },
    orderBy: { telegramId: 'asc' },
    select: { id: true },
  })
  const busyStation = stations[STATIONS]!
  const staff = await db.person.create({ data: { telegramId: 1_500_000_000n, displayName: 'staff' } })
  await db.membership.create({ data: { personId: staff.id, stationId: busyStation.id, role: 'STAFF' } })
  return {
    grids: grids.slice(0, STATIONS),
    busyGrid: busyStation.areaCode,
    consumers: people.map((person) => person.id),
    staff: staff.id,
  }
}

export async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
  if (!done()) console.error(`gave up waiting after ${timeoutMs / 1000} s`)
}

export async function startWorkerProcess(options: OutboundWorkersOptions, onSent: (sent: SentReport) => void) {
  const child = fork(ENTRY, [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  let closed: ((result: OutboundWorkersClosed) => void) | undefined
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the worker process exited (${code}) before it was ready`)))
    child.on('message', (message: FromOutboundWorkers) => {
      if (message.type === 'sent') onSent(message.sent)
      else if (message.type === 'ready') resolve()
      else if (message.type === 'closed') closed?.(message)
    })
  })
  return {
    async close(): Promise<OutboundWorkersClosed> {
      const result = new Promise<OutboundWorkersClosed>((resolve) => (closed = resolve))
      child.send({ type: 'close' } satisfies ToOutboundWorkers)
      const closing = await Promise.race([
        result,
        exited.then(() => ({ metrics: '', inFlightMs: Number.NaN, peakRssBytes: Number.NaN })),
      ])
      await exited
      return closing
    },
    kill() {
      if (child.exitCode === null) child.kill('SIGKILL')
    },
  }
}
