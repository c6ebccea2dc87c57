/**
 * What a client attaches when a user sends a photo, a document, a sticker or a voice message: the file is
 * registered in the file store (so the bot can getFile it) and described as Telegram describes it.
 */
import type { Message } from 'grammy/types'
import type { FileStore } from './file-store.ts'

/** A photo (bytes, or a size for generated content) with its 90-pixel thumbnail. */
export function photoContent(
  files: FileStore,
  content: Uint8Array | number,
  opts: { caption?: string; width?: number; height?: number },
): Partial<Message> {
  const file = files.add(
    typeof content === 'number' ? { kind: 'photo', size: content } : { kind: 'photo', bytes: content },
  )
  const width = opts.width ?? 1280
  const height = opts.height ?? 960
  const thumb = files.add({ kind: 'photo', size: 1500 })
  const s = 90 / Math.max(width, height)
  return {
    photo: [
      {
        file_id: thumb.fileId,
        file_unique_id: thumb.fileUniqueId,
        file_size: thumb.size,
        width: Math.round(width * s),
        height: Math.round(height * s),
      },
      { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.size, width, height },
    ],
    ...(opts.caption ? { caption: opts.caption } : {}),
  }
}

/** A document: `bytes`, or `size` for generated content (above 20 MB no bytes exist). */
export function documentContent(
  files: FileStore,
  opts: { fileName?: string; mimeType?: string; size?: number; bytes?: Uint8Array; caption?: string },
): Partial<Message> {
  const file = files.add({
    kind: 'document',
    ...(opts.bytes ? { bytes: opts.bytes } : { size: opts.size ?? 1024 }),
    fileName: opts.fileName ?? 'file.bin',
    mimeType: opts.mimeType ?? 'application/octet-stream',
  })
  return {
    document: {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      file_size: file.size,
      file_name: opts.fileName ?? 'file.bin',
      mime_type: opts.mimeType ?? 'application/octet-stream',
    },
    ...(opts.caption ? { caption: opts.caption } : {}),
  }
}

export function stickerContent(files: FileStore, opts: { emoji?: string }): Partial<Message> {
  const file = files.add({ kind: 'sticker', size: 20_000 })
  return {
    sticker: {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      file_size: file.size,
      type: 'regular',
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
      emoji: opts.emoji ?? '👍',
    },
  }
}

export function voiceContent(files: FileStore, opts: { duration?: number; size?: number }): Partial<Message> {
  const file = files.add({ kind: 'voice', size: opts.size ?? 8_000 })
  return {
    voice: {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      file_size: file.size,
      duration: opts.duration ?? 3,
      mime_type: 'audio/ogg',
    },
  }
}
