/** Media: sendPhoto / sendDocument / sendVoice / sendSticker and getFile. */
import type { Message, MessageEntity, PhotoSize } from 'grammy/types'
import { Errors } from '../api-error.ts'
import type { FileKind, StoredFile } from '../file-store.ts'
import type { Params } from '../params.ts'
import type { FakeState } from '../state.ts'
import { captionFields } from './messages.ts'
import { postBotMessage, writableChat } from './outgoing.ts'
import type { MethodTable } from './types.ts'

/** Resolves an InputFile parameter to a stored file (upload, known file_id, or URL). */
export function resolveInputFile(state: FakeState, params: Params, name: string, kind: FileKind): StoredFile {
  const input = params.inputFile(name)
  if (!input) throw Errors.badRequest(`there is no ${name} in the request`)
  if ('upload' in input) {
    return state.files.add({
      kind,
      bytes: input.upload.bytes,
      fileName: input.upload.filename,
      mimeType: input.upload.contentType === 'application/octet-stream' ? undefined : input.upload.contentType,
    })
  }
  if (/^https?:\/\//i.test(input.ref))
    return state.files.add({ kind, size: 1024, fileName: input.ref.split('/').pop() })
  const file = state.files.require(input.ref)
  if (file.kind !== kind && !(kind === 'document' && file.kind !== 'photo'))
    throw Errors.badRequest('type of file mismatch')
  return file
}

/** Photo sizes as Telegram returns them: a thumbnail plus the full size (largest last). */
export function photoSizes(state: FakeState, file: StoredFile, width = 1280, height = 960): PhotoSize[] {
  const scale = 90 / Math.max(width, height)
  const thumb = state.files.add({ kind: 'photo', size: 1500 })
  return [
    {
      file_id: thumb.fileId,
      file_unique_id: thumb.fileUniqueId,
      file_size: thumb.size,
      width: Math.round(width * scale),
      height: Math.round(height * scale),
    },
    { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.size, width, height },
  ]
}

function caption(params: Params): Partial<Message> {
  return captionFields(
    params.str('caption'),
    params.str('parse_mode'),
    params.json<MessageEntity[]>('caption_entities'),
  )
}

export const mediaMethods: MethodTable = {
  sendPhoto({ state, params }) {
    const chat = writableChat(state, params)
    const file = resolveInputFile(state, params, 'photo', 'photo')
    return postBotMessage(state, chat, params, { photo: photoSizes(state, file), ...caption(params) }).current
  },

  sendDocument({ state, params }) {
    const chat = writableChat(state, params)
    const file = resolveInputFile(state, params, 'document', 'document')
    return postBotMessage(state, chat, params, {
      document: {
        file_id: file.fileId,
        file_unique_id: file.fileUniqueId,
        file_size: file.size,
        ...(file.fileName ? { file_name: file.fileName } : {}),
        ...(file.mimeType ? { mime_type: file.mimeType } : {}),
      },
      ...caption(params),
    }).current
  },

  sendVoice({ state, params }) {
    const chat = writableChat(state, params)
    const file = resolveInputFile(state, params, 'voice', 'voice')
    return postBotMessage(state, chat, params, {
      voice: {
        file_id: file.fileId,
        file_unique_id: file.fileUniqueId,
        file_size: file.size,
        duration: params.int('duration') ?? 1,
        mime_type: 'audio/ogg',
      },
      ...caption(params),
    }).current
  },

  sendSticker({ state, params }) {
    const chat = writableChat(state, params)
    const file = resolveInputFile(state, params, 'sticker', 'sticker')
    return postBotMessage(state, chat, params, {
      sticker: {
        file_id: file.fileId,
        file_unique_id: file.fileUniqueId,
        file_size: file.size,
        type: 'regular',
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
        ...(params.str('emoji') ? { emoji: params.str('emoji') } : {}),
      },
    }).current
  },

  getFile({ state, params }) {
    return state.files.getFile(params.requireStr('file_id'))
  },
}
