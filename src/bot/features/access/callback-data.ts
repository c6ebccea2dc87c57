/** Callback data of the access feature (prefix `a:`): ids only, everything re-checked on the server. */

const BIND = 'a:bind:'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** "Bind this group to that station" (43 bytes, within Telegram's 64). */
export function bindStationData(stationId: string): string {
  return `${BIND}${stationId}`
}

/** The station id of a bind button, or null for anything malformed. */
export function parseBindStationData(data: string): string | null {
  if (!data.startsWith(BIND)) return null
  const id = data.slice(BIND.length)
  return UUID.test(id) ? id : null
}

/** Every callback query this feature owns. */
export const ACCESS_CALLBACK = /^a:/
