/**
 * Turns the bytes of a directory file (JSON or CSV) into rows that remember their line numbers.
 * Only the shape of the file is checked here; the rows themselves are validated by importDirectory.
 */
import { readCsv } from './csv-reader.ts'
import {
  CSV_ROW_TYPES,
  DIRECTORY_SECTIONS,
  type DirectoryFile,
  type DirectoryIssue,
  type DirectorySection,
  type DirectorySourceRow,
  LIST_FIELDS,
  NUMBER_FIELDS,
  SECTION_FIELDS,
} from './directory-file.ts'
import { jsonElementLines } from './json-element-lines.ts'

export type DirectoryFormat = DirectoryFile['format']

/** The format a file name stands for, by its extension; null for anything but .json and .csv. */
export function directoryFormatOf(fileName: string): DirectoryFormat | null {
  const lower = fileName.toLowerCase()
  if (lower.endsWith('.json')) return 'json'
  if (lower.endsWith('.csv')) return 'csv'
  return null
}

/**
 * Decodes a file's bytes: UTF-8 (with or without BOM), or GB18030 when the bytes are not valid UTF-8,
 * because Excel on a Chinese Windows saves "CSV" in the ANSI code page.
 */
export function decodeDirectoryBytes(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  try {
    return { text: stripBom(new TextDecoder('utf-8', { fatal: true }).decode(bytes)), encoding: 'utf-8' }
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' }
  }
}

/** Reads directory text in the given format; problems with the file's shape are returned, never thrown. */
export function readDirectoryFile(text: string, format: DirectoryFormat): DirectoryFile {
  return format === 'json' ? readJson(stripBom(text)) : readCsvDirectory(stripBom(text))
}

function readJson(text: string): DirectoryFile {
  const file: DirectoryFile = { format: 'json', rows: [], problems: [] }
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const position = /position (\d+)/.exec(message)?.[1]
    const line = position === undefined ? 1 : lineAt(text, Number(position))
    file.problems.push({
      line,
      section: 'file',
      message: `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`,
    })
    return file
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    file.problems.push({
      line: 1,
      section: 'file',
      message: `the file must be one JSON object with the arrays ${DIRECTORY_SECTIONS.join(', ')}`,
    })
    return file
  }
  const located = jsonElementLines(text)
  for (const key of located.duplicates) {
    file.problems.push({
      line: 1,
      section: 'file',
      value: key,
      message: `"${key}" appears twice; list all its rows in one array`,
    })
  }
  for (const [key, value] of Object.entries(document)) {
    // Keys starting with $ or _ are free for comments and editor hints ("$schema").
    if (key.startsWith('$') || key.startsWith('_')) continue
    if (!isSection(key)) {
      file.problems.push({
        line: 1,
        section: 'file',
        value: key,
        message: `unknown key; the arrays are ${DIRECTORY_SECTIONS.join(', ')}`,
      })
      continue
    }
    if (!Array.isArray(value)) {
      file.problems.push({ line: 1, section: key, value: typeof value, message: `"${key}" must be an array` })
      continue
    }
    const lines = located.lines.get(key) ?? []
    value.forEach((element: unknown, index) => {
      const line = lines[index] ?? 1
      if (typeof element !== 'object' || element === null || Array.isArray(element)) {
        file.problems.push({
          line,
          section: key,
          value: JSON.stringify(element),
          message: 'each element must be an object',
        })
        return
      }
      file.rows.push({ section: key, line, fields: element as Record<string, unknown> })
    })
  }
  return file
}

