import ExcelJS from 'exceljs'
import { InputFile } from 'grammy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { monthPeriod } from '../../src/domain/statistics/period.ts'
import { EXPORT_COLUMNS } from '../../src/services/statistics/ticket-export.ts'
import { statisticsCallback } from '../../src/telegram/callback-data/statistics.ts'
import { createTestApp, type TestApp } from '../support/app.ts'
import { type StatisticsDataSet, seedStatisticsDataSet } from '../support/fixtures/statistics-data-set.ts'
import {
  callsOf,
  createInProcessBot,
  type InProcessBot,
  type InProcessUser,
  inlineButtons,
  type RecordedCall,
} from '../support/in-process-bot.ts'
import { addMembership } from '../support/world.ts'

// The statistics data set: station A has 9 tickets received in March 2026, station B one.
let app: TestApp
let data: StatisticsDataSet
let harness: InProcessBot
/** The bytes of every file the bot uploaded, by file name (the bot deletes its temporary file afterwards). */
const uploads = new Map<string, Buffer>()
beforeAll(async () => {
  app = await createTestApp()
  data = await seedStatisticsDataSet(app)
  harness = await createInProcessBot(app)
  harness.bot.api.config.use(async (previous, method, payload, signal) => {
    const file = (payload as { document?: unknown }).document
    if (method === 'sendDocument' && file instanceof InputFile) uploads.set(String(file.filename), await bytesOf(file))
    return previous(method, payload, signal)
  })
})
afterAll(async () => {
  await app.close()
})

const db = () => app.database.db

/** What an upload holds (a file on disk is read as grammY would read it to send it). */
async function bytesOf(file: InputFile): Promise<Buffer> {
  const raw = await file.toRaw()
  if (raw instanceof Uint8Array) return Buffer.from(raw)
  const chunks: Uint8Array[] = []
  for await (const chunk of raw as AsyncIterable<Uint8Array>) chunks.push(chunk)
  return Buffer.concat(chunks)
}

/** A bot user with a role at a station of the data set. */
async function member(stationId: string, role: 'STAFF' | 'ADMIN', languageCode = 'zh-hans'): Promise<InProcessUser> {
  const user = harness.user({ languageCode })
  await user.send('/start')
  const person = await db().person.findUniqueOrThrow({ where: { telegramId: BigInt(user.info.id) } })
  await addMembership(db(), person.id, stationId, role)
  return user
}

const said = (calls: RecordedCall[]) => callsOf(calls, 'sendMessage').map((call) => String(call.payload.text))
const documentOf = (calls: RecordedCall[]) => {
  const call = callsOf(calls, 'sendDocument')[0]
  const file = call?.payload.document as InputFile | undefined
  return { name: String(file?.filename ?? ''), caption: String(call?.payload.caption ?? '') }
}

async function sheetOf(fileName: string) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(uploads.get(fileName) as unknown as ArrayBuffer)
  return workbook.worksheets[0]!
}

