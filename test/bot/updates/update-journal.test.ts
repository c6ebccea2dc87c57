import type { Update } from 'grammy/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUpdateJournal } from '../../../src/bot/updates/update-journal.ts'
import { createLogger } from '../../../src/logging/logger.ts'
import { createRedis, type Redis } from '../../../src/redis.ts'
import { flushRedisPrefix, TEST_REDIS_URL, uniqueRedisPrefix } from '../../support/redis.ts'

let redis: Redis
const prefixes: string[] = []
const log = createLogger({ level: 'silent' })
beforeAll(() => {
  redis = createRedis(TEST_REDIS_URL, { name: 'journal-test' })
})
afterAll(async () => {
  for (const prefix of prefixes) await flushRedisPrefix(prefix)
  redis.disconnect()
})

function journalOf(prefix: string, options: { livenessMs?: number; rememberHandled?: number } = {}) {
  return createUpdateJournal({ redis, prefix, log }, options)
}

function freshPrefix(): string {
  const prefix = uniqueRedisPrefix('journal')
  prefixes.push(prefix)
  return prefix
}

const text = (id: number): Update => ({
  update_id: id,
  message: {
    message_id: id,
    date: 0,
    chat: { id: 1, type: 'private', first_name: 'A' },
    from: { id: 1, is_bot: false, first_name: 'A' },
    text: `m${id}`,
  },
})

describe('the update journal', () => {
  it('admits each update once: not while it is being handled, not after it was handled', async () => {
    const journal = journalOf(freshPrefix())
    await journal.start()
    expect((await journal.admit([text(1), text(2)])).map((u) => u.update_id)).toEqual([1, 2])
    expect(await journal.admit([text(1), text(2), text(3)])).toEqual([text(3)])
    await journal.finish(1)
    expect(await journal.admit([text(1)])).toEqual([])
    await journal.stop()
  })

  it('hands the unfinished updates of a process that stopped announcing itself to another, whole', async () => {
    const prefix = freshPrefix()
    const dying = journalOf(prefix, { livenessMs: 200 })
    const successor = journalOf(prefix, { livenessMs: 200 })
    await dying.start()
    await successor.start()
    await dying.admit([text(10), text(11)])
    await dying.finish(10)
    expect(await successor.claimOrphans()).toEqual([])

    await dying.stop()
    expect(await successor.claimOrphans()).toEqual([text(11)])
    // Taken over: another look finds nothing, and Telegram's copy of it is not admitted again.
    expect(await successor.claimOrphans()).toEqual([])
    expect(await successor.admit([text(11)])).toEqual([])
    await successor.finish(11)
    expect(await successor.admit([text(11)])).toEqual([])
    await successor.stop()
  })

  it('remembers only the most recently handled ids', async () => {
    const journal = journalOf(freshPrefix(), { rememberHandled: 3 })
    await journal.start()
    await journal.admit([1, 2, 3, 4, 5].map(text))
    for (const id of [1, 2, 3, 4, 5]) await journal.finish(id)
    expect((await journal.admit([1, 2, 3, 4, 5].map(text))).map((u) => u.update_id)).toEqual([1, 2])
    await journal.stop()
  })
})
