/** Callback data of the rating buttons: `rate:<1-5>:<complaint id>`, and `rate:skip:<complaint id>` for no comment. */
export const RATING_PREFIX = 'rate:'

const COMPLAINT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export type RatingData = { type: 'rate'; stars: number; complaintId: string } | { type: 'skip-comment'; complaintId: string }

export function ratingData(stars: number, complaintId: string): string {
  return `${RATING_PREFIX}${stars}:${complaintId}`
}

export function skipCommentData(complaintId: string): string {
  return `${RATING_PREFIX}skip:${complaintId}`
}

/** Parses rating button data; undefined for anything malformed (forged or stale). */
export function parseRatingData(data: string): RatingData | undefined {
  const match = /^rate:([1-5]|skip):(.+)$/.exec(data)
  const complaintId = match?.[2] ?? ''
  if (!match || !COMPLAINT_ID.test(complaintId)) return undefined
  return match[1] === 'skip' ? { type: 'skip-comment', complaintId: complaintId.toLowerCase() } : { type: 'rate', stars: Number(match[1]), complaintId: complaintId.toLowerCase() }
}
