/**
 * The values this process last wrote to or read from Redis, decoded, by key. An update reads back the JSON the
 * previous update of the same chat wrote (a form, a cached person): when the text is the same, decoding it
 * again (parse and check) is wasted work on every update. The values handed out are shared, so they must be
 * treated as immutable, as forms and people are. Bounded: past `limit` keys it starts afresh.
 */
export class RecentlyDecoded<K, V> {
  private readonly entries = new Map<K, { raw: string; value: V }>()

  constructor(private readonly limit = 10_000) {}

  /** The value decoded from exactly this text under this key, if it is the last one seen. */
  get(key: K, raw: string): V | undefined {
    const entry = this.entries.get(key)
    return entry !== undefined && entry.raw === raw ? entry.value : undefined
  }

  /** The value last seen under this key, whatever its text. */
  latest(key: K): V | undefined {
    return this.entries.get(key)?.value
  }

  set(key: K, raw: string, value: V): void {
    if (this.entries.size >= this.limit && !this.entries.has(key)) this.entries.clear()
    this.entries.set(key, { raw, value })
  }

  delete(key: K): void {
    this.entries.delete(key)
  }
}
