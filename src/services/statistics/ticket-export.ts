import { once } from 'node:events'
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { Database } from '../../db/client.ts'
import { queryRows } from '../../db/sql.ts'
import { parentOf } from '../../domain/intake/categories.ts'
import { maskName, maskPhone } from '../../domain/intake/masking.ts'
import { isBureauStation, type StationKind } from '../../domain/lifecycle/index.ts'
import type { RuleId } from '../../domain/rules/index.ts'
import { type AreaNode, ancestorAt } from '../../domain/statistics/area-rollup.ts'
import type { StatisticsPeriod } from '../../domain/statistics/period.ts'
import type { StatisticsScope } from '../../domain/statistics/scope.ts'
import type { TFunction } from '../../i18n/translator.ts'
import { groundListOf, groundText } from '../../telegram/render/ground-text.ts'
import { ticketFilter } from './statistics-queries.ts'

export type ExportFormat = 'xlsx' | 'csv'

/** The columns of an export, in order (headers and values in Chinese: the file goes to the bureau). */
export const EXPORT_COLUMNS = [
  ['trackingNumber', '编号'],
  ['kind', '类型'],
  ['status', '状态'],
  ['submittedOn', '提交日期'],
  ['bureauReceivedOn', '市场监管部门收到日期'],
  ['decidedOn', '决定日期'],
  ['closedOn', '办结日期'],
  ['categoryGroup', '类别'],
  ['category', '细类'],
  ['district', '区县'],
  ['street', '街道'],
  ['area', '社区/网格'],
  ['station', '承办站点'],
  ['online', '网购'],
  ['outcome', '结果'],
  ['ground', '依据'],
  ['recoveredYuan', '挽回经济损失（元）'],
  ['satisfaction', '满意度'],
  ['respondent', '被投诉/举报经营者'],
  ['contactName', '联系人'],
  ['contactPhone', '联系电话'],
] as const

type Column = (typeof EXPORT_COLUMNS)[number][0]
export type ExportRow = Record<Column, string | number>

const BATCH = 2_000

export interface ExportRequest {
  period: StatisticsPeriod
  scope: StatisticsScope
  format: ExportFormat
  /** Full contact names and phone numbers: an admin's explicit request, audited by the caller. */
  withContacts: boolean
  /**
   * The export is the handling bureau station's own (its staff's /export): only there may a named reporter's
   * contact appear, masked (§12). Never from the admin command line, whatever its scope or --with-contacts.
   */
  forHandlingBureau: boolean
  /** zh-CN texts, for the kind, status, category, result and ground of each row. */
  t: TFunction
}

/**
 * Writes every ticket of the period and scope (a station's: those it holds and those it passed up) to `out`, batch by batch (keyset on the id), so a million rows take
 * bounded memory: CSV as UTF-8 with a BOM (Excel then reads Chinese), XLSX through exceljs's streaming writer.
 * A reporter's name and phone are left out except in the bureau station's own export of a report it handles (§12:
 * the reporter's identity is for that bureau only; never in the admin command line's). Returns the number of rows.
 */
