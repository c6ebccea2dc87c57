import type { Prisma } from '../../db/client.ts'
import type { Placement } from '../../telegram/sending/telegram-sender.ts'
import { splitMessageText } from '../../telegram/split-text.ts'
import type { DeliveryJob, NotifierDeps } from './notification-kind.ts'

/** A file carried by a relayed message (stored in the event's data). */
export interface RelayedFile {
  kind: 'PHOTO' | 'DOCUMENT'
  fileId: string
}

/** The file of a relay event, if any. */
export function relayedFile(data: Prisma.JsonValue | null): RelayedFile | null {
  const file = (data as { file?: { kind?: unknown; fileId?: unknown } } | null)?.file
  if (!file || (file.kind !== 'PHOTO' && file.kind !== 'DOCUMENT') || typeof file.fileId !== 'string') return null
  return { kind: file.kind, fileId: file.fileId }
}

/** Where one relayed message goes; `name` keys the job's progress for it. */
export interface RelayTarget {
  name: string
  chatId: bigint
  where: Placement
}

/** Sends the text (split if long) and the file, skipping parts an earlier run of the job already sent. */
export async function sendRelayed(
  deps: NotifierDeps,
  job: DeliveryJob,
  target: RelayTarget,
  message: { text: string; file: RelayedFile | null },
  record: { complaintId: string; purpose: 'RELAY_TO_CONSUMER' | 'RELAY_TO_STATION' },
): Promise<void> {
  const { chatId, where } = target
  const parts = message.text.trim() === '' ? [] : splitMessageText(message.text)
  const steps = [...parts.map((part) => ({ part })), ...(message.file ? [{ file: message.file }] : [])]
  const alreadySent = job.progress.get(target.name) ?? 0
  for (const [index, step] of steps.entries()) {
    if (index < alreadySent) continue
    const sent =
      'part' in step
        ? await deps.sender.sendHtml(Number(chatId), step.part, where)
        : await deps.sender.sendEvidence(Number(chatId), step.file, where)
    await deps.db.chatMessage.create({
      data: { ...record, chatId, messageId: sent.message_id, threadId: where.threadId ?? null },
    })
    await job.progress.set(target.name, index + 1)
  }
}
