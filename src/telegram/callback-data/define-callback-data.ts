import { z } from 'zod'

/** Telegram's limit on callback_data, in bytes of UTF-8. */
export const MAX_CALLBACK_DATA_BYTES = 64

/** A complaint id in callback data: a UUID, read back in lower case. */
export const complaintIdField = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  .transform((id) => id.toLowerCase())

/** How one kind of button data is written and read: `<prefix><field>:<field>…`. */
export interface CallbackDataSpec<Schema extends z.ZodType> {
  /** Includes its separator, e.g. `t:`; unique among all codecs of the bot. */
  prefix: string
  /** What a decoded value must satisfy (it may transform the raw fields); a button carries input, never authority. */
  schema: Schema
  /** The fields after the prefix, in order. */
  encode(value: z.output<Schema>): readonly (string | number)[]
  /** The fields after the prefix as the schema's input; undefined when their shape is wrong. */
  decode(fields: readonly string[]): unknown
}

/** A typed callback-data codec built by {@link defineCallbackData}. */
export interface CallbackData<Value> {
  prefix: string
  /** Matches every data of this codec (valid or not), for `composer.callbackQuery`. */
  filter: RegExp
  /**
   * The data of a button carrying `value`.
   * @throws RangeError if the data exceeds Telegram's 64 bytes or a field holds the separator.
   */
  encode(value: Value): string
  /** The value of a button's data; undefined for anything malformed, foreign or forged. */
  decode(data: string | undefined): Value | undefined
}

/**
 * Defines one kind of callback data: a prefix, a zod schema and the mapping to colon-separated fields. Encoding
 * checks the 64-byte limit and that every field splits back (the values are typed; a zod parse of every button of
 * every keyboard cost ~4 % of an update's CPU, docs/performance.md); decoding parses with the schema, so a handler
 * only sees valid values, whatever a client sends.
 */
export function defineCallbackData<Schema extends z.ZodType>(
  spec: CallbackDataSpec<Schema>,
): CallbackData<z.output<Schema>> {
  const filter = new RegExp(`^${spec.prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)
  const read = (data: string) => {
    const raw = data.startsWith(spec.prefix) ? spec.decode(data.slice(spec.prefix.length).split(':')) : undefined
    return raw === undefined ? undefined : spec.schema.safeParse(raw)
  }
  return {
    prefix: spec.prefix,
    filter,
    encode(value) {
      const fields = spec.encode(value)
      // The value is typed by the caller's code; what types cannot see is a field that would not split back.
      if (fields.some((field) => String(field).includes(':'))) {
        throw new RangeError(`callback data ${spec.prefix}: a field with the separator ':' in [${fields.join(', ')}]`)
      }
      const data = `${spec.prefix}${fields.join(':')}`
      if (Buffer.byteLength(data, 'utf8') > MAX_CALLBACK_DATA_BYTES) {
        throw new RangeError(`callback data over ${MAX_CALLBACK_DATA_BYTES} bytes: ${data}`)
      }
      return data
    },
    decode(data) {
      if (data === undefined) return undefined
      const parsed = read(data)
      return parsed?.success ? parsed.data : undefined
    },
  }
}
