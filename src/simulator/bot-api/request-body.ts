/**
 * Decodes a Bot API request body. Telegram accepts query strings,
 * application/x-www-form-urlencoded, application/json and multipart/form-data
 * (used by grammY whenever an InputFile is uploaded). The multipart parser is
 * deliberately minimal: text fields and file parts, no nesting.
 */
import type { IncomingMessage } from 'node:http'
import { Params, type UploadedPart } from './params.ts'

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** Builds {@link Params} from the URL query plus the body according to its content type. */
export function decodeParams(url: URL, contentType: string | undefined, body: Buffer): Params {
  const raw: Record<string, unknown> = {}
  for (const [k, v] of url.searchParams) raw[k] = v
  const files = new Map<string, UploadedPart>()
  const type = (contentType ?? '').toLowerCase()
  if (body.length === 0) return new Params(raw, files)
  if (type.startsWith('application/json')) {
    const parsed: unknown = JSON.parse(body.toString('utf8'))
    if (parsed && typeof parsed === 'object') Object.assign(raw, parsed)
  } else if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '')
    const b = boundary?.[1] ?? boundary?.[2]
    if (!b) throw new Error('multipart body without boundary')
    for (const part of parseMultipart(body, b)) {
      if (part.filename === undefined) raw[part.name] = part.data.toString('utf8')
      else
        files.set(part.name, {
          field: part.name,
          filename: part.filename,
          contentType: part.contentType ?? 'application/octet-stream',
          bytes: part.data,
        })
    }
  } else {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) raw[k] = v
  }
  return new Params(raw, files)
}

export interface MultipartPart {
  name: string
  filename?: string
  contentType?: string
  data: Buffer
}

/** Splits a multipart/form-data body into its parts (RFC 7578, minimal). */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`\r\n--${boundary}`)
  // Prefix CRLF so that the first delimiter looks like all the others.
  const buf = Buffer.concat([Buffer.from('\r\n'), body])
  const parts: MultipartPart[] = []
  let pos = buf.indexOf(delimiter)
  while (pos !== -1) {
    let start = pos + delimiter.length
    if (buf.subarray(start, start + 2).toString() === '--') break // closing delimiter
    start += 2 // CRLF after delimiter
    const next = buf.indexOf(delimiter, start)
    if (next === -1) break
    const headerEnd = buf.indexOf('\r\n\r\n', start)
    if (headerEnd === -1 || headerEnd > next) break
    const headers = buf.subarray(start, headerEnd).toString('utf8').split('\r\n')
    const data = buf.subarray(headerEnd + 4, next)
    let name = ''
    let filename: string | undefined
    let contentType: string | undefined
    for (const line of headers) {
      const idx = line.indexOf(':')
      if (idx === -1) continue
      const key = line.slice(0, idx).trim().toLowerCase()
      const value = line.slice(idx + 1).trim()
      if (key === 'content-disposition') {
        name =
          /\bname=(?:"([^"]*)"|([^;]*))/i
            .exec(value)
            ?.slice(1)
            .find((x) => x !== undefined) ?? ''
        const fn = /\bfilename=(?:"([^"]*)"|([^;]*))/i.exec(value)
        if (fn) filename = (fn[1] ?? fn[2] ?? '').trim()
      } else if (key === 'content-type') contentType = value
    }
    parts.push({ name: name.trim(), filename, contentType, data: Buffer.from(data) })
    pos = next
  }
  return parts
}
