import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUpdateJournal } from '../../../src/bot/updates/update-journal.ts'
import { createLogger } from '../../../src/logging/logger.ts'
import { createRedis, type Redis } from '../../../src/redis.ts'
import { Faults } from '../../../src/simulator/bot-api/index.ts'
import { startMessage, startUpdate } from '../../support/raw-updates.ts'
import { TEST_REDIS_URL } from '../../support/redis.ts'
import { type RuntimeInProcess, startRuntimeInProcess } from '../../support/runtime-in-process.ts'

let harness: RuntimeInProcess
let redis: Redis
beforeAll(async () => {
  harness = await startRuntimeInProcess()
  redis = createRedis(TEST_REDIS_URL, { name: 'polling-ends-test' })
})
afterAll(async () => {
  redis.disconnect()
  await harness.close()
})

const consumer = () => harness.tg.user({ firstName: 'Lin', languageCode: 'en', startedBot: true })
const MENU = 'What would you like to do?'

/** The runtime's log lines after `from` whose message matches. */
const logged = (from: number, message: string) =>
  harness.logLines.slice(from).filter((line) => (JSON.parse(line) as { msg?: string }).msg?.includes(message))

/** /start as a raw update, so that the test can have Telegram deliver it again or another process take it. */

/**
 * Makes the next getUpdates fail with `fault` (a message is pushed so that a poll held now returns); resolves with
 * the runtime's log lines once it says polling ended.
 */
async function nextPollFails(fault: ReturnType<typeof Faults.apiError>): Promise<string> {
  const from = harness.logLines.length
  harness.tg.failNext('getUpdates', fault)
  await consumer().send('/start')
  await expect.poll(() => logged(from, 'long polling ended').length, { timeout: 10_000 }).toBe(1)
  return harness.logLines.slice(from).join('\n')
}

describe('long polling meeting Telegram’s errors', () => {
  it('warns from the first failed fetch (5xx, a dropped connection) and answers once Telegram is back', async () => {
    const from = harness.logLines.length
    harness.tg.failNext('getUpdates', Faults.serverError(502))
    harness.tg.failNext('getUpdates', Faults.dropConnection())
    const user = consumer()
    await user.send('/start')
    await user.waitForText(MENU, { timeout: 15_000 })
    const warnings = logged(from, 'could not fetch updates from Telegram; retrying').map(
      (line) => JSON.parse(line) as { retryInMs: number },
    )
    // One warning per failure, at once (100 ms, then 200 ms), not after grammY's auto-retry gave up.
    expect(warnings.map((warning) => warning.retryInMs)).toEqual([100, 200])
  })

  it('waits as long as Telegram asks (429) before fetching again, and a restarted process answers what waited', async () => {
    const from = harness.logLines.length
    harness.tg.failNext('getUpdates', Faults.tooManyRequests(120))
    // Another consumer's message ends the poll held now; the next poll meets the 429.
    await consumer().send('/start')
    await expect
      .poll(() => logged(from, 'could not fetch updates from Telegram; retrying').length, { timeout: 10_000 })
      .toBe(1)
    const waiting = consumer()
    await waiting.send('/start')
    const [warning] = logged(from, 'could not fetch updates from Telegram; retrying')
    expect(JSON.parse(warning ?? '{}')).toMatchObject({ level: 40, retryInMs: 120_000 })
    // Telegram is not asked again during the flood wait, and the consumer is not answered yet.
    const polls = harness.tg.calls('getUpdates').length
    await waiting.expectNoMessage()
    expect(harness.tg.calls('getUpdates')).toHaveLength(polls)
    // A new process is not bound by the old one's wait: it answers the update Telegram kept.
    await harness.restartBot()
    await waiting.waitForText(MENU, { timeout: 15_000 })
  })

  it('stops taking updates when another process polls with the token (409); a new process answers them', async () => {
    const log = await nextPollFails(
      Faults.apiError(
        409,
        'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      ),
    )
    expect(log).toContain('another process is polling Telegram with this BOT_TOKEN')
    expect(log).toContain('"reason":"conflict"')
    const waiting = consumer()
    await waiting.send('/start')
    await waiting.expectNoMessage()
    await harness.restartBot()
    await waiting.waitForText(MENU, { timeout: 15_000 })
  })

  it('stops when a webhook was set for the token (409), naming the webhook', async () => {
    const log = await nextPollFails(
      Faults.apiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      ),
    )
    expect(log).toContain('a webhook was set for this BOT_TOKEN while polling (409 Conflict)')
    expect(log).toContain('"reason":"conflict"')
    await harness.restartBot()
  })

  it('stops when Telegram rejects the token (401)', async () => {
    const log = await nextPollFails(Faults.apiError(401, 'Unauthorized'))
    expect(log).toContain('Telegram rejects BOT_TOKEN (401 Unauthorized)')
    expect(log).toContain('"reason":"unauthorized"')
    await harness.restartBot()
  })
})

describe('updates handled once', () => {
  it('drops an update Telegram delivers again after it was answered', async () => {
    const from = harness.logLines.length
    const user = consumer()
    const update = harness.tg.pushUpdate({ message: startMessage(user.user) })
    await user.waitForText(MENU, { timeout: 15_000 })
    await harness.tg.idle()
    const answered = user.messages().length
    harness.tg.redeliver(update)
    await harness.tg.idle()
    await user.expectNoMessage()
    expect(user.messages()).toHaveLength(answered)
    // (Updates of the tests before, fetched again by the restarted runtime, may be dropped in the same window.)
    const dropped = logged(from, 'dropped redelivered updates').map((line) => JSON.parse(line).updateIds)
    expect(dropped).toContainEqual([update.update_id])
  })

  it('apologises when Telegram refuses an answer, and does not handle the message again', async () => {
    const from = harness.logLines.length
    const user = consumer()
    harness.tg.failNext('sendMessage', Faults.apiError(400, 'Bad Request: message is too long'), { chatId: user.id })
    await user.send('/start')
    await user.waitForText('Sorry, something went wrong on our side.', { timeout: 15_000 })
    await harness.tg.idle()
    await user.expectNoMessage()
    expect(user.messages().map((m) => m.text)).not.toContain(MENU)
    expect(logged(from, 'Bot API call failed')).toHaveLength(1)
  })

  it('answers an update a bot process that stopped had taken and not finished', async () => {
    const from = harness.logLines.length
    const user = consumer()
    // Another bot process journaled the update (so Telegram will not send it again) and stopped before answering.
    const departed = createUpdateJournal({
      redis,
      prefix: harness.app.redisPrefix,
      log: createLogger({ level: 'silent' }),
    })
    await departed.start()
    await departed.admit([startUpdate(user.user, 900_000_001)])
    await departed.stop()
    await user.waitForText(MENU, { timeout: 15_000 })
    expect(logged(from, 'handling updates left unfinished by a bot process that stopped')).toHaveLength(1)
  })
})
