import type * as Charts from './charts.ts'
import type * as TicketExport from './ticket-export.ts'
import type * as WorkSummaryDocx from './work-summary-docx.ts'

// ECharts, resvg, ExcelJS and docx add about 85 MiB of RSS to a process that loads them (measured in
// docs/performance.md). They are loaded the first time someone asks for a chart, a Word summary or an export,
// not when the bot or the workers start.

/** The charts of a statistics report (PNG and SVG), see charts.ts. */
export async function renderStatisticsCharts(
  ...args: Parameters<typeof Charts.renderStatisticsCharts>
): Promise<Awaited<ReturnType<typeof Charts.renderStatisticsCharts>>> {
  return (await import('./charts.ts')).renderStatisticsCharts(...args)
}

/** The work summary as a Word document, see work-summary-docx.ts. */
export async function buildWorkSummaryDocx(
  ...args: Parameters<typeof WorkSummaryDocx.buildWorkSummaryDocx>
): Promise<Awaited<ReturnType<typeof WorkSummaryDocx.buildWorkSummaryDocx>>> {
  return (await import('./work-summary-docx.ts')).buildWorkSummaryDocx(...args)
}

/** The tickets of a period as Excel or CSV, see ticket-export.ts. */
export async function exportTickets(
  ...args: Parameters<typeof TicketExport.exportTickets>
): Promise<Awaited<ReturnType<typeof TicketExport.exportTickets>>> {
  return (await import('./ticket-export.ts')).exportTickets(...args)
}
