/**
 * A small RFC 4180 CSV reader that remembers the physical line each record starts on, so that import
 * errors can point at the line a spreadsheet user sees. The directory format needs nothing more (no custom
 * delimiters, no streaming), which is why this is not a dependency.
 */

export interface CsvRecord {
  /** 1-based physical line of the record's first character. */
  line: number
  cells: string[]
}

export type CsvReadResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string }

/**
 * Splits CSV text into records. Quoted fields may contain commas, doubled quotes and line breaks (the record
 * keeps the line it started on); LF, CRLF and lone CR all end a line. A quote inside an unquoted field is kept
 * as a character, as spreadsheets do. The only error is a quoted field that never closes.
 */
export function readCsv(text: string): CsvReadResult {
  const records: CsvRecord[] = []
  let cells: string[] = []
  let field = ''
  let line = 1
  let recordLine = 1
  let quoteLine = 0
  let inQuotes = false
  let fieldStarted = false
  let i = 0

  const endField = () => {
    cells.push(field)
    field = ''
    fieldStarted = false
  }
  const endRecord = () => {
    endField()
    records.push({ line: recordLine, cells })
    cells = []
  }

  while (i < text.length) {
    const ch = text.charAt(i)
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        inQuotes = false
        i += 1
        continue
      }
      if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line += 1
      field += ch
      i += 1
      continue
    }
    if (ch === '"' && !fieldStarted) {
      inQuotes = true
      fieldStarted = true
      quoteLine = line
      i += 1
      continue
    }
    if (ch === ',') {
      endField()
      i += 1
      continue
    }
    if (ch === '\r' || ch === '\n') {
      endRecord()
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1
      line += 1
      recordLine = line
      continue
    }
    field += ch
    fieldStarted = true
    i += 1
  }
  if (inQuotes) return { ok: false, line: quoteLine, message: 'a quoted field is never closed (missing ")' }
  if (fieldStarted || field !== '' || cells.length > 0) endRecord()
  return { ok: true, records }
}
