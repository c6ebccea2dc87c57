import type { Message } from 'grammy/types'
import type { AddedFile } from '../../../services/tickets/consumer-complaints.ts'

/** The photo (largest size) or document a message carries, as the tickets services store it. */
export function fileOf(msg: Message): AddedFile | undefined {
  const photo = msg.photo?.at(-1)
  if (photo)
    return { kind: 'PHOTO', fileId: photo.file_id, fileUniqueId: photo.file_unique_id, sizeBytes: photo.file_size }
  const document = msg.document
  if (document) {
    return {
      kind: 'DOCUMENT',
      fileId: document.file_id,
      fileUniqueId: document.file_unique_id,
      fileName: document.file_name,
      mimeType: document.mime_type,
      sizeBytes: document.file_size,
    }
  }
  return undefined
}

/** Text (or caption) and file of a message to relay; undefined when there is neither (stickers, service messages…). */
export function relayContentOf(
  msg: Message,
): { text?: string; file?: { kind: 'PHOTO' | 'DOCUMENT'; fileId: string; fileUniqueId: string } } | undefined {
  const file = fileOf(msg)
  const text = msg.text ?? msg.caption
  if (!file && !text) return undefined
  return {
    ...(text ? { text } : {}),
    ...(file ? { file: { kind: file.kind, fileId: file.fileId, fileUniqueId: file.fileUniqueId } } : {}),
  }
}
