import { setTimeout as sleep } from 'node:timers/promises'
import type { Database, Prisma } from '../../db/client.ts'
import { parseTrackingNumber } from '../../domain/intake/tracking-number.ts'
import { MAX_MESSAGE_LENGTH } from '../../telegram/split-text.ts'
import { loadActor, rolesOnComplaint } from '../access/access-policy.ts'
import { notificationJob } from '../notifications/registry.ts'
import { type Outbox, recordOutboxJobs } from '../outbox/outbox.ts'

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
  /** True when the message replied to is the bot's own. */
  replyToBot?: boolean | undefined
  /** Text of the bot's message being replied to, as Telegram repeats it in the reply. */
  replyToBotText?: string | undefined
}

export type RelayResult =
  | { status: 'relayed'; direction: 'to-consumer' | 'to-station'; complaintId: string; trackingNumber: string }
  /** Staff talk in a ticket's topic that is not a reply to the consumer: kept on the ticket, never sent. */
  | { status: 'noted'; complaintId: string; trackingNumber: string }
  /** Not about any ticket the bot knows (not a reply to a ticket message, not in a ticket topic). */
  | { status: 'not-mapped' }
  /** About a ticket, but the person may not speak for it. */
  | { status: 'forbidden' }

/** What a message is, once mapped to its ticket. */
type Mapped = { complaintId: string; kind: 'from-consumer' | 'to-consumer' | 'internal-note' }

/** In a consumer's chat: a reply to these is the consumer speaking. */
const CONSUMER_FACING = new Set(['STATUS_UPDATE', 'RELAY_TO_CONSUMER'])
/** In a station's group: a reply to these (the card, what the consumer sent) is meant for the consumer. */
const ANSWERS_THE_CONSUMER = new Set(['TICKET_CARD', 'RELAY_TO_STATION', 'EVIDENCE'])
/**
 * How long to look again for a bot message that is not recorded yet: the worker records what it sent only after
 * Telegram answered, and a reply can arrive first. About 3 s in all.
 */
const LOOKUP_RETRIES_MS: readonly number[] = [100, 200, 400, 800, 1500]

/**
 * The two-way relay between a ticket's handlers and its consumer. Messages map to tickets by the ChatMessage rows
 * of what the bot sent: a reply to a status message in the consumer's chat, a reply to the card or to a message
 * of the consumer in the station's group, a reply to the card in a liaison's chat. Handlers speak as the station;
 * the consumer is never shown who wrote. Any other message in the ticket's forum topic (or a reply there to
 * something else) is staff talk: an internal note on the ticket, never sent to the consumer.
 */
