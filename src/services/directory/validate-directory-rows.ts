// Row-level checks of a directory file: each row against its section's schema, before any cross-row rule.
import { type DirectoryFile, type DirectoryIssue, ROW_SCHEMAS } from './directory-file.ts'
import type { Located, ValidatedRows } from './directory-plan.ts'

/** Checks each row against its section's schema; rows that fail are left out and reported. */
export function validateDirectoryRows(file: DirectoryFile): { rows: ValidatedRows; errors: DirectoryIssue[] } {
  const rejected = { areas: new Set<string>(), stations: new Set<string>() }
  const rows: ValidatedRows = { areas: [], stations: [], coverage: [], platforms: [], liaisonGrids: [], rejected }
  const errors: DirectoryIssue[] = []
  for (const source of file.rows) {
    const result = ROW_SCHEMAS[source.section].safeParse(source.fields)
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = issue.path[0] === undefined ? undefined : String(issue.path[0])
        const value = field === undefined ? undefined : field in source.fields ? source.fields[field] : undefined
        const message =
          issue.code === 'unrecognized_keys'
            ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`
            : issue.code === 'invalid_type' && value === undefined
              ? 'is required'
              : issue.message
        errors.push({
          line: source.line,
          section: source.section,
          field,
          value: issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : formatValue(value),
          message,
        })
      }
      const code = source.fields.code
      if (typeof code === 'string' && (source.section === 'areas' || source.section === 'stations'))
        rejected[source.section].add(code.trim())
      continue
    }
    // The schema of the section decides the type; TypeScript cannot follow the indexed access.
    ;(rows[source.section] as Array<Located<object>>).push({ ...(result.data as object), line: source.line })
  }
  return { rows, errors }
}

/** Sorts issues by line, keeping the order of issues on the same line. */
export function byLine(issues: DirectoryIssue[]): DirectoryIssue[] {
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => a.issue.line - b.issue.line || a.index - b.index)
    .map(({ issue }) => issue)
}

/** A value as it is shown in an error: strings as written, anything else as JSON, at most 80 characters. */
export function formatValue(value: unknown): string | undefined {
  if (value === undefined) return undefined
  const text = typeof value === 'string' ? value : typeof value === 'bigint' ? value.toString() : JSON.stringify(value)
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}
