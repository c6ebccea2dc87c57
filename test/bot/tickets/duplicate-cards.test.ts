import type { Message } from 'grammy/types'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { Faults, type TestGroup } from '../../../src/simulator/bot-api/index.ts'
import { type RuntimeInProcess, startRuntimeInProcess } from '../../support/runtime-in-process.ts'
import type { BotProcess } from '../../support/spawn-bot.ts'
import { consumer, file, offers, pressOnCard, SLOW, type StationWorld, stationWorld } from './ticket-world.ts'

// Telegram offers no idempotency key: a card whose answer never came back may have been posted although the
// worker posts it again. These tests make that happen and check that the second copy can never act.

let harness: RuntimeInProcess
const db = () => harness.app.database.db

const workers: BotProcess[] = []
beforeAll(async () => {
  // The bot in this process; the workers, which these tests kill, are child processes.
  harness = await startRuntimeInProcess({ role: 'bot' })
})
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => (worker.exited ? undefined : worker.stop(10_000))))
})
afterAll(async () => {
  await harness.close()
})

/** A worker process of its own for one test; stopped after it. */
async function startWorker(): Promise<BotProcess> {
  const worker = await harness.spawn('worker')
  workers.push(worker)
  return worker
}

/** The cards of a ticket in the group (messages that start with its number and carry its buttons, or did). */
const cardsOf = (group: TestGroup, trackingNumber: string) =>
  group.messages().filter((message) => (message.text ?? '').startsWith(`📋 ${trackingNumber}`))

async function metricsOf(worker: BotProcess): Promise<string> {
  const port = /grid-12315-bot started.*"httpPort":(\d+)|"httpPort":(\d+).*grid-12315-bot started/
    .exec(worker.output())
    ?.slice(1)
    .find(Boolean)
  return (await fetch(`http://127.0.0.1:${port}/metrics`)).text()
}

/** Both copies posted; returns the one the bot recorded as the card and the other one. */
async function liveAndCopy(
  world: StationWorld,
  ticket: { id: string; trackingNumber: string },
): Promise<{ live: Message; copy: Message }> {
  await expect.poll(() => cardsOf(world.group, ticket.trackingNumber).length, { timeout: 40_000 }).toBe(2)
  const recordedId = async () =>
    (await db().chatMessage.findFirst({ where: { complaintId: ticket.id, purpose: 'TICKET_CARD' } }))?.messageId
  await expect.poll(recordedId, { timeout: 10_000 }).toBeDefined()
  const recorded = { messageId: await recordedId() }
  const cards = cardsOf(world.group, ticket.trackingNumber)
  const live = cards.find((card) => card.message_id === recorded.messageId)!
  const copy = cards.find((card) => card.message_id !== recorded.messageId)!
  expect(live).toBeDefined()
  expect(copy).toBeDefined()
  return { live, copy }
}

/** Pressing accept on the copy does nothing but turn the copy into a pointer to the live card; the live card works. */
async function expectCopyNeverActs(
  world: StationWorld,
  ticket: { id: string; trackingNumber: string },
  live: Message,
  copy: Message,
): Promise<void> {
  const answer = await pressOnCard(world.staff, world.group, copy, 'ac')
  expect(answer).toMatchObject({
    show_alert: true,
    text: '这是工单卡片重复发送的副本，本次操作未执行。请在原卡片上操作。',
  })
  expect((await db().complaint.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('RECEIVED')
  expect(await db().complaintEvent.count({ where: { complaintId: ticket.id, action: 'ACCEPT' } })).toBe(0)

  const pointer = await world.group.waitFor(
    (message) => message.message_id === copy.message_id && (message.text ?? '').includes('副本'),
    { ...SLOW, description: 'the copy pointing to the live card' },
  )
  expect(pointer.text).toContain(ticket.trackingNumber)
  expect(offers(pointer, 'ac')).toBe(false)
  expect(pointer.reply_markup?.inline_keyboard.flat() ?? []).toEqual([])
  const link = (pointer.entities ?? []).find((entity) => entity.type === 'text_link')
  expect(link && 'url' in link ? link.url : '').toBe(
    `https://t.me/c/${String(world.group.id).slice(4)}/${live.message_id}`,
  )

  const accepted = await pressOnCard(world.staff, world.group, live, 'ac')
  expect(accepted.show_alert ?? false).toBe(false)
  await expect
    .poll(async () => (await db().complaint.findUniqueOrThrow({ where: { id: ticket.id } })).status, SLOW)
    .toBe('ACCEPTED')
}

describe('a ticket card Telegram received twice', () => {
  it('when the connection dropped after Telegram posted it: the send is counted as uncertain and the copy never acts', {
    timeout: 120_000,
  }, async () => {
    const worker = await startWorker()
    const world = await stationWorld(harness)
    harness.tg.failNext('sendMessage', Faults.dropConnection({ afterProcessing: true }), { chatId: world.group.id })
    const { personId } = await consumer(harness, 'zh-hans')
    const ticket = await file(harness, personId, world.region)

    const { live, copy } = await liveAndCopy(world, ticket)
    expect(copy.message_id).toBeLessThan(live.message_id)
    expect(await metricsOf(worker)).toMatch(
      /grid_telegram_uncertain_sends_total\{method="sendMessage",reason="answer-lost"\} 1\b/,
    )
    await expectCopyNeverActs(world, ticket, live, copy)
  })

  it('when the worker was killed while the card was on its way: the next run counts it as uncertain and the copy never acts', {
    timeout: 150_000,
  }, async () => {
    const world = await stationWorld(harness)
    // Telegram takes its time to answer; the worker is killed meanwhile, and Telegram posts the card anyway.
    harness.tg.failNext('sendMessage', Faults.delay(3000), { chatId: world.group.id })
    const doomed = await startWorker()
    const { personId } = await consumer(harness, 'zh-hans')
    const ticket = await file(harness, personId, world.region)
    await expect
      .poll(
        () =>
          harness.tg.calls('sendMessage', (call) => call.chatId === world.group.id && call.outcome === 'pending')
            .length,
        { timeout: 30_000 },
      )
      .toBe(1)
    doomed.kill('SIGKILL')
    await doomed.waitForExit()

    const survivor = await startWorker()
    const { live, copy } = await liveAndCopy(world, ticket)
    expect(copy.message_id).toBeLessThan(live.message_id)
    expect(await metricsOf(survivor)).toMatch(
      /grid_telegram_uncertain_sends_total\{method="sendMessage",reason="process-died"\} 1\b/,
    )
    await expectCopyNeverActs(world, ticket, live, copy)
  })
})
