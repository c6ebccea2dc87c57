/**
 * A small 眉山 directory, stations bound to fake Telegram groups, consumers, and in-process workers: the
 * world the routing and delivery tests run in.
 */
import { randomUUID } from 'node:crypto'
import { Api } from 'grammy'
import { vi } from 'vitest'
import type { ConfirmedIntake } from '../../../src/domain/intake-form/draft.ts'
import { createTranslator } from '../../../src/i18n/translator.ts'
import { createLogger } from '../../../src/logging/logger.ts'
import { type RunningWorkers, startWorkers, type WorkerDeps } from '../../../src/queue/start-workers.ts'
import { FakeTelegram, type TestGroup, type TestUser } from '../../../src/simulator/bot-api/index.ts'
import type { DeliveryLimits } from '../../../src/telegram/sending/delivery-limits.ts'
import { createTestApp, TEST_BOT_TOKEN, type TestApp } from '../../support/app.ts'

/** Area codes of the test region. */
export const AREAS = {
  city: '511400',
  dongpo: '511402',
  tonghui: '511402001',
  shishu: '511402001001',
  /** covered by its own grid station */
  grid1: '511402001001-01',
  /** only its community is covered */
  grid2: '511402001001-02',
  /** a community only the street station covers */
  dongguan: '511402001002',
  grid3: '511402001002-01',
  /** a street nobody covers: the county center takes it */
  xiaoxi: '511402002',
  grid4: '511402002001-01',
  xiaoxiCommunity: '511402002001',
  /** covered by a station without a group */
  grid5: '511402001002-02',
  pengshan: '511403',
} as const

export interface StationHandle {
  id: string
  code: string
  group: TestGroup | undefined
}

export interface DeliveryWorld {
  tg: FakeTelegram
  app: TestApp
  stations: Record<
    'grid1' | 'shishu' | 'tonghui' | 'dongpoCenter' | 'pengshanCenter' | 'cityCenter' | 'unbound',
    StationHandle
  >
  /** A consumer who started the bot, and their Person id. */
  consumer(options?: { languageCode?: string }): Promise<{ user: TestUser; personId: number }>
  /** Files a confirmed complaint about a business in `areaCode` (or an online shop). */
  file(
    consumerId: number,
    place: { areaCode: string } | { platform: string },
    draft?: Partial<ConfirmedIntake['draft']>,
    kind?: ConfirmedIntake['kind'],
  ): Promise<string>
  startWorkers(options?: {
    limits?: DeliveryLimits
    sweeper?: WorkerDeps['sweeper']
    deadlineTickMs?: number
  }): Promise<RunningWorkers>
  /** Env for a `ROLE=worker` child process of this world. */
  workerEnv(extra?: Record<string, string>): Record<string, string>
  close(): Promise<void>
}

