/** The callback-data prefix of a card's "show contact" button. */
export const SHOW_CONTACT_PREFIX = 'sc:'

const COMPLAINT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Callback data of the card's "show contact" button: `sc:<complaint id>`. It names the ticket only; whether the
 * presser may see the contact is decided on the server.
 * @throws RangeError if the complaint id is not a UUID.
 */
export function showContactData(complaintId: string): string {
  if (!COMPLAINT_ID.test(complaintId)) throw new RangeError(`showContactData: ${complaintId} is not a complaint id (UUID)`)
  return `${SHOW_CONTACT_PREFIX}${complaintId}`
}

/** Parses data built by {@link showContactData}; undefined for anything else (forged or foreign data). */
export function parseShowContactData(data: string): { complaintId: string } | undefined {
  const complaintId = data.startsWith(SHOW_CONTACT_PREFIX) ? data.slice(SHOW_CONTACT_PREFIX.length) : ''
  return COMPLAINT_ID.test(complaintId) ? { complaintId: complaintId.toLowerCase() } : undefined
}
