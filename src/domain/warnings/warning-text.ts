// The text of a consumer warning (消费提示、消费警示) and how long it may be.

/**
 * Characters a warning's text may have in each language, counted as Telegram counts them (UTF-16 code units: an
 * emoji or a rare character is two). A warning with a photo or document is sent as its caption, which Telegram
 * refuses beyond 1,024; the heading, the area line (at most 120) and the station's name take the rest.
 */
export const MAX_WARNING_TEXT = 800

export type WarningTextCheck = { ok: true; value: string } | { ok: false; reason: 'EMPTY' | 'TOO_LONG'; length: number }

/** Trims a warning's text and checks that there is some and that it is not too long. */
export function checkWarningText(raw: string): WarningTextCheck {
  const value = raw.trim()
  const length = value.length
  if (length === 0) return { ok: false, reason: 'EMPTY', length }
  if (length > MAX_WARNING_TEXT) return { ok: false, reason: 'TOO_LONG', length }
  return { ok: true, value }
}
