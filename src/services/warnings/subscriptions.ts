// Consumers' subscriptions to the warnings of areas (and optionally only some topics).
import type { Database } from '../../db/client.ts'
import { isTopic } from '../../domain/warnings/topics.ts'
import { createOfferWanted } from './offer-wanted.ts'
import { areaAndAncestors } from './warning-authority.ts'

/** One subscription as its owner sees it. */
export interface Subscription {
  id: number
  areaCode: string
  /** Empty: every topic. */
  categories: string[]
}

/** At most this many topics per subscription (the list must fit a message and a keyboard). */
export const MAX_TOPICS = 10

export type SubscribeResult =
  | { status: 'subscribed'; subscription: Subscription }
  | { status: 'already'; subscription: Subscription }
  | { status: 'unknown-area' }

/**
 * Subscriptions by area. Every method takes the person whose subscriptions they are: an id from a button is looked
 * up together with its owner, so a forged or stale one is simply not found.
 */
export function createSubscriptions({ db }: { db: Database }) {
  const own = (personId: number, id: number) => db.warningSubscription.findFirst({ where: { id, personId } })
  const offerWanted = createOfferWanted(db)
  const view = (row: { id: number; areaCode: string; categories: string[] }): Subscription => ({
    id: row.id,
    areaCode: row.areaCode,
    categories: row.categories,
  })

  return {
    /**
     * Subscribes the person to an area (every topic). Subscribing is also a sign of life: a person marked
     * unreachable after blocking the bot, who subscribes again, receives warnings again.
     */
    async subscribe(personId: number, areaCode: string, locale?: string): Promise<SubscribeResult> {
      if ((await areaAndAncestors(db, areaCode)).length === 0) return { status: 'unknown-area' }
      const existing = await db.warningSubscription.findUnique({ where: { personId_areaCode: { personId, areaCode } } })
      await db.person.updateMany({
        where: { id: personId, reachable: false },
        data: { reachable: true, unreachableSince: null },
      })
      if (existing) return { status: 'already', subscription: view(existing) }
      const created = await db.warningSubscription.upsert({
        where: { personId_areaCode: { personId, areaCode } },
        create: { personId, areaCode, locale: locale ?? null },
        update: {},
      })
      return { status: 'subscribed', subscription: view(created) }
    },

    /** Adds a topic to the person's subscription; undefined when it is not theirs (or no longer exists). */
    async addTopic(personId: number, id: number, topic: string): Promise<Subscription | undefined> {
      const row = await own(personId, id)
      if (!row || !isTopic(topic)) return undefined
      if (row.categories.includes(topic) || row.categories.length >= MAX_TOPICS) return view(row)
      return view(
        await db.warningSubscription.update({ where: { id }, data: { categories: [...row.categories, topic] } }),
      )
    },

    /** Back to every topic. */
    async clearTopics(personId: number, id: number): Promise<Subscription | undefined> {
      const row = await own(personId, id)
      if (!row) return undefined
      return view(await db.warningSubscription.update({ where: { id }, data: { categories: [] } }))
    },

    /** One subscription of the person's. */
    async get(personId: number, id: number): Promise<Subscription | undefined> {
      const row = await own(personId, id)
      return row ? view(row) : undefined
    },

    /** The person's subscriptions, oldest first. */
    async list(personId: number): Promise<Subscription[]> {
      const rows = await db.warningSubscription.findMany({ where: { personId }, orderBy: { id: 'asc' } })
      return rows.map(view)
    },

    /** Removes one of the person's subscriptions; the removed one, or undefined when it was not theirs or gone. */
    async remove(personId: number, id: number): Promise<Subscription | undefined> {
      const row = await own(personId, id)
      if (!row) return undefined
      await db.warningSubscription.deleteMany({ where: { id, personId } })
      return view(row)
    },

    /**
     * Whether to offer the warnings of `areaCode` after a filing: not when a subscription already covers it, nor
     * once the person has said no to an offer (it is asked once).
     */
    offerWanted,

    /** The area of the business of one of the person's own complaints (the offer's subject); undefined otherwise. */
    async complaintArea(personId: number, complaintId: string): Promise<string | undefined> {
      const complaint = await db.complaint.findFirst({
        where: { id: complaintId, consumerId: personId },
        select: { areaCode: true },
      })
      return complaint?.areaCode ?? undefined
    },

    /** The person said no to the offer: it is not made again. */
    async declineOffer(personId: number): Promise<void> {
      await db.warningOfferDecline.upsert({ where: { personId }, create: { personId }, update: {} })
    },
  }
}
