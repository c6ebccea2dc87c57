const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const

/** Parses a duration such as `30m`, `12h`, `7d` or `2w` into milliseconds; null when it is not one. */
export function parseDuration(text: string): number | null {
  const [, count, unit] = /^(\d{1,4})\s*([mhdw])$/i.exec(text.trim()) ?? []
  if (count === undefined || unit === undefined) return null
  return Number(count) * UNIT_MS[unit.toLowerCase() as keyof typeof UNIT_MS]
}

/** A date as Asia/Shanghai wall-clock time, `2026-12-05 16:00` (`2026-12-05 16:00:07` with seconds). */
export function formatShanghaiTime(date: Date, options: { seconds?: boolean } = {}): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(options.seconds ? { second: '2-digit' } : {}),
  }).format(date)
}

/**
 * A point in time typed on the command line: a duration back from now (`7d`, `12h`), an Asia/Shanghai date
 * (`2026-12-01`, from midnight) or date and time (`2026-12-01 08:30`); null when it is none of these.
 */
export function parseSince(text: string, now: Date): Date | null {
  const trimmed = text.trim()
  const back = parseDuration(trimmed)
  if (back !== null) return new Date(now.getTime() - back)
  const match = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}))?$/.exec(trimmed)
  if (!match) return null
  const date = new Date(`${match[1]}T${match[2] ?? '00:00'}:00+08:00`)
  // Date rolls 2026-02-30 over into March; a date that does not read back the same was not a date.
  return Number.isNaN(date.getTime()) || formatShanghaiTime(date).slice(0, 10) !== match[1] ? null : date
}
