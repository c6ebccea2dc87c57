const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const

/** Parses a duration such as `30m`, `12h`, `7d` or `2w` into milliseconds; null when it is not one. */
export function parseDuration(text: string): number | null {
  const match = /^(\d{1,4})\s*([mhdw])$/i.exec(text.trim())
  if (!match) return null
  const unit = match[2]!.toLowerCase() as keyof typeof UNIT_MS
  return Number(match[1]) * UNIT_MS[unit]
}

/** A date as Asia/Shanghai wall-clock time, `2026-12-05 16:00`. */
export function formatShanghaiTime(date: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).format(date)
}
