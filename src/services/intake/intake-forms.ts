import type { Database } from '../../db/client.ts'
import type { Logger } from '../../logging/logger.ts'
import type { Redis } from '../../redis.ts'
import type { IdNumberCipher } from '../privacy/id-number-cipher.ts'
import { createAreaPicker } from './area-picker.ts'
import { createFormStore } from './form-store.ts'

/** What the intake conversation needs besides filing: the forms in progress and the area directory. */
export function createIntakeForms(deps: {
  db: Database
  redis: Redis
  redisPrefix: string
  idNumbers: IdNumberCipher
  log: Logger
}) {
  return {
    forms: createFormStore({ redis: deps.redis, prefix: deps.redisPrefix, idNumbers: deps.idNumbers, log: deps.log }),
    areas: createAreaPicker({ db: deps.db }),
  }
}
