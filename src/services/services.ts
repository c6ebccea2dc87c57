import type { Config } from '../config.ts'
import type { Database } from '../db/client.ts'
import type { Logger } from '../logging/logger.ts'
import type { Queues } from '../queue/queues.ts'
import type { Redis } from '../redis.ts'
import { createAccess } from './access/access-service.ts'
import { createInvites } from './access/invites.ts'
import { loadTicketCardView } from './complaints/ticket-card-view.ts'
import { createDeadlines } from './deadlines/deadlines.ts'
import { createDirectory } from './directory/directory.ts'
import type { Translate } from './hot-spots/describe-hot-spot.ts'
import { hotSpotDraft } from './hot-spots/hot-spot-drafts.ts'
import { createComplaintFiling } from './intake/file-complaint.ts'
import { createIntakeForms } from './intake/intake-forms.ts'
import { deliverWaitingCards } from './notifications/kinds/ticket-card.ts'
import { createNoticeResends } from './notifications/notice-resends.ts'
import { notificationPriority } from './notifications/registry.ts'
import { createOutbox } from './outbox/outbox.ts'
import { createPersonDirectory } from './people/person-directory.ts'
import { createIdNumberCipher } from './privacy/id-number-cipher.ts'
import { createComplaintRouting } from './routing/route-complaint.ts'
import { createUpdateReads } from './state/update-reads.ts'
import { createStatistics } from './statistics/statistics-service.ts'
import { createTickets } from './tickets/tickets.ts'
import { createWarnings } from './warnings/warnings-service.ts'

export interface ServiceDeps {
  config: Config
  db: Database
  redis: Redis
  queues: Queues
  log: Logger
  /** The clock of the deadline work and of routing's receipt stamp; tests pass a controlled one. */
  now?: () => Date
}

/** Every use case the adapters (bot, workers, admin CLI) may call, built once per process. */
export function createServices(deps: ServiceDeps) {
  const { config, db, log } = deps
  const outbox = createOutbox({
    db,
    queues: deps.queues,
    log,
    priorityOf: (payload) => notificationPriority(payload.type),
  })
  const invites = createInvites({ db })
  const idNumbers = createIdNumberCipher(Buffer.from(config.ID_ENCRYPTION_KEY, 'base64'))
  const people = createPersonDirectory({ db, redis: deps.redis, redisPrefix: config.REDIS_PREFIX, log })
  const intake = createIntakeForms({ db, redis: deps.redis, redisPrefix: config.REDIS_PREFIX, idNumbers, log })
  const access = createAccess({
    db,
    redis: deps.redis,
    log,
    config,
    invites,
    onStationBound: (stationId) => deliverWaitingCards({ db, outbox }, stationId),
  })
  const tickets = createTickets({ db, redis: deps.redis, outbox, log, config, idNumbers })
  return {
    outbox,
    people,
    directory: createDirectory({ db }),
    invites,
    statistics: createStatistics(db),
    filing: createComplaintFiling({
      db,
      outbox,
      log,
      trackingPrefix: config.TRACKING_PREFIX,
      maxPerDay: config.MAX_COMPLAINTS_PER_DAY,
      idNumbers,
    }),
    routing: createComplaintRouting({
      db,
      outbox,
      log,
      localTargetWorkingDays: config.LOCAL_TARGET_WORKING_DAYS,
      hotSpotRule: { threshold: config.HOT_SPOT_THRESHOLD, windowDays: config.HOT_SPOT_WINDOW_DAYS },
      now: deps.now,
    }),
    /** What a ticket card shows; render it with renderTicketCard (telegram/render/ticket-card.ts). */
    ticketCards: { load: (complaintId: string) => loadTicketCardView(db, complaintId) },
    intake,
    access,
    tickets,
    /** An update's first Redis round trip and its read-through cache (services/state/update-reads.ts). */
    readForUpdate: createUpdateReads({
      rateLimit: access.rateLimit,
      people,
      forms: intake.forms,
      pendingInputs: tickets.pendingInputs,
    }),
    /** Undelivered notices sent again to a consumer who unblocked the bot (notifications/notice-resends.ts). */
    noticeResends: createNoticeResends({ db, outbox }),
    /** Read-only lookups of the deadline commands (memberships, cards). */
    deadlinesDb: db,
    /** Consumer warnings: subscriptions, drafts, broadcast controls (services/warnings/). */
    warnings: createWarnings({ db, queues: deps.queues }),
    hotSpots: {
      /** The prefilled warning of a hot-spot suggestion (hot-spot-drafts.ts); `zhCN` writes its draft text. */
      draft: (zhCN: Translate, personId: number, suggestionId: string) =>
        hotSpotDraft(db, zhCN, personId, suggestionId),
    },
    deadlines: createDeadlines({ db, outbox, log, now: deps.now, leadWorkingDays: config.REMINDER_LEAD_WORKING_DAYS }),
  }
}

export type Services = ReturnType<typeof createServices>
