/**
 * Files known to the fake Bot API: uploaded by users (so the bot can
 * getFile + download them) or by the bot (so it can re-send them by file_id).
 * Large files can be registered by size only: no bytes are allocated, which
 * is enough to exercise Telegram's 20 MB getFile limit.
 */
import { createHash } from 'node:crypto'
import type { File as TgFile } from 'grammy/types'
import { Errors } from './api-error.ts'

/** Bot API limit for getFile / downloads. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024

export type FileKind = 'photo' | 'document' | 'voice' | 'sticker' | 'video' | 'audio' | 'animation' | 'video_note'

const FOLDER: Record<FileKind, string> = {
  photo: 'photos',
  document: 'documents',
  voice: 'voice',
  sticker: 'stickers',
  video: 'videos',
  audio: 'music',
  animation: 'animations',
  video_note: 'video_notes',
}

export interface StoredFile {
  readonly fileId: string
  readonly fileUniqueId: string
  readonly kind: FileKind
  readonly size: number
  /** Undefined for size-only files (> 20 MB, never downloadable anyway). */
  readonly bytes: Buffer | undefined
  readonly fileName: string | undefined
  readonly mimeType: string | undefined
  /** Assigned on the first successful getFile, like Telegram. */
  filePath: string | undefined
}

/** Deterministic pseudo-random content, so tests need not ship fixtures. */
export function generateBytes(size: number, seed = 1): Buffer {
  const buf = Buffer.allocUnsafe(size)
  let x = (seed * 2654435761) >>> 0 || 1
  for (let i = 0; i < size; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    buf[i] = x & 0xff
  }
  return buf
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export class FileStore {
  private readonly byId = new Map<string, StoredFile>()
  private readonly byPath = new Map<string, StoredFile>()
  private seq = 0

  /** Registers a file; pass `bytes`, or `size` alone for content-less (big) files. */
  add(input: { kind: FileKind; bytes?: Uint8Array; size?: number; fileName?: string; mimeType?: string }): StoredFile {
    const n = ++this.seq
    let bytes: Buffer | undefined = input.bytes ? Buffer.from(input.bytes) : undefined
    const size = bytes?.length ?? input.size ?? 0
    if (!bytes && size <= MAX_DOWNLOAD_BYTES) bytes = generateBytes(size, n)
    const file: StoredFile = {
      fileId: `${input.kind.toUpperCase()}-${n}-${Math.random().toString(36).slice(2, 10)}`,
      fileUniqueId: `U${n.toString(36)}${input.kind.slice(0, 2)}`,
      kind: input.kind,
      size,
      bytes,
      fileName: input.fileName,
      mimeType: input.mimeType,
      filePath: undefined,
    }
    this.byId.set(file.fileId, file)
    return file
  }

  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId)
  }

  /** Looks a file_id up, answering like Telegram when it is unknown. */
  require(fileId: string): StoredFile {
    const f = this.byId.get(fileId)
    if (!f) throw Errors.wrongFileId()
    return f
  }

  /** The getFile method: assigns a file_path; > 20 MB fails with "file is too big". */
  getFile(fileId: string): TgFile {
    const f = this.byId.get(fileId)
    if (!f) throw Errors.badRequest('invalid file_id')
    if (f.size > MAX_DOWNLOAD_BYTES) throw Errors.fileTooBig()
    if (!f.filePath) {
      const ext = extensionOf(f)
      f.filePath = `${FOLDER[f.kind]}/file_${this.byPath.size}${ext}`
      this.byPath.set(f.filePath, f)
    }
    return { file_id: f.fileId, file_unique_id: f.fileUniqueId, file_size: f.size, file_path: f.filePath }
  }

  /** Bytes served at /file/bot<token>/<file_path>. */
  download(filePath: string): Buffer | undefined {
    return this.byPath.get(filePath)?.bytes
  }
}

function extensionOf(f: StoredFile): string {
  const fromName = f.fileName && /\.[A-Za-z0-9]{1,8}$/.exec(f.fileName)?.[0]
  if (fromName) return fromName
  switch (f.kind) {
    case 'photo':
      return '.jpg'
    case 'voice':
      return '.oga'
    case 'sticker':
      return '.webp'
    case 'video':
    case 'animation':
    case 'video_note':
      return '.mp4'
    case 'audio':
      return '.mp3'
    default:
      return ''
  }
}
