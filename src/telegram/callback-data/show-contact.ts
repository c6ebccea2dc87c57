import { z } from 'zod'
import { complaintIdField, defineCallbackData } from './define-callback-data.ts'

/**
 * The card's "show contact" button: `sc:<complaint id>`. It names the ticket only; whether the presser may see
 * the contact is decided on the server.
 */
export const showContactCallback = defineCallbackData({
  prefix: 'sc:',
  schema: z.object({ complaintId: complaintIdField }),
  encode: ({ complaintId }) => [complaintId],
  decode: ([complaintId, ...rest]) => (rest.length === 0 ? { complaintId } : undefined),
})

/** The callback-data prefix of a card's "show contact" button. */
export const SHOW_CONTACT_PREFIX = showContactCallback.prefix

/**
 * Callback data of the card's "show contact" button.
 * @throws RangeError if the complaint id is not a UUID.
 */
export function showContactData(complaintId: string): string {
  return showContactCallback.encode({ complaintId })
}

/** Parses data built by {@link showContactData}; undefined for anything else (forged or foreign data). */
export function parseShowContactData(data: string): { complaintId: string } | undefined {
  return showContactCallback.decode(data)
}
