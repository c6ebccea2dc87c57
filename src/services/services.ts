import type { Config } from '../config.ts'
import type { Database } from '../db/client.ts'
import type { Logger } from '../logging/logger.ts'
import type { Redis } from '../queue/redis.ts'
import { createPersonDirectory } from './people/person-directory.ts'

export interface ServiceDeps {
  config: Config
  db: Database
  redis: Redis
  log: Logger
}

/** Every use case the adapters (bot, workers, admin CLI) may call, built once per process. */
export function createServices(deps: ServiceDeps) {
  return {
    people: createPersonDirectory(deps.db),
  }
}

export type Services = ReturnType<typeof createServices>