function readCsvDirectory(text: string): DirectoryFile {
  const file: DirectoryFile = { format: 'csv', rows: [], problems: [] }
  const csv = readCsv(text)
  if (!csv.ok) {
    file.problems.push({ line: csv.line, section: 'file', message: csv.message })
    return file
  }
  const records = csv.records.filter((record) => record.cells.some((cell) => cell.trim() !== ''))
  const header = records.shift()
  if (!header) {
    file.problems.push({
      line: 1,
      section: 'file',
      message: 'the file is empty; the first line names the columns, starting with "type"',
    })
    return file
  }

  const columns: Array<string | null> = []
  for (const cell of header.cells) {
    const name = canonicalColumn(cell)
    if (cell.trim() === '') {
      columns.push(null)
    } else if (name === null) {
      file.problems.push({
        line: header.line,
        section: 'file',
        value: cell,
        message: `unknown column; the columns are type, ${ALL_FIELDS.join(', ')}`,
      })
      columns.push(null)
    } else if (columns.includes(name)) {
      file.problems.push({ line: header.line, section: 'file', value: cell, message: 'the column appears twice' })
      columns.push(null)
    } else {
      columns.push(name)
    }
  }
  const typeIndex = columns.indexOf('type')
  if (typeIndex < 0) {
    file.problems.push({
      line: header.line,
      section: 'file',
      message: 'the first line must name the columns, and one of them must be "type"',
    })
    return file
  }

  for (const record of records) {
    const type = (record.cells[typeIndex] ?? '').trim()
    if (type.startsWith('#')) continue
    const section = CSV_ROW_TYPES[type.toLowerCase()]
    if (section === undefined) {
      file.problems.push({
        line: record.line,
        section: 'file',
        field: 'type',
        value: type,
        message: `unknown row type; use one of ${Object.keys(CSV_ROW_TYPES).join(', ')}`,
      })
      continue
    }
    const row = csvRow(record.line, section, record.cells, columns, file.problems)
    file.rows.push(row)
  }
  return file
}

function csvRow(
  line: number,
  section: DirectorySection,
  cells: string[],
  columns: Array<string | null>,
  problems: DirectoryIssue[],
): DirectorySourceRow {
  const fields: Record<string, unknown> = {}
  const allowed = SECTION_FIELDS[section]
  cells.forEach((raw, index) => {
    const value = raw.trim()
    const column = columns[index]
    if (value === '' || column === 'type') return
    if (column === null || column === undefined) {
      if (index >= columns.length)
        problems.push({ line, section, value, message: 'a cell beyond the last named column' })
      return
    }
    if (!allowed.includes(column)) {
      problems.push({
        line,
        section,
        field: column,
        value,
        message: `the column ${column} is not used by ${typeOf(section)} rows; leave it empty`,
      })
      return
    }
    if (LIST_FIELDS.has(column))
      fields[column] = value
        .split(/[;；]/)
        .map((item) => item.trim())
        .filter((item) => item !== '')
    else if (NUMBER_FIELDS.has(column))
      fields[column] = /^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(value) ? Number(value) : value
    else fields[column] = value
  })
  return { section, line, fields }
}

const ALL_FIELDS = [...new Set(Object.values(SECTION_FIELDS).flat())]
const COLUMN_BY_KEY = new Map(['type', ...ALL_FIELDS].map((name) => [columnKey(name), name]))

/** Header cells match field names case-insensitively, with or without underscores: name_en, NameEn, nameEn. */
function canonicalColumn(cell: string): string | null {
  return COLUMN_BY_KEY.get(columnKey(cell)) ?? null
}

function columnKey(name: string): string {
  return name
    .trim()
    .replace(/^\uFEFF/, '')
    .replace(/[_\s-]/g, '')
    .toLowerCase()
}

function typeOf(section: DirectorySection): string {
  return Object.entries(CSV_ROW_TYPES).find(([, value]) => value === section)?.[0] ?? section
}

function isSection(key: string): key is DirectorySection {
  return (DIRECTORY_SECTIONS as readonly string[]).includes(key)
}

function lineAt(text: string, position: number): number {
  let line = 1
  for (let i = 0; i < position && i < text.length; i += 1) if (text[i] === '\n') line += 1
  return line
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}
