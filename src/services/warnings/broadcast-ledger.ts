// The broadcast's ledger in PostgreSQL (warning_delivery): claiming recipients and recording what happened.
import type { Database } from '../../db/client.ts'
import type { DeliveryCounts } from '../../domain/warnings/broadcast-progress.ts'

/** A recipient a run has claimed. */
export interface ClaimedRecipient {
  chatId: number
  personId: number
  subscriptionId: number
  locale: string | null
}

/** The status a finished send leaves behind. */
export type DeliveryEnd = 'SENT' | 'UNCONFIRMED' | 'BLOCKED' | 'FAILED'

/**
 * Every write names the run (`claimedBy`) and the status it expects, so a run only ever records what it claimed
 * itself, and a recipient claimed by two runs (one of them presumed dead) is sent to by at most one.
 */
export function createBroadcastLedger(db: Database) {
  return {
    /**
     * A previous run of the warning died (or Redis lost its job): what it had claimed goes back to pending, and what
     * it was sending becomes UNCONFIRMED: the request may have reached Telegram, so it is never sent again.
     */
    async recover(warningId: number): Promise<{ released: number; unconfirmed: number }> {
      const released = await db.warningDelivery.updateMany({
        where: { warningId, status: 'CLAIMED' },
        data: { status: 'PENDING', claimedBy: null, updatedAt: new Date() },
      })
      const unconfirmed = await db.warningDelivery.updateMany({
        where: { warningId, status: 'SENDING' },
        data: { status: 'UNCONFIRMED', updatedAt: new Date() },
      })
      return { released: released.count, unconfirmed: unconfirmed.count }
    },

    /** Claims up to `limit` pending recipients for the run (rows locked by another claim are skipped). */
    async claim(warningId: number, runId: string, limit: number): Promise<ClaimedRecipient[]> {
      const rows = await db.$queryRaw<
        { chat_id: string; person_id: number; subscription_id: number; locale: string | null }[]
      >`
        UPDATE warning_delivery d SET status = 'CLAIMED', claimed_by = ${runId}, updated_at = now()
          FROM (SELECT chat_id FROM warning_delivery WHERE warning_id = ${warningId} AND status = 'PENDING'
                 ORDER BY chat_id LIMIT ${limit} FOR UPDATE SKIP LOCKED) c, person p
         WHERE d.warning_id = ${warningId} AND d.chat_id = c.chat_id AND p.id = d.person_id
        RETURNING d.chat_id::text, d.person_id, d.subscription_id,
          COALESCE(p.locale, (SELECT s.locale FROM warning_subscription s WHERE s.id = d.subscription_id)) AS locale`
      return rows.map((row) => ({
        chatId: Number(row.chat_id),
        personId: row.person_id,
        subscriptionId: row.subscription_id,
        locale: row.locale,
      }))
    },

    /** The slot is granted and the request leaves next: false when the row is no longer this run's to send. */
    async markSending(warningId: number, chatId: number, runId: string): Promise<boolean> {
      const { count } = await db.warningDelivery.updateMany({
        where: { warningId, chatId: BigInt(chatId), claimedBy: runId, status: 'CLAIMED' },
        data: { status: 'SENDING', attempts: { increment: 1 }, updatedAt: new Date() },
      })
      return count === 1
    },

    /** Telegram certainly did not deliver (429, or a failure before the request arrived): claimed again, to retry. */
    async unmark(warningId: number, chatId: number, runId: string): Promise<void> {
      await db.warningDelivery.updateMany({
        where: { warningId, chatId: BigInt(chatId), claimedBy: runId, status: 'SENDING' },
        data: { status: 'CLAIMED', updatedAt: new Date() },
      })
    },

    /** Records how the send ended (also over an UNCONFIRMED another run presumed, when the answer came after all). */
    async finish(
      warningId: number,
      chatId: number,
      runId: string,
      end: DeliveryEnd,
      detail: { messageId?: number; error?: string } = {},
    ): Promise<void> {
      await db.warningDelivery.updateMany({
        where: {
          warningId,
          chatId: BigInt(chatId),
          claimedBy: runId,
          status: { in: ['CLAIMED', 'SENDING', 'UNCONFIRMED'] },
        },
        data: {
          status: end,
          messageId: detail.messageId ?? null,
          lastError: detail.error?.slice(0, 500) ?? null,
          updatedAt: new Date(),
        },
      })
    },

    /** Gives claimed recipients back (the run stops: paused, cancelled, shutting down). */
    async release(warningId: number, runId: string): Promise<void> {
      await db.warningDelivery.updateMany({
        where: { warningId, claimedBy: runId, status: 'CLAIMED' },
        data: { status: 'PENDING', claimedBy: null, updatedAt: new Date() },
      })
    },

    /** How many recipients are where. */
    async counts(warningId: number): Promise<DeliveryCounts> {
      const groups = await db.warningDelivery.groupBy({ by: ['status'], where: { warningId }, _count: true })
      const of = (...statuses: string[]) =>
        groups.filter((g) => statuses.includes(g.status)).reduce((sum, g) => sum + g._count, 0)
      return {
        sent: of('SENT'),
        unconfirmed: of('UNCONFIRMED'),
        blocked: of('BLOCKED'),
        failed: of('FAILED'),
        left: of('PENDING', 'CLAIMED', 'SENDING'),
      }
    },
  }
}
