import { Api } from 'grammy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localDate } from '../../../src/domain/calendar/local-date.ts'
import { defaultWorkingDayCalendar } from '../../../src/domain/calendar/working-day-calendar.ts'
import { periodKey } from '../../../src/domain/statistics/period.ts'
import { summariesDueOn } from '../../../src/domain/statistics/summary-schedule.ts'
import { createTranslator } from '../../../src/i18n/translator.ts'
import { createLogger } from '../../../src/logging/logger.ts'
import { createRedis, type Redis } from '../../../src/redis.ts'
import { createNotifications } from '../../../src/services/notifications/create-notifications.ts'
import { postDueSummaries, type SummaryPostingDeps } from '../../../src/services/statistics/summary-posting.ts'
import { FakeTelegram } from '../../../src/simulator/bot-api/fake-telegram.ts'
import { createTestApp, TEST_BOT_TOKEN, type TestApp } from '../../support/app.ts'
import { type StatisticsDataSet, seedStatisticsDataSet } from '../../support/fixtures/statistics-data-set.ts'

let app: TestApp
let tg: FakeTelegram
let data: StatisticsDataSet
let deps: SummaryPostingDeps
let redis: Redis
const groups: Record<string, ReturnType<FakeTelegram['group']>> = {}

beforeAll(async () => {
  tg = await FakeTelegram.start({ token: TEST_BOT_TOKEN })
  app = await createTestApp()
  data = await seedStatisticsDataSet(app)
  const db = app.database.db
  for (const [key, id] of Object.entries({ a: data.stations.a, b: data.stations.b, center: data.stations.center })) {
    groups[key] = tg.group({ title: `group ${key}`, botIsAdmin: true })
    await db.station.update({ where: { id }, data: { chatId: BigInt(groups[key]!.id) } })
  }
  const admin = tg.user({ firstName: 'Admin', startedBot: true })
  await db.person.update({ where: { id: data.people.admin }, data: { telegramId: BigInt(admin.id) } })
  const translator = await createTranslator('zh-CN')
  const log = createLogger({ level: 'silent' })
  redis = createRedis(app.config.REDIS_URL, { name: 'summary-posting-test' })
  const { sender } = createNotifications({
    db,
    outbox: app.services.outbox,
    translator,
    log,
    api: new Api(TEST_BOT_TOKEN, { apiRoot: tg.apiRoot }),
    redis,
    redisPrefix: app.redisPrefix,
    defaultLocale: 'zh-CN',
  })
  deps = { db, sender, statistics: app.services.statistics, translator, log }
}, 120_000)
afterAll(async () => {
  await redis.quit()
  await app.close()
  await tg.stop()
})

const postings = () => app.database.db.summaryPosting.findMany({ orderBy: { id: 'asc' } })
const documentsIn = (key: string) => groups[key]!.messages().filter((m) => m.document !== undefined).length

describe('the monthly summary schedule', () => {
  it('falls on the first working day: a holiday on the 1st moves it, and July and January add the half-year and the year', () => {
    const due = (y: number, m: number, d: number) =>
      summariesDueOn(localDate(y, m, d), defaultWorkingDayCalendar).map(periodKey)
    expect(due(2026, 4, 1)).toEqual(['M2026-03'])
    expect(due(2026, 4, 2)).toEqual([])
    expect(due(2026, 5, 1)).toEqual([])
    expect(due(2026, 5, 6)).toEqual(['M2026-04'])
    expect(due(2026, 7, 1)).toEqual(['M2026-06', 'H2026-1'])
    expect(due(2026, 1, 4)).toEqual(['M2025-12', 'Y2025']) // a Sunday made a working day (补班)
  })
})

describe('posting the summaries', () => {
  it('posts once per station group that received something and to each city admin, never twice, even after a restart', {
    timeout: 300_000,
  }, async () => {
    expect(await postDueSummaries(deps, new Date('2026-04-01T00:30:00Z'), 'zh-CN')).toBe(0) // 08:30 in Shanghai
    expect(await postDueSummaries(deps, new Date('2026-04-01T01:05:00Z'), 'zh-CN')).toBe(3) // A, B and the admin
    expect(documentsIn('a')).toBe(1)
    expect(documentsIn('b')).toBe(1)
    expect(documentsIn('center')).toBe(0)
    expect(groups.a!.messages().some((m) => m.text?.includes('2026年3月，三苏社区联络站共接受各类消费咨询2人次'))).toBe(
      true,
    )

    // A second tick, or a process that starts afresh with Redis emptied, finds every posting recorded in PostgreSQL.
    expect(await postDueSummaries(deps, new Date('2026-04-01T02:00:00Z'), 'zh-CN')).toBe(0)
    expect((await postings()).map((p) => [p.periodKey, p.sentAt !== null])).toEqual([
      ['M2026-03', true],
      ['M2026-03', true],
      ['M2026-03', true],
    ])
    expect(documentsIn('a')).toBe(1)
  })

  it('waits for the first working day after a holiday on the 1st and skips a station that received nothing', {
    timeout: 300_000,
  }, async () => {
    expect(await postDueSummaries(deps, new Date('2026-05-01T02:00:00Z'), 'zh-CN')).toBe(0)
    expect(await postDueSummaries(deps, new Date('2026-05-06T02:00:00Z'), 'zh-CN')).toBe(2) // B (a ticket on 1 April) and the admin
    expect(documentsIn('a')).toBe(1)
    expect(documentsIn('b')).toBe(2)
  })
})
