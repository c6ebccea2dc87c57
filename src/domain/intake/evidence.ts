/**
 * Evidence attachments (photos, receipts, contracts) sent to the bot.
 */

/** At most this many attachments per submission. */
export const MAX_EVIDENCE_ATTACHMENTS = 9

/** Telegram `getFile` download limit for bots: 20 MB. */
export const MAX_EVIDENCE_FILE_BYTES = 20 * 1024 * 1024

export type EvidenceKind = 'photo' | 'document'

/** What the bot knows about an incoming file (from Telegram's `PhotoSize` / `Document`). */
export interface EvidenceFile {
  kind: EvidenceKind
  /** Bytes; Telegram may omit it, in which case size is not checked here. */
  size?: number
  /** Only checked for documents. */
  mimeType?: string
  /** Used for documents when the MIME type is missing or `application/octet-stream`. */
  fileName?: string
}

/** Stable error codes of {@link checkEvidence}. */
export const EVIDENCE_ERROR_CODES = [
  /** Already {@link MAX_EVIDENCE_ATTACHMENTS} attachments; carries `limit`. */
  'TOO_MANY',
  /** Larger than {@link MAX_EVIDENCE_FILE_BYTES}; carries `limit` and `size` in bytes. */
  'TOO_LARGE',
  /** A document that is not a PDF, image, office document or plain text. */
  'UNSUPPORTED_TYPE',
] as const

export type EvidenceErrorCode = (typeof EVIDENCE_ERROR_CODES)[number]

export type CheckEvidenceResult =
  | { ok: true }
  | { ok: false; error: 'TOO_MANY'; limit: number }
  | { ok: false; error: 'TOO_LARGE'; limit: number; size: number }
  | { ok: false; error: 'UNSUPPORTED_TYPE' }

/** Document MIME types accepted as evidence. */
export const ALLOWED_DOCUMENT_MIME_TYPES: ReadonlySet<string> = new Set([
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/bmp',
  'image/heic',
  'image/heif',
  'text/plain',
  'text/csv',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/rtf',
])

/** File name extensions accepted when a document has no useful MIME type. */
export const ALLOWED_DOCUMENT_EXTENSIONS: ReadonlySet<string> = new Set([
  'pdf',
  'jpg',
  'jpeg',
  'png',
  'webp',
  'gif',
  'bmp',
  'heic',
  'heif',
  'txt',
  'csv',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'ppt',
  'pptx',
  'odt',
  'ods',
  'odp',
  'rtf',
  'wps',
  'et',
  'dps',
])

/**
 * Checks whether one more attachment may be added.
 *
 * @param existingCount attachments already accepted for this submission.
 * Checks, in order: count, size, then (documents only) type by MIME, falling back to the file
 * name extension when the MIME type is absent or `application/octet-stream`.
 */
export function checkEvidence(existingCount: number, file: EvidenceFile): CheckEvidenceResult {
  if (existingCount >= MAX_EVIDENCE_ATTACHMENTS) {
    return { ok: false, error: 'TOO_MANY', limit: MAX_EVIDENCE_ATTACHMENTS }
  }
  if (file.size !== undefined && file.size > MAX_EVIDENCE_FILE_BYTES) {
    return { ok: false, error: 'TOO_LARGE', limit: MAX_EVIDENCE_FILE_BYTES, size: file.size }
  }
  if (file.kind === 'document' && !isAllowedDocument(file)) {
    return { ok: false, error: 'UNSUPPORTED_TYPE' }
  }
  return { ok: true }
}

function isAllowedDocument(file: EvidenceFile): boolean {
  const mime = file.mimeType?.split(';')[0]?.trim().toLowerCase() ?? ''
  if (mime !== '' && mime !== 'application/octet-stream') return ALLOWED_DOCUMENT_MIME_TYPES.has(mime)
  const extension = /\.([a-z0-9]+)$/i.exec(file.fileName?.trim() ?? '')?.[1]?.toLowerCase()
  return extension !== undefined && ALLOWED_DOCUMENT_EXTENSIONS.has(extension)
}
