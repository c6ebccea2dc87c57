import { parseTrackingNumber } from '../../domain/intake/tracking-number.ts'
import type { Database, Prisma } from '../../db/client.ts'
import { loadActor, rolesOnComplaint } from '../access/access-policy.ts'
import { notificationJob } from '../delivery/notifications.ts'
import { recordOutboxJobs, type Outbox } from '../outbox/outbox.ts'

/** A message to relay: text and/or one file. */
export interface RelayContent {
  text?: string | undefined
  file?: { kind: 'PHOTO' | 'DOCUMENT'; fileId: string } | undefined
}

/** Where a message was written: the chat, its forum topic, and the message it replies to. */
export interface MessagePlace {
  chatId: number
  /** Private chats are the consumer's or a liaison's; groups are stations'. */
  chatType: 'private' | 'group'
  threadId?: number | undefined
  replyToMessageId?: number | undefined
  /** Text of the bot's message being replied to, as Telegram repeats it in the reply. */
  replyToBotText?: string | undefined
}

export type RelayResult =
  | { status: 'relayed'; direction: 'to-consumer' | 'to-station'; complaintId: string; trackingNumber: string }
  /** Not about any ticket the bot knows (not a reply to a ticket message, not in a ticket topic). */
  | { status: 'not-mapped' }
  /** About a ticket, but the person may not speak for it. */
  | { status: 'forbidden' }

const MAX_TEXT = 3000
const CONSUMER_FACING = new Set(['STATUS_UPDATE', 'RELAY_TO_CONSUMER'])

/**
 * The two-way relay between a ticket's handlers and its consumer. Messages map to tickets by the ChatMessage rows
 * of what the bot sent: a reply to a status message in the consumer's chat, a reply to the card or a relayed
 * message (or any message in the ticket's forum topic) in the station's group, a reply to the card in a liaison's
 * chat. Handlers speak as the station; the consumer is never shown who wrote.
 */
export function createRelay(deps: { db: Database; outbox: Outbox }) {
  const { db, outbox } = deps

  async function mapMessage(place: MessagePlace): Promise<{ complaintId: string; consumerSide: boolean } | undefined> {
    const chatId = BigInt(place.chatId)
    if (place.replyToMessageId !== undefined) {
      const row = await db.chatMessage.findUnique({ where: { chatId_messageId: { chatId, messageId: place.replyToMessageId } } })
      if (row) return { complaintId: row.complaintId, consumerSide: place.chatType === 'private' && CONSUMER_FACING.has(row.purpose) }
      // The worker records what it sent only after Telegram answered, so a quick reply can beat that record;
      // every consumer-facing message names its tracking number, which maps it just as well.
      const byNumber = place.chatType === 'private' ? await complaintNamedIn(place.replyToBotText) : undefined
      if (byNumber) return { complaintId: byNumber, consumerSide: true }
    }
    if (place.chatType === 'group' && place.threadId !== undefined) {
      const card = await db.chatMessage.findFirst({ where: { chatId, threadId: place.threadId, purpose: 'TICKET_CARD' } })
      if (card) return { complaintId: card.complaintId, consumerSide: false }
    }
    return undefined
  }

  async function complaintNamedIn(text: string | undefined): Promise<string | undefined> {
    const parsed = text ? parseTrackingNumber(text) : undefined
    if (!parsed?.ok) return undefined
    const complaint = await db.complaint.findUnique({ where: { trackingNumber: parsed.value.canonical }, select: { id: true } })
    return complaint?.id
  }

  async function record(complaintId: string, personId: number, role: 'CONSUMER' | 'LIAISON' | 'STAFF' | 'ADMIN', content: RelayContent) {
    const toConsumer = role !== 'CONSUMER'
    const jobs = await db.$transaction(async (tx) => {
      const complaint = await tx.complaint.findUniqueOrThrow({ where: { id: complaintId }, select: { status: true } })
      const event = await tx.complaintEvent.create({
        data: {
          complaintId,
          actorId: personId,
          actorRole: role,
          action: toConsumer ? 'RELAY_TO_CONSUMER' : 'RELAY_TO_STATION',
          fromStatus: complaint.status,
          toStatus: complaint.status,
          note: content.text?.trim().slice(0, MAX_TEXT) || null,
          data: (content.file ? { file: content.file } : {}) as Prisma.InputJsonObject,
        },
      })
      const jobs = [notificationJob({ type: toConsumer ? 'relay-to-consumer' : 'relay-to-station', complaintId, eventId: event.id.toString() })]
      await recordOutboxJobs(tx, jobs)
      return jobs
    })
    await outbox.dispatch(jobs)
  }

  /** Relays a message from whoever wrote it, in the direction its place implies. */
  async function relayMessage(personId: number, place: MessagePlace, content: RelayContent): Promise<RelayResult> {
    const mapped = await mapMessage(place)
    if (!mapped) return { status: 'not-mapped' }
    const complaint = await db.complaint.findUnique({ where: { id: mapped.complaintId } })
    if (!complaint) return { status: 'not-mapped' }
    const roles = rolesOnComplaint(await loadActor(db, personId), complaint)
    const role = mapped.consumerSide ? roles.find((r) => r === 'CONSUMER') : roles.find((r) => r !== 'CONSUMER')
    if (!role) return { status: 'forbidden' }
    await record(complaint.id, personId, role, content)
    return { status: 'relayed', direction: role === 'CONSUMER' ? 'to-station' : 'to-consumer', complaintId: complaint.id, trackingNumber: complaint.trackingNumber }
  }

  /** Relays a consumer's message to the handlers of a complaint they picked (after "which complaint?"). */
  async function relayFromConsumer(personId: number, complaintId: string, content: RelayContent): Promise<RelayResult> {
    const complaint = await db.complaint.findUnique({ where: { id: complaintId } })
    if (!complaint) return { status: 'not-mapped' }
    if (!rolesOnComplaint(await loadActor(db, personId), complaint).includes('CONSUMER')) return { status: 'forbidden' }
    await record(complaint.id, personId, 'CONSUMER', content)
    return { status: 'relayed', direction: 'to-station', complaintId: complaint.id, trackingNumber: complaint.trackingNumber }
  }

  return { relayMessage, relayFromConsumer }
}

export type Relay = ReturnType<typeof createRelay>
