import { inflateSync } from 'node:zlib'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { monthPeriod, yearPeriod } from '../../../src/domain/statistics/period.ts'
import { createTranslator } from '../../../src/i18n/translator.ts'
import { CHART_HEIGHT, CHART_WIDTH, renderStatisticsCharts } from '../../../src/services/statistics/charts.ts'
import type { StatisticsReport } from '../../../src/services/statistics/statistics-service.ts'
import { buildWorkSummaryDocx } from '../../../src/services/statistics/work-summary-docx.ts'
import { writeWorkSummary } from '../../../src/services/statistics/work-summary-text.ts'
import { createTestApp, type TestApp } from '../../support/app.ts'
import { seedStatisticsDataSet } from '../../support/fixtures/statistics-data-set.ts'

let app: TestApp
let march: StatisticsReport
let year: StatisticsReport
const translator = await createTranslator('zh-CN')
const zh = translator.forLocale('zh-CN')
const en = translator.forLocale('en')

beforeAll(async () => {
  app = await createTestApp()
  await seedStatisticsDataSet(app)
  march = (await app.services.statistics.report(
    { level: 'CITY' },
    monthPeriod(2026, 3),
    new Date('2026-04-01T04:00:00Z'),
  ))!
  year = (await app.services.statistics.report({ level: 'CITY' }, yearPeriod(2026), new Date('2026-04-01T04:00:00Z')))!
})
afterAll(async () => {
  await app.close()
})

/** Width, height and whether the pixels differ (a PNG of one colour is blank). */
function decodePng(png: Buffer): { width: number; height: number; distinctBytes: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
  const width = png.readUInt32BE(16)
  const height = png.readUInt32BE(20)
  const idat: Buffer[] = []
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset)
    if (png.subarray(offset + 4, offset + 8).toString('latin1') === 'IDAT')
      idat.push(png.subarray(offset + 8, offset + 8 + length))
    offset += length + 12
  }
  const pixels = inflateSync(Buffer.concat(idat))
  return { width, height, distinctBytes: new Set(pixels).size }
}

describe('the work summary', () => {
  it('opens as the bureau writes it: 人次, 件 and 万元, rounded', () => {
    const { title, paragraphs } = writeWorkSummary(year, zh, 'zh-CN')
    expect(title).toBe('全市2026年消费维权工作总结')
    expect(paragraphs[0]).toBe(
      '今年以来，全市共接受各类消费咨询2人次，处理各类消费者投诉举报10件，为消费者挽回经济损失0.51万元。' +
        '投诉举报同比+400%，环比+400%。',
    )
    expect(paragraphs).toContain('处理服务领域消费投诉举报1件，为消费者挽回经济损失0.5万元。')
    expect(paragraphs).toContain('通过“诉转案”办理侵权违法案件1件，罚没金额3万元；期内共立案2件，罚没金额4万元。')
    expect(paragraphs).toContain('坚持“一般消费投诉不出社区”，就地化解投诉1件，占投诉总量的11.1%。')
    expect(paragraphs).toContain('食品类投诉举报1件，占10%，为消费者挽回经济损失0.01万元。')
  })

  it('names a month by its month, and reads in English for English-speaking staff', () => {
    expect(writeWorkSummary(march, zh, 'zh-CN').paragraphs[0]).toMatch(
      /^2026年3月，全市共接受各类消费咨询2人次，处理各类消费者投诉举报8件/,
    )
    const english = writeWorkSummary(march, en, 'en').paragraphs
    expect(english[0]).toMatch(
      /^March 2026, the city answered 2 consultations \(person-times\), handled 8 consumer complaints/,
    )
    // Sentences apart, and counts read right whatever the number (no "1 complaints accepted").
    expect(english[0]).toMatch(/for consumers\. Complaints and reports changed/)
    expect(english.join('\n')).toMatch(/Complaints accepted: \d+, not accepted: \d+/)
  })

  it('makes a .docx whose document contains the sentences and the tables', { timeout: 180_000 }, async () => {
    const docx = await buildWorkSummaryDocx(march, zh, 'zh-CN')
    const zip = await JSZip.loadAsync(docx)
    const xml = await zip.file('word/document.xml')!.async('string')
    const text = xml.replace(/<[^>]+>/g, '')
    expect(text).toContain('处理各类消费者投诉举报8件')
    expect(xml).toContain('<w:tbl>')
    expect(text).toContain('三苏社区联络站')
    expect(Object.keys(zip.files).some((name) => name.startsWith('word/media/') && name.endsWith('.png'))).toBe(true)
  })
})

describe('charts', () => {
  it('render PNGs of the expected size with pixels drawn, labelled in Chinese', { timeout: 180_000 }, async () => {
    const charts = await renderStatisticsCharts(march, zh, 'zh-CN')
    expect(charts.map((c) => c.name)).toEqual(['intake-by-week', 'by-category', 'recovered-by-station'])
    for (const chart of charts) {
      const png = decodePng(chart.png)
      expect(png).toMatchObject({ width: CHART_WIDTH, height: CHART_HEIGHT })
      expect(png.distinctBytes).toBeGreaterThan(10)
    }
    expect(charts[1]!.svg).toContain('食品')
    expect(charts[1]!.svg).toContain('餐饮住宿')
    expect(charts[2]!.svg).toContain('三苏社区联络站')
  })
})
