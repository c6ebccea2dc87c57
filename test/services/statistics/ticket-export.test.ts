import { createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAdmin } from '../../../src/admin/run-admin.ts'
import { monthPeriod } from '../../../src/domain/statistics/period.ts'
import { createTranslator, type TFunction } from '../../../src/i18n/translator.ts'
import { EXPORT_COLUMNS, exportTickets } from '../../../src/services/statistics/ticket-export.ts'
import { createTestApp, type TestApp } from '../../support/app.ts'
import { type StatisticsDataSet, seedStatisticsDataSet } from '../../support/fixtures/statistics-data-set.ts'

let app: TestApp
let data: StatisticsDataSet
let directory: string
let t: TFunction

beforeAll(async () => {
  app = await createTestApp()
  data = await seedStatisticsDataSet(app)
  t = (await createTranslator('zh-CN')).forLocale('zh-CN')
  directory = await mkdtemp(join(tmpdir(), 'stats-export-'))
})
afterAll(async () => {
  await rm(directory, { recursive: true, force: true })
  await app.close()
})

describe('ticket export', () => {
  it('writes an XLSX with every column and one row per ticket of the station and month', async () => {
    const file = join(directory, 'a.xlsx')
    const count = await exportTickets(
      app.database.db,
      {
        period: monthPeriod(2026, 3),
        scope: { level: 'STATION', stationId: data.stations.a },
        format: 'xlsx',
        withContacts: false,
        forHandlingBureau: true,
        t,
      },
      createWriteStream(file),
    )
    expect(count).toBe(9)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
    const sheet = workbook.worksheets[0]!
    expect(sheet.rowCount).toBe(1 + 9)
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(EXPORT_COLUMNS.map(([, header]) => header))
    const phones = sheet.getColumn(EXPORT_COLUMNS.length).values.slice(2).map(String)
    expect(phones.every((phone) => phone !== '13812345678' && /\*/.test(phone))).toBe(true)
  })

  it('writes a CSV in UTF-8 with a BOM; full contacts only from the admin command line, and that is audited', async () => {
    const file = join(directory, 'city.csv')
    const lines: string[] = []
    const io = {
      env: { ...process.env, DATABASE_URL: app.database.url, USER: 'ops' },
      stdout: (l: string) => lines.push(l),
      stderr: (l: string) => lines.push(l),
    }
    const code = await runAdmin(
      ['export', '--from', '2026-03-01', '--to', '2026-03-31', '--format', 'csv', '--out', file, '--with-contacts'],
      io,
    )
    expect(code).toBe(0)
    expect(lines.join('\n')).toContain('10 tickets written')
    const bytes = await readFile(file)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.toString('utf8')
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${EXPORT_COLUMNS.map(([, header]) => header).join(',')}`)
    expect(text).toContain('13812345678')
    expect(text).toContain('三苏社区联络站')
    const audit = await app.database.db.auditLog.findFirstOrThrow({ where: { action: 'tickets.export' } })
    expect(audit).toMatchObject({
      channel: 'CLI',
      actor: 'ops',
      details: expect.objectContaining({ withContacts: true, rows: 10 }),
    })
  })

  it('writes statuses, categories, results and grounds in Chinese, as a bureau files them', async () => {
    const rows = await csvRows(join(directory, 'words.csv'), { level: 'STATION', stationId: data.stations.a })
    const closed = rows.find((row) => row.细类 === '预包装食品')
    expect(closed).toMatchObject({ 状态: '已办结', 类别: '食品', 结果: '已解决', 类型: '投诉', 提交日期: '2026-03-02' })
    const rejected = rows.find((row) => row.状态 === '不予受理')
    expect(rejected?.依据).toBe('第十五条第（四）项 自知道或者应当知道权益受到侵害之日起超过三年')
    const ended = rows.find((row) => row.结果 === '未解决')
    expect(ended?.依据).toMatch(/^第二十一条第一款第（三）项 投诉人或者被投诉人无正当理由不参加调解/)
    const escalated = rows.find((row) => row.状态 === '已上报市场监管部门')
    expect(escalated?.市场监管部门收到日期).toBe('')
    expect(rows.map((row) => row.状态).join()).not.toMatch(/[A-Z]{3}/)
  })

  it('leaves a reporter’s name and phone out of every export but that of the bureau station handling the report', async () => {
    const community = await csvRows(join(directory, 'a.csv'), { level: 'STATION', stationId: data.stations.a })
    const report = community.find((row) => row.类型 === '举报')
    expect(report).toMatchObject({ 联系人: '', 联系电话: '' })
    expect(community.find((row) => row.类型 === '投诉')?.联系电话).toContain('*')
    const county = await csvRows(join(directory, 'county.csv'), { level: 'COUNTY', districtCode: '511402' })
    expect(county.filter((row) => row.类型 === '举报').every((row) => row.联系电话 === '')).toBe(true)

    const handled = await app.database.db.complaint.create({
      data: {
        trackingNumber: 'MS-T-9001',
        formId: 'form-9001',
        kind: 'REPORT',
        status: 'VERIFYING',
        consumerId: data.people.stranger,
        locale: 'zh-CN',
        respondentName: '丙药店',
        facts: '销售过期药品',
        rule: 'ORDER_20',
        stationId: data.stations.office,
        areaCode: '511402001001',
        contactName: '李举报',
        contactPhone: '13900001111',
        submittedAt: new Date('2026-03-09T02:00:00Z'),
        bureauReceivedAt: new Date('2026-03-09T02:00:00Z'),
      },
    })
    const office = await csvRows(join(directory, 'office.csv'), { level: 'STATION', stationId: data.stations.office })
    expect(office.find((row) => row.编号 === handled.trackingNumber)).toMatchObject({
      联系人: '李**',
      联系电话: '*******1111',
      市场监管部门收到日期: '2026-03-09',
    })
    const city = await csvRows(
      join(directory, 'city-all.csv'),
      { level: 'CITY' },
      { withContacts: true, forHandlingBureau: false },
    )
    expect(city.find((row) => row.编号 === handled.trackingNumber)).toMatchObject({ 联系人: '', 联系电话: '' })
    // The admin command line, even scoped to the handling bureau and with full contacts, never has the reporter.
    const operator = await csvRows(
      join(directory, 'office-admin.csv'),
      { level: 'STATION', stationId: data.stations.office },
      { withContacts: true, forHandlingBureau: false },
    )
    expect(operator.find((row) => row.编号 === handled.trackingNumber)).toMatchObject({ 联系人: '', 联系电话: '' })
    await app.database.db.complaint.delete({ where: { id: handled.id } })
  })
})

describe('a CSV export opened in Excel', () => {
  it('keeps a business name typed as a formula as text, not a formula', async () => {
    const planted = await app.database.db.complaint.create({
      data: {
        trackingNumber: 'MS-T-9002',
        formId: 'form-9002',
        kind: 'COMPLAINT',
        status: 'RECEIVED',
        consumerId: data.people.stranger,
        locale: 'zh-CN',
        respondentName: '=1+2',
        facts: '商家名称是公式',
        rule: 'ORDER_121',
        stationId: data.stations.a,
        submittedAt: new Date('2026-03-10T02:00:00Z'),
      },
    })
    const rows = await csvRows(join(directory, 'formula.csv'), { level: 'STATION', stationId: data.stations.a })
    expect(rows.find((row) => row.编号 === planted.trackingNumber)?.['被投诉/举报经营者']).toBe("'=1+2")
    await app.database.db.complaint.delete({ where: { id: planted.id } })
  })
})

/** The rows of a March 2026 CSV export of the scope, by header. */
async function csvRows(
  file: string,
  scope: Parameters<typeof exportTickets>[1]['scope'],
  { withContacts = false, forHandlingBureau = true } = {},
): Promise<Array<Record<string, string>>> {
  await exportTickets(
    app.database.db,
    { period: monthPeriod(2026, 3), scope, format: 'csv', withContacts, forHandlingBureau, t },
    createWriteStream(file),
  )
  const [header, ...lines] = (await readFile(file, 'utf8'))
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
  const titles = (header ?? '').split(',')
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, index) => [titles[index] ?? '', cell])))
}
