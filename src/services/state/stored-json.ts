import type { z } from 'zod'
import type { Logger } from '../../logging/logger.ts'

/**
 * Parses JSON read back from Redis with the schema of what was stored there. A value that is no JSON, or fails the
 * schema (another release's shape, a version no longer read, a hand-edited key), is logged with the paths and
 * codes of its problems, never its content (it may hold names, phone numbers, identity numbers), and comes back
 * as undefined: the caller decides how the person is told.
 */
export function parseStoredJson<S extends z.ZodType>(
  schema: S,
  raw: string,
  log: Logger,
  what: string,
): z.infer<S> | undefined {
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    log.warn({ stored: what, problem: 'not JSON' }, 'unreadable value in Redis; not used')
    return undefined
  }
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issues = result.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`)
  log.warn({ stored: what, version: versionOf(value), issues }, 'value in Redis fails its schema; not used')
  return undefined
}

/** The version field of a stored object (`v`, or `version` for forms), for the log; never any other field. */
function versionOf(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return undefined
  const record = value as Record<string, unknown>
  const version = record.v ?? record.version
  return typeof version === 'number' || typeof version === 'string' ? version : undefined
}
