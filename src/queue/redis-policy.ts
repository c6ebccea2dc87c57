import type { Logger } from '../logging/logger.ts'
import type { Redis } from './redis.ts'

/**
 * Warns unless Redis's `maxmemory-policy` is `noeviction`: under memory pressure any other policy silently
 * deletes queue keys (the outbox sweeper would recover the jobs, but late). Managed Redis services often
 * disable CONFIG; then the policy cannot be checked and we say so.
 */
export async function checkEvictionPolicy(redis: Redis, log: Logger): Promise<string | undefined> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[]
    const policy = reply[1]
    if (policy !== 'noeviction') log.warn({ policy }, 'Redis maxmemory-policy should be noeviction: queued jobs may be evicted')
    return policy
  } catch (error) {
    log.warn({ err: error }, 'could not read Redis maxmemory-policy (CONFIG disabled?); make sure it is noeviction')
    return undefined
  }
}
