/**
 * First contacts written in batches: when hundreds of people write at once (a campaign, a QR code on a poster),
 * their upserts of one event-loop turn go to PostgreSQL as ONE statement instead of one commit each (DataLoader
 * does the batching). Plain SQL: every consumer's first update runs it (src/db/sql.ts).
 */
import DataLoader from 'dataloader'
import type { Database } from '../../db/client.ts'
import { type PreparedStatement, queryRows } from '../../db/sql.ts'

/** A person's Telegram identity as the upsert writes it. */
export interface PersonContact {
  telegramId: number
  displayName: string
  username: string | null
}

/** The person as stored after the upsert; instants as ISO strings (UTC). */
export interface UpsertedPerson {
  id: number
  display_name: string
  username: string | null
  locale: string | null
  created_at: string
  updated_at: string
}

const UTC_ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`

/**
 * Finds or creates people by Telegram id ($1) with their current names ($2, $3) at $4, and marks them reachable.
 * The ids come sorted, so that two batches with people in common lock their rows in the same order.
 */
const UPSERT_PEOPLE: PreparedStatement = {
  name: 'people-upsert-people',
  text: `
    INSERT INTO person (telegram_id, display_name, username, reachable, created_at, updated_at)
    SELECT contact.telegram_id, contact.display_name, contact.username, true, $4::timestamp, $4::timestamp
    FROM unnest($1::bigint[], $2::text[], $3::text[]) AS contact(telegram_id, display_name, username)
    ON CONFLICT (telegram_id) DO UPDATE
    SET display_name = EXCLUDED.display_name, username = EXCLUDED.username, reachable = true, unreachable_since = NULL,
        updated_at = EXCLUDED.updated_at
    RETURNING telegram_id::text AS telegram_id, id, display_name, username, locale,
      to_char(created_at, ${UTC_ISO}) AS created_at, to_char(updated_at, ${UTC_ISO}) AS updated_at`,
}

/** People per statement at most. */
const MAX_BATCH = 200

/** Finds or creates the person of a contact and marks them reachable; contacts of one turn share a statement. */
export function createPersonUpserts(db: Database): (contact: PersonContact) => Promise<UpsertedPerson> {
  const loader = new DataLoader<PersonContact, UpsertedPerson>(
    async (contacts) => {
      // One row per person (ON CONFLICT cannot touch a row twice in one statement); the latest name wins.
      const unique = [...new Map(contacts.map((contact) => [contact.telegramId, contact])).values()].sort(
        (a, b) => a.telegramId - b.telegramId,
      )
      const rows = await queryRows<UpsertedPerson & { telegram_id: string }>(db, UPSERT_PEOPLE, [
        unique.map((contact) => String(contact.telegramId)),
        unique.map((contact) => contact.displayName),
        unique.map((contact) => contact.username),
        new Date().toISOString(),
      ])
      const byId = new Map(rows.map((row) => [Number(row.telegram_id), row]))
      return contacts.map(
        (contact) =>
          byId.get(contact.telegramId) ?? new Error(`person upsert returned no row for ${contact.telegramId}`),
      )
    },
    { cache: false, maxBatchSize: MAX_BATCH },
  )
  return (contact) => loader.load(contact)
}
