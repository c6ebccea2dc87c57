/**
 * The ticket lifecycle after delivery: actions on tickets, the consumer's own complaints, the two-way relay,
 * ratings and related complaints. Access is decided in services/access/access-policy.ts only.
 */
import type { Config } from '../../config.ts'
import type { Database } from '../../db/client.ts'
import type { Logger } from '../../logging/logger.ts'
import type { Redis } from '../../redis.ts'
import { relatedComplaints } from '../complaints/related-complaints.ts'
import type { Outbox } from '../outbox/outbox.ts'
import type { IdNumberCipher } from '../privacy/id-number-cipher.ts'
import { createTicketActions } from './act-on-ticket.ts'
import { checkCardPress, type PressedCard } from './card-copies.ts'
import { createConsumerComplaints } from './consumer-complaints.ts'
import { createPendingInputs } from './pending-input.ts'
import { createRelay } from './relay.ts'
import { createSatisfaction } from './satisfaction.ts'
import { createContactAccess } from './show-contact.ts'

export interface TicketsDeps {
  db: Database
  redis: Redis
  outbox: Outbox
  log: Logger
  config: Pick<Config, 'REDIS_PREFIX' | 'TRACKING_PREFIX' | 'LOCAL_TARGET_WORKING_DAYS'>
  idNumbers: IdNumberCipher
}

/** Ticket use cases, built once per process. */
export function createTickets(deps: TicketsDeps) {
  const { db, outbox, log, config } = deps
  return {
    ...createTicketActions({ db, outbox, log, localTargetWorkingDays: config.LOCAL_TARGET_WORKING_DAYS }),
    pendingInputs: createPendingInputs({ redis: deps.redis, prefix: config.REDIS_PREFIX, log: deps.log }),
    consumer: createConsumerComplaints({ db, outbox, log }),
    relay: createRelay({ db, outbox }),
    satisfaction: createSatisfaction({ db, outbox }),
    contact: createContactAccess({ db, idNumbers: deps.idNumbers }),
    /** Other open complaints about the same business at the same station (a possible group dispute). */
    relatedComplaints: (complaintId: string) => relatedComplaints(db, complaintId),
    /** Whether a pressed card is the ticket's live card or a duplicate copy of it. */
    checkCardPress: (pressed: PressedCard) => checkCardPress(db, pressed),
  }
}
