import { z } from 'zod'
import { complaintIdField, defineCallbackData } from './define-callback-data.ts'

export type RatingData =
  | { type: 'rate'; stars: number; complaintId: string }
  | { type: 'skip-comment'; complaintId: string }

/** The rating buttons: `rate:<1-5>:<complaint id>`, and `rate:skip:<complaint id>` for no comment. */
export const ratingCallback = defineCallbackData({
  prefix: 'rate:',
  schema: z.discriminatedUnion('type', [
    z.object({ type: z.literal('rate'), stars: z.number().int().min(1).max(5), complaintId: complaintIdField }),
    z.object({ type: z.literal('skip-comment'), complaintId: complaintIdField }),
  ]),
  encode: (value) => [value.type === 'rate' ? value.stars : 'skip', value.complaintId],
  decode: ([choice, complaintId, ...rest]) => {
    if (rest.length > 0 || choice === undefined) return undefined
    if (choice === 'skip') return { type: 'skip-comment', complaintId }
    return /^[1-5]$/.test(choice) ? { type: 'rate', stars: Number(choice), complaintId } : undefined
  },
})

export function ratingData(stars: number, complaintId: string): string {
  return ratingCallback.encode({ type: 'rate', stars, complaintId })
}

export function skipCommentData(complaintId: string): string {
  return ratingCallback.encode({ type: 'skip-comment', complaintId })
}

/** Parses rating button data; undefined for anything malformed (forged or stale). */
export function parseRatingData(data: string): RatingData | undefined {
  return ratingCallback.decode(data)
}
