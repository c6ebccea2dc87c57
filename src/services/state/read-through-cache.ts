/**
 * What one update knows of a person's Redis state: the values read ahead with the update's rate-limit count, and
 * every value written since through the stores that were handed this cache. A store reads a key here first and
 * Redis only when the key is not known; a store that writes a key records it here in the same call. So a later
 * read in the same update sees the write, without any caller having to say the value changed.
 *
 * One per update (the bot's prepare step makes it); never shared between updates, so it holds no stale value
 * beyond the update's own writes. Holds raw JSON text, as stored: each store validates what it reads.
 */
export class ReadThroughCache {
  private readonly values = new Map<string, string | null>()

  /** Records values just read from Redis (null: no such key). */
  readAhead(key: string, value: string | null): void {
    this.values.set(key, value)
  }

  /** The key's value as read or last written in this update (null: none); undefined when not known. */
  known(key: string): string | null | undefined {
    return this.values.get(key)
  }

  /** Records a write of the key (null: deleted). Called by the store that writes, never by its callers. */
  wrote(key: string, value: string | null): void {
    this.values.set(key, value)
  }
}
