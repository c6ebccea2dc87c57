/**
 * The values this process last wrote to or read from Redis, decoded, by key. An update reads back the JSON the
 * previous update of the same chat wrote (a form, a cached person): when the text is the same, decoding it
 * again (parse and check) is wasted work on every update. The values handed out are shared, so they must be
 * treated as immutable, as forms and people are. Bounded: past `limit` keys the least recently used is dropped
 * (a Map keeps insertion order; a key used again moves to the end).
 */
export class RecentlyDecoded<K, V> {
  private readonly entries = new Map<K, { raw: string; value: V }>()

  /** Keys kept; the default covers the chats active within a few minutes (docs/performance.md, "Memory"). */
  constructor(private readonly limit = 2_000) {}

  /** The value decoded from exactly this text under this key, if it is the last one seen. */
  get(key: K, raw: string): V | undefined {
    const entry = this.entries.get(key)
    if (entry === undefined || entry.raw !== raw) return undefined
    this.touch(key, entry)
    return entry.value
  }

  /** The value last seen under this key, whatever its text. */
  latest(key: K): V | undefined {
    return this.entries.get(key)?.value
  }

  set(key: K, raw: string, value: V): void {
    this.touch(key, { raw, value })
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as K)
  }

  delete(key: K): void {
    this.entries.delete(key)
  }

  private touch(key: K, entry: { raw: string; value: V }): void {
    this.entries.delete(key)
    this.entries.set(key, entry)
  }
}