export async function exportTickets(db: Database, request: ExportRequest, out: Writable): Promise<number> {
  const [areas, stations] = await Promise.all([
    db.area.findMany({ select: { code: true, level: true, parentCode: true, name: true } }),
    db.station.findMany({ select: { id: true, name: true, kind: true } }),
  ])
  const nodes = new Map<string, AreaNode>(areas.map((a) => [a.code, { level: a.level, parentCode: a.parentCode }]))
  const areaName = new Map(areas.map((a) => [a.code, a.name]))
  const stationName = new Map(stations.map((s) => [s.id, s.name]))
  const stationKind = new Map(stations.map((s) => [s.id, s.kind]))
  const { t } = request
  const contactShown = (c: TicketRecord) =>
    c.kind !== 'REPORT' ||
    (request.forHandlingBureau && handlingBureau(request.scope, c.station_id, stationKind.get(c.station_id ?? '')))
  const toRow = (c: TicketRecord): ExportRow => {
    const area = c.area_code ?? ''
    const contacts = contactShown(c)
    return {
      trackingNumber: c.tracking_number,
      kind: t(`delivery:kind.${c.kind}`, { defaultValue: c.kind }),
      status: t(`status:statuses.${c.status}`, { defaultValue: c.status }),
      submittedOn: c.submitted_on,
      bureauReceivedOn: c.bureau_received_on,
      decidedOn: c.decided_on,
      closedOn: c.closed_on,
      categoryGroup: c.category_code ? categoryName(t, parentOf(c.category_code) ?? c.category_code) : '',
      category: c.category_code ? categoryName(t, c.category_code) : '',
      district: areaName.get(ancestorAt(area, 'DISTRICT', nodes)) ?? '',
      street: areaName.get(ancestorAt(area, 'STREET', nodes)) ?? '',
      area: areaName.get(area) ?? area,
      station: c.station_id ? (stationName.get(c.station_id) ?? '') : '',
      online: c.is_online ? '是' : '否',
      outcome: c.closing_outcome
        ? t(`statistics:export.outcome.${c.closing_outcome}`, { defaultValue: c.closing_outcome })
        : '',
      ground: c.ground ? groundCell(t, c) : '',
      recoveredYuan: c.recovered_fen === null ? '' : Number(c.recovered_fen) / 100,
      satisfaction: c.satisfaction ?? '',
      respondent: c.respondent_name,
      contactName: c.contact_name && contacts ? (request.withContacts ? c.contact_name : maskName(c.contact_name)) : '',
      contactPhone:
        c.contact_phone && contacts ? (request.withContacts ? c.contact_phone : maskPhone(c.contact_phone)) : '',
    }
  }
  const sink = request.format === 'csv' ? csvSink(out) : xlsxSink(out)
  let count = 0
  for await (const batch of batches(db, request)) {
    await sink.write(batch.map(toRow))
    count += batch.length
  }
  await sink.end()
  return count
}

/** The export of one bureau station, for a report it handles: the only file a reporter's contact may be in. */
function handlingBureau(scope: StatisticsScope, stationId: string | null, kind: StationKind | undefined): boolean {
  return scope.level === 'STATION' && stationId !== null && scope.stationId === stationId && isBureauStation(kind)
}

const categoryName = (t: TFunction, code: string) => t(`categories:${code}`, { defaultValue: code })

/** The ground as the ticket's rule words it, with its article (第十六条第（五）项 …). */
function groundCell(t: TFunction, c: TicketRecord): string {
  const { label, article } = groundText(t, 'zh-CN', c.rule as RuleId, groundListOf(c.accepted), c.ground ?? '')
  return article ? `${article} ${label}` : label
}

interface TicketRecord {
  id: string
  tracking_number: string
  kind: string
  status: string
  /** Asia/Shanghai dates, 'YYYY-MM-DD' or ''. */
  submitted_on: string
  bureau_received_on: string
  decided_on: string
  closed_on: string
  category_code: string | null
  area_code: string | null
  station_id: string | null
  is_online: boolean
  closing_outcome: string | null
  ground: string | null
  rule: string
  /** Accepted (受理) at some point: its ground, if any, ended the mediation rather than refused it. */
  accepted: boolean
  /** bigint as text. */
  recovered_fen: string | null
  satisfaction: number | null
  respondent_name: string
  contact_name: string | null
  contact_phone: string | null
}

const localDayText = (column: string) => `COALESCE(to_char(${column} + interval '8 hours', 'YYYY-MM-DD'), '')`

/**
 * Batches of the export on node-postgres directly (a prepared statement per scope level): a million rows through
 * Prisma's raw queries left several hundred megabytes of garbage behind (docs/performance.md).
 */
