import type { Config } from '../config.ts'
import type { Database } from '../db/client.ts'
import type { Logger } from '../logging/logger.ts'
import type { Queues } from '../queue/queues.ts'
import type { Redis } from '../queue/redis.ts'
import { createComplaintFiling } from './intake/file-complaint.ts'
import { createOutbox } from './outbox/outbox.ts'
import { createPersonDirectory } from './people/person-directory.ts'
import { createComplaintRouting } from './routing/route-complaint.ts'

export interface ServiceDeps {
  config: Config
  db: Database
  redis: Redis
  queues: Queues
  log: Logger
}

/** Every use case the adapters (bot, workers, admin CLI) may call, built once per process. */
export function createServices(deps: ServiceDeps) {
  const { config, db, log } = deps
  const outbox = createOutbox({ db, queues: deps.queues, log })
  return {
    outbox,
    people: createPersonDirectory(db),
    filing: createComplaintFiling({
      db,
      outbox,
      log,
      trackingPrefix: config.TRACKING_PREFIX,
      maxPerDay: config.MAX_COMPLAINTS_PER_DAY,
    }),
    routing: createComplaintRouting({ db, outbox, log }),
  }
}

export type Services = ReturnType<typeof createServices>
