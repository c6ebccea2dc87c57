/**
 * Typed access to a Bot API call's parameters. Telegram accepts every
 * parameter either as a JSON value (application/json) or as a string
 * (urlencoded / multipart, where objects are JSON-serialized). {@link Params}
 * hides that difference from method handlers.
 */
import { Errors } from './api-error.ts'

/** A file part received in a multipart/form-data request. */
export interface UploadedPart {
  /** The multipart field name (grammY uses a random id referenced by `attach://<id>`). */
  readonly field: string
  readonly filename: string
  readonly contentType: string
  readonly bytes: Buffer
}

export class Params {
  constructor(
    /** Raw parameters as received (strings for form bodies, JSON values otherwise). */
    readonly raw: Readonly<Record<string, unknown>>,
    /** Uploaded file parts keyed by multipart field name. */
    readonly files: ReadonlyMap<string, UploadedPart> = new Map(),
  ) {}

  has(name: string): boolean {
    const v = this.raw[name]
    return v !== undefined && v !== null && v !== ''
  }

  str(name: string): string | undefined {
    const v = this.raw[name]
    if (v === undefined || v === null) return undefined
    return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v)
  }

  requireStr(name: string): string {
    const v = this.str(name)
    if (v === undefined) throw Errors.badRequest(`${name} is empty`)
    return v
  }

  int(name: string): number | undefined {
    const v = this.raw[name]
    if (v === undefined || v === null || v === '') return undefined
    const n = typeof v === 'number' ? v : Number(v)
    if (!Number.isInteger(n)) throw Errors.badRequest(`invalid ${name} specified`)
    return n
  }

  requireInt(name: string): number {
    const v = this.int(name)
    if (v === undefined) throw Errors.badRequest(`${name} is empty`)
    return v
  }

  bool(name: string): boolean | undefined {
    const v = this.raw[name]
    if (v === undefined || v === null || v === '') return undefined
    if (typeof v === 'boolean') return v
    return v === 'true' || v === '1' || v === 1
  }

  /** A JSON-typed parameter (object/array), given as JSON value or JSON string. */
  json<T>(name: string): T | undefined {
    const v = this.raw[name]
    if (v === undefined || v === null || v === '') return undefined
    if (typeof v !== 'string') return v as T
    try {
      return JSON.parse(v) as T
    } catch {
      throw Errors.badRequest(`can't parse ${name} JSON object`)
    }
  }

  /**
   * Resolves an InputFile-or-string parameter: an uploaded part
   * (`attach://<id>` or a part named like the parameter) or a string
   * (file_id or URL).
   */
  inputFile(name: string): { upload: UploadedPart } | { ref: string } | undefined {
    const v = this.str(name)
    if (v?.startsWith('attach://')) {
      const part = this.files.get(v.slice('attach://'.length))
      if (!part) throw Errors.badRequest(`file attach://${v.slice(9)} not found`)
      return { upload: part }
    }
    const direct = this.files.get(name)
    if (direct) return { upload: direct }
    return v === undefined ? undefined : { ref: v }
  }
}