async function* batches(db: Database, request: ExportRequest): AsyncGenerator<TicketRecord[]> {
  const filter = ticketFilter(request.period, request.scope, { passedUp: true })
  const statement = {
    name: `ticket-export-${request.scope.level.toLowerCase()}`,
    text: `
      SELECT c.id, c.tracking_number, c.kind::text AS kind, c.status::text AS status,
        ${localDayText('c.submitted_at')} AS submitted_on, ${localDayText('c.bureau_received_at')} AS bureau_received_on,
        ${localDayText('c.decided_at')} AS decided_on,
        ${localDayText('c.closed_at')} AS closed_on, c.category_code, c.area_code, c.station_id, c.is_online,
        c.closing_outcome::text AS closing_outcome, c.ground, c.rule::text AS rule,
        (c.accepted_at IS NOT NULL) AS accepted, c.recovered_fen::text AS recovered_fen, c.satisfaction,
        c.respondent_name, c.contact_name, c.contact_phone
      FROM complaint c WHERE ${filter.sql} AND c.id > $${filter.values.length + 1}
      ORDER BY c.id LIMIT ${BATCH}`,
  }
  let after = ''
  for (;;) {
    const rows = await queryRows<TicketRecord>(db, statement, [...(filter.values as string[]), after])
    const last = rows.at(-1)
    if (!last) return
    yield rows
    after = last.id
    if (rows.length < BATCH) return
  }
}

interface Sink {
  /** One batch of rows (a CSV batch is one write, so the file stream holds a few large chunks, not many small). */
  write(rows: ExportRow[]): Promise<void>
  end(): Promise<void>
}

/**
 * One CSV cell. Text a consumer typed (a business's name, an address) that begins like a formula is kept as text
 * with a leading apostrophe: Excel evaluates `=`, `+`, `-` and `@` even in a quoted cell (CSV injection).
 */
const csvCell = (value: string | number) => {
  const raw = String(value)
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** UTF-8 with a byte-order mark, CRLF lines (RFC 4180); waits for the stream to drain. */
function csvSink(out: Writable): Sink {
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain')
  }
  const header = `\uFEFF${EXPORT_COLUMNS.map(([, title]) => csvCell(title)).join(',')}\r\n`
  let started = false
  return {
    async write(rows) {
      const lines = rows.map((row) => `${EXPORT_COLUMNS.map(([key]) => csvCell(row[key])).join(',')}\r\n`)
      await write(`${started ? '' : header}${lines.join('')}`)
      started = true
    },
    async end() {
      if (!started) await write(header)
      out.end()
      await once(out, 'finish')
    },
  }
}

/**
 * Waits while the zip entry of the sheet has more queued than it takes. exceljs hands the sheet's XML to the zip
 * writer in 64 KB pieces without waiting for it (StreamBuf in batch mode), so rows written faster than they are
 * compressed pile up in memory: a 150,000-row export peaked at 395 MiB, 136 MiB with this wait, in the same time.
 * Reaches into exceljs's worksheet stream (`stream.pipes[0]`, a readable-stream PassThrough); if a later exceljs
 * changes that, nothing waits and the export still completes.
 */
async function zipCaughtUp(sheet: object): Promise<void> {
  const entry = (sheet as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0] as
    | { _writableState?: { needDrain?: boolean }; once(event: 'drain', listener: () => void): void }
    | undefined
  while (entry?._writableState?.needDrain) await new Promise<void>((resolve) => entry.once('drain', resolve))
}

/** exceljs's streaming workbook writer: each row is committed (written out) as soon as it is added. */
function xlsxSink(out: Writable): Sink {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false })
  const sheet = workbook.addWorksheet('工单')
  sheet.columns = EXPORT_COLUMNS.map(([key, header]) => ({ key, header, width: 16 }))
  let rows = 0
  return {
    async write(batch) {
      for (const row of batch) {
        sheet.addRow(row).commit()
        if (++rows % 500 === 0) await zipCaughtUp(sheet)
      }
    },
    async end() {
      sheet.commit()
      await workbook.commit()
    },
  }
}