export function createRelay(deps: { db: Database; outbox: Outbox }) {
  const { db, outbox } = deps

  async function mapMessage(personId: number, place: MessagePlace): Promise<Mapped | undefined> {
    const chatId = BigInt(place.chatId)
    const isPrivate = place.chatType === 'private'
    const meaningOf = (purpose: string): Mapped['kind'] => {
      if (isPrivate) return CONSUMER_FACING.has(purpose) ? 'from-consumer' : 'to-consumer'
      return ANSWERS_THE_CONSUMER.has(purpose) ? 'to-consumer' : 'internal-note'
    }
    if (place.replyToMessageId !== undefined) {
      const messageId = place.replyToMessageId
      const find = () => db.chatMessage.findUnique({ where: { chatId_messageId: { chatId, messageId } } })
      let row = await find()
      // Every message to a consumer names its tracking number: their own complaint named there maps the reply
      // at once, without waiting for the record of that message.
      const named = !row && isPrivate ? await complaintNamedIn(place.replyToBotText) : undefined
      if (named && named.consumerId === personId) return { complaintId: named.id, kind: 'from-consumer' }
      if (!row && place.replyToBot && mayBeTicketMessage(place.replyToBotText)) row = await findLater(find)
      if (row) return { complaintId: row.complaintId, kind: meaningOf(row.purpose) }
      if (named) return { complaintId: named.id, kind: 'from-consumer' }
    }
    if (!isPrivate && place.threadId !== undefined) {
      const card = await db.chatMessage.findFirst({
        where: { chatId, threadId: place.threadId, purpose: 'TICKET_CARD' },
      })
      if (card) return { complaintId: card.complaintId, kind: 'internal-note' }
    }
    return undefined
  }

  /** Looks again for a bot message whose record the worker may not have written yet. */
  async function findLater<T>(find: () => Promise<T | null>): Promise<T | null> {
    for (const wait of LOOKUP_RETRIES_MS) {
      await sleep(wait)
      const row = await find()
      if (row) return row
    }
    return null
  }

  /** A bot message about a ticket names its tracking number, or is a file (evidence, a relayed photo). */
  function mayBeTicketMessage(text: string | undefined): boolean {
    return !text || parseTrackingNumber(text).ok
  }

  async function complaintNamedIn(text: string | undefined): Promise<{ id: string; consumerId: number } | undefined> {
    const parsed = text ? parseTrackingNumber(text) : undefined
    if (!parsed?.ok) return undefined
    const complaint = await db.complaint.findUnique({
      where: { trackingNumber: parsed.value.canonical },
      select: { id: true, consumerId: true },
    })
    return complaint ?? undefined
  }

  type Recorded = 'RELAY_TO_CONSUMER' | 'RELAY_TO_STATION' | 'INTERNAL_NOTE'
  const JOB_OF: Partial<Record<Recorded, 'relay-to-consumer' | 'relay-to-station'>> = {
    RELAY_TO_CONSUMER: 'relay-to-consumer',
    RELAY_TO_STATION: 'relay-to-station',
  }

  async function record(
    complaintId: string,
    personId: number,
    role: 'CONSUMER' | 'LIAISON' | 'STAFF' | 'ADMIN',
    action: Recorded,
    content: RelayContent,
  ) {
    const jobs = await db.$transaction(async (tx) => {
      const complaint = await tx.complaint.findUniqueOrThrow({ where: { id: complaintId }, select: { status: true } })
      const event = await tx.complaintEvent.create({
        data: {
          complaintId,
          actorId: personId,
          actorRole: role,
          action,
          fromStatus: complaint.status,
          toStatus: complaint.status,
          // Whole (Telegram's own limit): sendRelayed splits what one message cannot hold.
          note: content.text?.trim().slice(0, MAX_MESSAGE_LENGTH) || null,
          data: (content.file ? { file: content.file } : {}) as Prisma.InputJsonObject,
        },
      })
      const type = JOB_OF[action]
      const jobs = type ? [notificationJob({ type, complaintId, eventId: event.id.toString() })] : []
      await recordOutboxJobs(tx, jobs)
      return jobs
    })
    await outbox.dispatch(jobs)
  }

  /**
   * Relays a message from whoever wrote it, in the direction its place implies, or keeps it as an internal note
   * (staff talk in a ticket's topic).
   */
  async function relayMessage(personId: number, place: MessagePlace, content: RelayContent): Promise<RelayResult> {
    const mapped = await mapMessage(personId, place)
    if (!mapped) return { status: 'not-mapped' }
    const complaint = await db.complaint.findUnique({ where: { id: mapped.complaintId } })
    if (!complaint) return { status: 'not-mapped' }
    const roles = rolesOnComplaint(await loadActor(db, personId), complaint)
    const role =
      mapped.kind === 'from-consumer' ? roles.find((r) => r === 'CONSUMER') : roles.find((r) => r !== 'CONSUMER')
    if (!role) return { status: 'forbidden' }
    const { id: complaintId, trackingNumber } = complaint
    if (mapped.kind === 'internal-note') {
      await record(complaintId, personId, role, 'INTERNAL_NOTE', content)
      return { status: 'noted', complaintId, trackingNumber }
    }
    await record(complaintId, personId, role, role === 'CONSUMER' ? 'RELAY_TO_STATION' : 'RELAY_TO_CONSUMER', content)
    return {
      status: 'relayed',
      direction: role === 'CONSUMER' ? 'to-station' : 'to-consumer',
      complaintId,
      trackingNumber,
    }
  }

  /** Relays a consumer's message to the handlers of a complaint they picked (after "which complaint?"). */
  async function relayFromConsumer(personId: number, complaintId: string, content: RelayContent): Promise<RelayResult> {
    const complaint = await db.complaint.findUnique({ where: { id: complaintId } })
    if (!complaint) return { status: 'not-mapped' }
    if (!rolesOnComplaint(await loadActor(db, personId), complaint).includes('CONSUMER')) return { status: 'forbidden' }
    await record(complaint.id, personId, 'CONSUMER', 'RELAY_TO_STATION', content)
    return {
      status: 'relayed',
      direction: 'to-station',
      complaintId: complaint.id,
      trackingNumber: complaint.trackingNumber,
    }
  }

  return { relayMessage, relayFromConsumer }
}