describe('/export', () => {
  it('sends a station’s staff member an Excel file of its tickets of the month, contacts masked', async () => {
    const staff = await member(data.stations.a, 'STAFF')
    const exported = documentOf(await staff.send('/export 2026-03'))
    expect(exported.name).toBe('三苏社区联络站-2026年3月.xlsx')
    expect(exported.caption).toBe('三苏社区联络站 2026年3月 工单导出（9 条，联系方式已脱敏）')
    const sheet = await sheetOf(exported.name)
    expect(sheet.rowCount).toBe(1 + 9)
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(EXPORT_COLUMNS.map(([, header]) => header))
    const phones = sheet.getColumn(EXPORT_COLUMNS.length).values.slice(2).map(String)
    expect(phones.every((phone) => phone !== '13812345678' && phone.includes('*'))).toBe(true)
  })

  it('names the station in English for an English speaker, and exports a group’s own station there', async () => {
    const staff = await member(data.stations.a, 'STAFF', 'en')
    expect(documentOf(await staff.send('/export 2026-03')).caption).toMatch(/^A .*\(9 rows, contacts masked\)$/)
    const group = harness.group()
    await db().station.update({ where: { id: data.stations.b }, data: { chatId: BigInt(group.id) } })
    const staffB = await member(data.stations.b, 'STAFF')
    const inGroup = documentOf(await staffB.sendIn(group, '/export 2026-03'))
    expect(inGroup.caption).toBe('文林联络站 2026年3月 工单导出（1 条，联系方式已脱敏）')
  })

  it('exports the whole city for an administrator', async () => {
    const admin = await member(data.stations.center, 'ADMIN')
    const exported = documentOf(await admin.send('/export 2026-03'))
    expect(exported.caption).toMatch(/^全市 2026年3月 工单导出（\d+ 条，联系方式已脱敏）$/)
    expect((await sheetOf(exported.name)).rowCount).toBeGreaterThan(1 + 9)
  })

  it('explains its use for a period it cannot read, says when there is nothing, and refuses consumers', async () => {
    const staff = await member(data.stations.a, 'STAFF')
    expect(said(await staff.send('/export 上个世纪'))).toEqual([
      '用法：/export 2026-01-01 2026-06-30（或 /export 上月、/export 2026）',
    ])
    const empty = await staff.send('/export 2024-01')
    expect(said(empty)).toEqual(['这个时间段没有工单。'])
    expect(callsOf(empty, 'sendDocument')).toHaveLength(0)
    const consumer = harness.user()
    await consumer.send('/start')
    expect(said(await consumer.send('/export 2026-03'))).toEqual(['只有站点工作人员可以查看统计。'])
  })
})

describe('/stats and /summary', () => {
  it('writes the work summary with its Word document in a station’s group, offering the county too', async () => {
    // Staff of station A and of the county center: in A's group the figures are A's, the county one button away.
    const staff = await member(data.stations.a, 'STAFF')
    const person = await db().person.findUniqueOrThrow({ where: { telegramId: BigInt(staff.info.id) } })
    await addMembership(db(), person.id, data.stations.center, 'STAFF')
    const group = harness.group()
    await db().station.update({ where: { id: data.stations.a }, data: { chatId: BigInt(group.id) } })
    const summary = await staff.sendIn(group, '/summary 2026-03')
    expect(said(summary)[0]).toContain('<b>三苏社区联络站2026年3月消费维权工作总结</b>')
    expect(documentOf(summary).name).toBe('三苏社区联络站2026年3月消费维权工作总结.docx')
    const county = inlineButtons(callsOf(summary, 'sendMessage')[0]).find((b) => b.text === '全区')
    expect(county).toBeDefined()

    const pressed = await staff.pressIn(group, county!.callback_data!.replace(/^st:s:/, 'st:w:'))
    expect(callsOf(pressed, 'answerCallbackQuery')[0]?.payload.text).toBe('正在统计，请稍候……')
    expect(said(pressed)[0]).toContain('<b>东坡区2026年3月消费维权工作总结</b>')

    // Station B is in another county: a forged button asking for it is refused on the server.
    const forged = statisticsCallback.encode({
      view: 'w',
      period: monthPeriod(2026, 3),
      scope: { level: 'STATION', stationId: data.stations.b },
    })
    const refused = await staff.pressIn(group, forged)
    expect(callsOf(refused, 'answerCallbackQuery')[0]?.payload).toMatchObject({ show_alert: true })
    expect(said(refused)).toEqual([])
  }, 60_000)

  it('asks for a bound group, a period it can read and one within the years it counts', async () => {
    const staff = await member(data.stations.a, 'STAFF')
    const unbound = harness.group()
    expect(said(await staff.sendIn(unbound, '/stats'))).toEqual([
      '这个群还没有绑定到任何站点。站点工作人员可以发送 /bind 绑定。',
    ])
    expect(said(await staff.send('/summary 2018'))).toEqual(['这个时间段不在可统计的范围内（2019 年至今天）。'])
    expect(said(await staff.send('/stats 下下个月'))[0]).toContain('没有看懂这个时间段')
    const stale = await staff.press('st:s:nonsense', placeholder(staff))
    expect(callsOf(stale, 'answerCallbackQuery')[0]?.payload.show_alert).toBe(true)
  })
})

/** A message of the bot's in the user's chat to press a (forged or stale) button under. */
function placeholder(user: InProcessUser) {
  return user.lastMessage() ?? raise('the user has no message from the bot yet')
}

function raise(message: string): never {
  throw new Error(message)
}
