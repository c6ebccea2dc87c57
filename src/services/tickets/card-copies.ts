import type { Database } from '../../db/client.ts'
import { messageLink } from '../complaints/related-complaints.ts'

/** Where a ticket-action button was pressed: the message and its chat. */
export interface PressedCard {
  complaintId: string
  chatId: number
  messageId: number
}

export type CardPress =
  /** The ticket's recorded card in that chat, or no card is recorded there yet (nothing to compare with). */
  | { status: 'live' }
  /**
   * Another message of ours with the ticket's buttons in a chat whose card is recorded: a second copy that
   * Telegram received although its answer was lost (or the worker died before recording it). Its buttons must
   * not act; `link` leads to the live card (supergroups only).
   */
  | { status: 'copy'; trackingNumber: string; link: string | null }

/**
 * Tells the live card of a ticket from a copy of it. A ticket has one recorded card per chat (TICKET_CARD in a
 * station's group, LIAISON_CARD in a liaison's chat); the card's message id is the authority, never the button.
 */
export async function checkCardPress(db: Database, pressed: PressedCard): Promise<CardPress> {
  const cards = await db.chatMessage.findMany({
    where: {
      complaintId: pressed.complaintId,
      chatId: BigInt(pressed.chatId),
      purpose: { in: ['TICKET_CARD', 'LIAISON_CARD'] },
    },
    select: { messageId: true, chatId: true, complaint: { select: { trackingNumber: true } } },
    orderBy: { id: 'asc' },
  })
  const live = cards[0]
  if (!live || cards.some((card) => card.messageId === pressed.messageId)) return { status: 'live' }
  return {
    status: 'copy',
    trackingNumber: live.complaint.trackingNumber,
    link: messageLink(live.chatId, live.messageId),
  }
}
