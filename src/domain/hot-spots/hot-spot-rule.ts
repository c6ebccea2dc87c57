/**
 * Hot spots (消费投诉热点): many complaints about one business, or about one category in one street, within a
 * window. A station is then offered a consumer warning (消费警示) drafted from the pattern, never naming the
 * complainants. Pure: what a pattern is, when it is hot, and the window it is counted in.
 */

/** How many complaints within how many days make a hot spot. @defaultValue 5 in 30 days */
export interface HotSpotRule {
  threshold: number
  windowDays: number
}

export const DEFAULT_HOT_SPOT_RULE: HotSpotRule = { threshold: 5, windowDays: 30 }

/** The complaint kinds a hot spot counts: complaints and reports about a business, not inquiries. */
export const HOT_SPOT_KINDS = ['COMPLAINT', 'REPORT'] as const

export type HotSpotPattern =
  | {
      kind: 'BUSINESS'
      key: string
      /** The name as businessKey() normalizes it. */
      nameKey: string
      /** The business as the complaint that made it hot named it. */
      businessName: string
      /** The district the business is in; null for an online business (then the platform's name counts). */
      districtCode: string | null
    }
  | { kind: 'CATEGORY_STREET'; key: string; categoryCode: string; streetCode: string }

/** What of a complaint a hot spot looks at. */
export interface HotSpotSubject {
  kind: string
  respondentName: string
  areaCode: string | null
  isOnline: boolean
  categoryCode: string | null
}

/**
 * One business however it was typed: Unicode NFKC (full-width letters and digits become half-width), lower case,
 * no spaces. The SQL that counts complaints applies the same steps (hot-spot-counts.ts).
 */
export function businessKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, '')
}

/** The street (9-digit code) of a community, grid or street code; null above street level. */
export function streetOf(areaCode: string | null): string | null {
  return areaCode && /^\d{9}/.test(areaCode) ? areaCode.slice(0, 9) : null
}

/** The patterns a complaint belongs to: its business, and its category in its street when both are known. */
export function hotSpotPatternsOf(subject: HotSpotSubject): HotSpotPattern[] {
  if (!(HOT_SPOT_KINDS as readonly string[]).includes(subject.kind)) return []
  const patterns: HotSpotPattern[] = []
  const name = businessKey(subject.respondentName)
  const districtCode = subject.isOnline || !subject.areaCode ? null : subject.areaCode.slice(0, 6)
  if (name)
    patterns.push({
      kind: 'BUSINESS',
      key: `business:${districtCode ?? 'online'}:${name}`,
      nameKey: name,
      businessName: subject.respondentName.trim(),
      districtCode,
    })
  const streetCode = subject.isOnline ? null : streetOf(subject.areaCode)
  if (streetCode && subject.categoryCode)
    patterns.push({
      kind: 'CATEGORY_STREET',
      key: `category-street:${streetCode}:${subject.categoryCode}`,
      categoryCode: subject.categoryCode,
      streetCode,
    })
  return patterns
}

/** True once the complaints of a pattern within the window reach the threshold. */
export function isHotSpot(complaintsInWindow: number, rule: HotSpotRule): boolean {
  return complaintsInWindow >= rule.threshold
}

/** The first instant counted: `windowDays` before `now` (a rolling window). */
export function windowStart(now: Date, rule: HotSpotRule): Date {
  return new Date(now.getTime() - rule.windowDays * 24 * 60 * 60 * 1000)
}
