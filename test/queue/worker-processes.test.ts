import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BotProcess, spawnBot } from '../support/spawn-bot.ts'
import { AREAS, createDeliveryWorld, type DeliveryWorld, eventually, ticketCardsIn } from './support/delivery-world.ts'

let world: DeliveryWorld
beforeAll(async () => {
  world = await createDeliveryWorld()
})
afterAll(async () => {
  await world.close()
})

async function startWorkerProcess(): Promise<BotProcess> {
  const child = spawnBot('src/main.ts', world.workerEnv())
  await child.waitForLine(/grid-12315-bot started/, { timeout: 30_000 })
  return child
}

async function waitForAllDone(timeoutMs: number): Promise<void> {
  const db = world.app.database.db
  await expect
    .poll(() => db.outboxEntry.count({ where: { status: 'PENDING' } }), {
      timeout: timeoutMs,
      interval: 200,
      message: 'outbox still pending',
    })
    .toBe(0)
}

describe('worker processes', () => {
  it('deliver a complaint exactly once after a worker is killed (SIGKILL) in the middle of routing it', async () => {
    const { user, personId } = await world.consumer()
    const complaintId = await world.file(personId, { areaCode: AREAS.grid1 })
    const db = world.app.database.db
    const tracking = (await db.complaint.findUniqueOrThrow({ where: { id: complaintId } })).trackingNumber

    // Hold the complaint's row so that the worker's routing transaction blocks half-way.
    const holder = new pg.Client({ connectionString: world.app.database.url })
    await holder.connect()
    await holder.query('BEGIN')
    await holder.query('SELECT id FROM complaint WHERE id = $1 FOR UPDATE', [complaintId])
    const doomed = await startWorkerProcess()
    await eventually(async () => {
      await holder.query('SELECT pg_stat_clear_snapshot()') // statistics are cached per transaction otherwise
      const waiting = await holder.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      )
      expect(waiting.rows[0].n).toBeGreaterThan(0)
    }, 20_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${doomed.output()}`)
    })
    doomed.kill('SIGKILL')
    await doomed.waitForExit()
    await holder.query('ROLLBACK')
    await holder.end()
    expect(
      ticketCardsIn(world.tg, world.stations.grid1.group!.id).filter((call) =>
        String(call.params.text).includes(tracking),
      ),
    ).toHaveLength(0)

    // A new worker takes the stalled job over once the dead one's lock expires.
    const survivor = await startWorkerProcess()
    await user.waitForText(tracking, { timeout: 40_000 })
    await waitForAllDone(10_000)
    expect(
      ticketCardsIn(world.tg, world.stations.grid1.group!.id).filter((call) =>
        String(call.params.text).includes(tracking),
      ),
    ).toHaveLength(1)
    expect(await db.complaintEvent.count({ where: { complaintId, action: 'ROUTE' } })).toBe(1)
    expect(world.tg.calls('sendMessage', (call) => call.chatId === user.id)).toHaveLength(1)
    await survivor.stop(10_000)
  }, 90_000)

  it('deliver each of 200 complaints exactly once with two workers on the same Redis', async () => {
    const db = world.app.database.db
    // 100 grids, each with a station and a group of its own, so that Telegram's per-group limit is not what is tested.
    const grids = Array.from({ length: 100 }, (_, i) => `${AREAS.xiaoxiCommunity}-${String(i + 10).padStart(3, '0')}`)
    await db.area.createMany({
      data: grids.map((code, i) => ({
        code,
        level: 'GRID' as const,
        name: `三苏社区第${i + 10}网格`,
        parentCode: AREAS.xiaoxiCommunity,
      })),
    })
    const stations = grids.map((areaCode, i) => ({
      id: randomUUID(),
      areaCode,
      chatId: BigInt(world.tg.group({ title: `grid ${i}`, botIsAdmin: true }).id),
      i,
    }))
    await db.station.createMany({
      data: stations.map(({ id, chatId, i }) => ({
        id,
        code: `SS-${i}`,
        kind: 'COMMUNITY_LIAISON_STATION' as const,
        name: `三苏第${i}网格站`,
        districtCode: AREAS.dongpo,
        chatId,
      })),
    })
    await db.stationCoverage.createMany({ data: stations.map(({ id, areaCode }) => ({ stationId: id, areaCode })) })
    const workers = await Promise.all([startWorkerProcess(), startWorkerProcess()])
    const consumers = await Promise.all(Array.from({ length: 200 }, () => world.consumer()))
    const complaintIds: string[] = []
    const started = Date.now()
    for (let i = 0; i < 200; i += 4) {
      complaintIds.push(
        ...(await Promise.all(
          consumers.slice(i, i + 4).map(({ personId }, j) => world.file(personId, { areaCode: grids[(i + j) % 100]! })),
        )),
      )
    }
    const filedIn = Date.now() - started
    await waitForAllDone(90_000)
    console.info(`200 complaints: filed in ${filedIn} ms, all delivered after ${Date.now() - started} ms`)

    const cards = await db.chatMessage.groupBy({
      by: ['complaintId'],
      where: { purpose: 'TICKET_CARD', complaintId: { in: complaintIds } },
      _count: true,
    })
    expect(cards).toHaveLength(200)
    expect(cards.every((row) => row._count === 1)).toBe(true)
    const trackingNumbers = (await db.complaint.findMany({ where: { id: { in: complaintIds } } })).map(
      (complaint) => complaint.trackingNumber,
    )
    const posted = world.tg
      .calls('sendMessage', (call) => call.outcome === 'ok' && (call.chatId ?? 0) < 0)
      .map((call) => String(call.params.text))
    // A card names its own number in its first line (later lines may name related complaints).
    for (const tracking of trackingNumbers)
      expect(posted.filter((text) => text.split('\n')[0]?.includes(tracking))).toHaveLength(1)
    for (const { user } of consumers)
      expect(world.tg.calls('sendMessage', (call) => call.chatId === user.id && call.outcome === 'ok')).toHaveLength(1)
    expect(await db.complaintEvent.count({ where: { complaintId: { in: complaintIds }, action: 'ROUTE' } })).toBe(200)
    // Both processes did part of the work.
    for (const worker of workers) expect(worker.output()).toContain('complaint routed')
    await Promise.all(workers.map((worker) => worker.stop(10_000)))
  }, 180_000)
})
