import { existsSync } from 'node:fs'
import { Resvg } from '@resvg/resvg-js'
import * as echarts from 'echarts'
import type { TFunction } from 'i18next'
import type { StatisticsReport } from './statistics-service.ts'
import { nameIn, type SummaryLocale } from './work-summary-text.ts'

/**
 * The CJK font the charts are drawn with: Debian's fonts-noto-cjk (installed by .ci/run and the Dockerfile).
 * CHART_FONT_FILE points elsewhere (a TTF/OTF/TTC with Simplified Chinese glyphs).
 */
export const CHART_FONT_FILE = process.env.CHART_FONT_FILE ?? '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
const FONT_FAMILY = 'Noto Sans CJK SC'

export interface Chart {
  name: string
  svg: string
  png: Buffer
}

export const CHART_WIDTH = 900
export const CHART_HEIGHT = 500

/** An ECharts option drawn server-side as SVG (no canvas, no native build), then rasterised to PNG by resvg. */
export function renderChart(name: string, option: echarts.EChartsOption): Chart {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT })
  chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: FONT_FAMILY }, ...option })
  const svg = chart.renderToSVGString()
  chart.dispose()
  const fonts = existsSync(CHART_FONT_FILE) ? [CHART_FONT_FILE] : []
  const png = new Resvg(svg, {
    font: {
      fontFiles: fonts,
      loadSystemFonts: fonts.length === 0,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
  })
    .render()
    .asPng()
  return { name, svg, png }
}

/** Intake by week, complaints and reports by category group, money recovered by station. */
export async function renderStatisticsCharts(
  report: StatisticsReport,
  t: TFunction,
  locale: SummaryLocale,
): Promise<Chart[]> {
  const f = report.figures.current
  const title = (key: string) => ({ text: t(`statistics:chart.${key}`), left: 'center', textStyle: { fontSize: 18 } })
  const grid = { left: 60, right: 30, top: 70, bottom: 90, containLabel: true }
  const charts: Chart[] = []
  if (f.intakeByWeek.length > 0) {
    charts.push(
      renderChart('intake-by-week', {
        title: title('byWeek'),
        legend: { top: 35 },
        grid,
        xAxis: { type: 'category', data: f.intakeByWeek.map((w) => w.weekStart.slice(5)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            name: t('statistics:chart.complaintsAndReports'),
            type: 'bar',
            data: f.intakeByWeek.map((w) => w.complaintsAndReports),
          },
          { name: t('statistics:chart.consultations'), type: 'bar', data: f.intakeByWeek.map((w) => w.consultations) },
        ],
      }),
    )
  }
  const categories = f.byCategoryGroup.filter((g) => g.complaintsAndReports > 0).slice(0, 12)
  if (categories.length > 0) {
    charts.push(
      renderChart('by-category', {
        title: title('byCategory'),
        grid,
        xAxis: {
          type: 'category',
          data: categories.map((g) =>
            g.code === '' ? t('statistics:chart.uncategorised') : t(`categories:${g.code}`),
          ),
          axisLabel: { interval: 0, rotate: 30 },
        },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { type: 'bar', data: categories.map((g) => g.complaintsAndReports), label: { show: true, position: 'top' } },
        ],
      }),
    )
  }
  const stations = [...f.byStation]
    .filter((s) => s.recoveredFen > 0n)
    .sort((a, b) => Number(b.recoveredFen - a.recoveredFen))
    .slice(0, 15)
  if (stations.length > 0) {
    const label = (code: string) =>
      code === ''
        ? t('statistics:chart.noStation')
        : nameIn(report.stationNames.get(code) ?? { zh: code, en: code }, locale)
    charts.push(
      renderChart('recovered-by-station', {
        title: title('recoveredByStation'),
        grid,
        xAxis: { type: 'category', data: stations.map((s) => label(s.code)), axisLabel: { interval: 0, rotate: 30 } },
        yAxis: { type: 'value' },
        series: [
          {
            type: 'bar',
            data: stations.map((s) => Number(s.recoveredFen) / 100),
            label: { show: true, position: 'top' },
          },
        ],
      }),
    )
  }
  return charts
}
