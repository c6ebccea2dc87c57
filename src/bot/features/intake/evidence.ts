// Photos and documents sent as evidence.
import type { Message } from 'grammy/types'
import type { EvidenceFile } from '../../../domain/intake-form/draft.ts'

/** The evidence file of a message (the largest size of a photo), or undefined if it carries none. */
export function evidenceOf(message: Message): EvidenceFile | undefined {
  const photo = message.photo?.at(-1)
  if (photo)
    return {
      kind: 'PHOTO',
      fileId: photo.file_id,
      fileUniqueId: photo.file_unique_id,
      ...(photo.file_size === undefined ? {} : { sizeBytes: photo.file_size }),
    }
  const document = message.document
  if (!document) return undefined
  return {
    kind: 'DOCUMENT',
    fileId: document.file_id,
    fileUniqueId: document.file_unique_id,
    ...(document.file_name === undefined ? {} : { fileName: document.file_name }),
    ...(document.mime_type === undefined ? {} : { mimeType: document.mime_type }),
    ...(document.file_size === undefined ? {} : { sizeBytes: document.file_size }),
  }
}
