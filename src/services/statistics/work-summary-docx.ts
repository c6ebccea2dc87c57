import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import type { TFunction } from 'i18next'
import { CHART_HEIGHT, CHART_WIDTH, renderStatisticsCharts } from './charts.ts'
import type { StatisticsReport } from './statistics-service.ts'
import { figureRows, type SummaryLocale, stationRows, writeWorkSummary } from './work-summary-text.ts'

const FONT = 'SimSun'

function table(header: string[], rows: string[][]): Table {
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, font: FONT })] })] })
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  })
}

/** The work summary as a Word document: title, the paragraphs, the key figures, the table by station and the charts. */
export async function buildWorkSummaryDocx(
  report: StatisticsReport,
  t: TFunction,
  locale: SummaryLocale,
): Promise<Buffer> {
  const summary = writeWorkSummary(report, t, locale)
  const charts = await renderStatisticsCharts(report, t, locale)
  const heading = (text: string) =>
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text, font: FONT })] })
  const document = new Document({
    creator: 'grid-12315-bot',
    title: summary.title,
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: summary.title, font: FONT })],
          }),
          ...summary.paragraphs.map(
            (text) => new Paragraph({ indent: { firstLine: 480 }, children: [new TextRun({ text, font: FONT })] }),
          ),
          heading(t('statistics:summary.figureTable')),
          table(
            ['figure', 'value', 'yearEarlier', 'previous'].map((k) => t(`statistics:table.${k}`)),
            figureRows(report, t, locale),
          ),
          heading(t('statistics:summary.stationTable')),
          table(
            ['station', 'consultations', 'complaintsAndReports', 'recovered'].map((k) => t(`statistics:table.${k}`)),
            stationRows(report, t, locale),
          ),
          ...charts.map(
            (chart) =>
              new Paragraph({
                children: [
                  new ImageRun({
                    type: 'png',
                    data: chart.png,
                    transformation: { width: CHART_WIDTH * 0.66, height: CHART_HEIGHT * 0.66 },
                  }),
                ],
              }),
          ),
        ],
      },
    ],
  })
  return Packer.toBuffer(document)
}