/** Builds the world: the fake Bot API, a database and Redis prefix of the file's own, and the directory. */
export async function createDeliveryWorld(
  options: { forumStation?: boolean; now?: () => Date; env?: Record<string, string> } = {},
): Promise<DeliveryWorld> {
  const tg = await FakeTelegram.start({ token: TEST_BOT_TOKEN })
  const app = await createTestApp(
    { TELEGRAM_API_ROOT: tg.apiRoot, MAX_COMPLAINTS_PER_DAY: '100000', ...options.env },
    { now: options.now },
  )
  const db = app.database.db
  const area = (
    code: string,
    level: 'CITY' | 'DISTRICT' | 'STREET' | 'COMMUNITY' | 'GRID',
    name: string,
    parentCode: string | null,
    nameEn?: string,
  ) => ({ code, level, name, parentCode, nameEn: nameEn ?? null })
  await db.area.createMany({
    data: [
      area(AREAS.city, 'CITY', '眉山市', null, 'Meishan'),
      area(AREAS.dongpo, 'DISTRICT', '东坡区', AREAS.city, 'Dongpo District'),
      area(AREAS.pengshan, 'DISTRICT', '彭山区', AREAS.city, 'Pengshan District'),
      area(AREAS.tonghui, 'STREET', '通惠街道', AREAS.dongpo),
      area(AREAS.shishu, 'COMMUNITY', '诗书社区', AREAS.tonghui),
      area(AREAS.grid1, 'GRID', '诗书社区第1网格', AREAS.shishu),
      area(AREAS.grid2, 'GRID', '诗书社区第2网格', AREAS.shishu),
      area(AREAS.dongguan, 'COMMUNITY', '东关社区', AREAS.tonghui),
      area(AREAS.grid3, 'GRID', '东关社区第1网格', AREAS.dongguan),
      area(AREAS.grid5, 'GRID', '东关社区第2网格', AREAS.dongguan),
      area(AREAS.xiaoxi, 'STREET', '苏祠街道', AREAS.dongpo),
      area(AREAS.xiaoxiCommunity, 'COMMUNITY', '三苏社区', AREAS.xiaoxi),
      area(AREAS.grid4, 'GRID', '三苏社区第1网格', AREAS.xiaoxiCommunity),
    ],
  })
  await db.platform.createMany({
    data: [
      { code: 'taobao', name: '淘宝', aliases: ['淘宝网', 'Taobao'], districtCode: AREAS.pengshan },
      { code: 'nowhere', name: '无名商城', aliases: [] },
    ],
  })

  const makeStation = async (
    code: string,
    kind: 'COMMUNITY_LIAISON_STATION' | 'COUNTY_CENTER' | 'CITY_CENTER',
    name: string,
    districtCode: string,
    covers: string[],
    bind: { forum?: boolean } | false,
  ): Promise<StationHandle> => {
    const group = bind === false ? undefined : tg.group({ title: name, botIsAdmin: true, forum: bind.forum ?? false })
    const station = await db.station.create({
      data: {
        code,
        kind,
        name,
        address: `${name}地址`,
        phone: '028-38123456',
        districtCode,
        chatId: group ? BigInt(group.id) : null,
        chatIsForum: group ? bind !== false && (bind.forum ?? false) : false,
        boundAt: group ? new Date() : null,
        coverages: { create: covers.map((areaCode) => ({ areaCode })) },
      },
    })
    return { id: station.id, code, group }
  }
  const stations = {
    grid1: await makeStation(
      'DP-SHISHU-G1',
      'COMMUNITY_LIAISON_STATION',
      '诗书社区第1网格工作站',
      AREAS.dongpo,
      [AREAS.grid1],
      { forum: options.forumStation ?? false },
    ),
    shishu: await makeStation(
      'DP-SHISHU',
      'COMMUNITY_LIAISON_STATION',
      '诗书社区12315联络站',
      AREAS.dongpo,
      [AREAS.shishu],
      {},
    ),
    tonghui: await makeStation(
      'DP-TONGHUI',
      'COMMUNITY_LIAISON_STATION',
      '通惠街道12315联络站',
      AREAS.dongpo,
      [AREAS.tonghui],
      {},
    ),
    unbound: await makeStation(
      'DP-DONGGUAN-G2',
      'COMMUNITY_LIAISON_STATION',
      '东关社区第2网格工作站',
      AREAS.dongpo,
      [AREAS.grid5],
      false,
    ),
    dongpoCenter: await makeStation('DP-12315', 'COUNTY_CENTER', '东坡区12315投诉举报中心', AREAS.dongpo, [], {}),
    pengshanCenter: await makeStation('PS-12315', 'COUNTY_CENTER', '彭山区12315投诉举报中心', AREAS.pengshan, [], {}),
    cityCenter: await makeStation('MS-12315', 'CITY_CENTER', '眉山市12315投诉举报中心', AREAS.city, [], {}),
  }

  const translator = await createTranslator('zh-CN')
  const running: RunningWorkers[] = []
  const world: DeliveryWorld = {
    tg,
    app,
    stations,
    async consumer(consumerOptions = {}) {
      const user = tg.user({
        startedBot: true,
        ...(consumerOptions.languageCode ? { languageCode: consumerOptions.languageCode } : {}),
      })
      const person = await app.services.people.identify({ telegramId: user.id, firstName: user.name })
      return { user, personId: person.id }
    },
    async file(consumerId, place, draft = {}, kind = 'COMPLAINT') {
      const result = await app.services.filing.fileComplaint(
        {
          formId: randomUUID(),
          kind,
          locale: 'zh-CN',
          draft: {
            respondentName: '好又多超市',
            respondentAddress: '东坡区通惠街 8 号',
            location:
              'areaCode' in place
                ? { type: 'area', areaCode: place.areaCode }
                : { type: 'online', platformName: place.platform },
            categoryCode: 'FOOD_PACKAGED',
            incidentDate: '2026-11-20',
            amountFen: 12050,
            facts: '买到的牛奶已经过期了三天，店家拒绝退换。',
            demands: ['REFUND', 'COMPENSATE'],
            contactName: '王小明',
            contactPhone: '+8613812345678',
            ...draft,
          },
        },
        consumerId,
      )
      if (result.status === 'daily-limit') throw new Error('daily limit in a test')
      return result.complaint.id
    },
    async startWorkers(workerOptions = {}) {
      const workers = await startWorkers({
        config: app.config,
        db,
        services: app.services,
        translator,
        log: createLogger({ level: 'silent' }),
        api: new Api(TEST_BOT_TOKEN, { apiRoot: tg.apiRoot, timeoutSeconds: 10 }),
        ...workerOptions,
      })
      running.push(workers)
      return workers
    },
    workerEnv: (extra = {}) => app.env({ ...tg.env, ROLE: 'worker', ...extra }),
    async close() {
      await Promise.all(running.map((workers) => workers.close()))
      await tg.stop()
      await app.close()
    },
  }
  return world
}

/** Ticket cards (messages with ticket-action buttons) the bot posted in a chat. */
export function ticketCardsIn(tg: FakeTelegram, chatId: number) {
  return tg.calls(
    'sendMessage',
    (call) =>
      call.chatId === chatId && call.outcome === 'ok' && JSON.stringify(call.params.reply_markup ?? '').includes('t:'),
  )
}

/** Lets real time pass where the test is about time itself (bursts spread over seconds), not to wait for a result. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Retries an assertion until it passes or `timeoutMs` runs out (for effects that land just after a message). */
export function eventually<T>(check: () => Promise<T> | T, timeoutMs = 5000): Promise<T> {
  return vi.waitFor(check, { timeout: timeoutMs, interval: 50 })
}
