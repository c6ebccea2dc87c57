// Starts bench/support/route-workers.ts as a child process (as ROLE=worker runs beside the bot in production) and
// feeds the cards it reports into a tally.
import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { CardTally } from './route-telegram.ts'
import type { FromWorkers, RouteWorkersOptions, ToWorkers } from './route-workers.ts'

const ENTRY = fileURLToPath(new URL('./route-workers.ts', import.meta.url))

export interface WorkerProcess {
  /** Drains the workers and waits for the process to end; returns the job timings when asked for. */
  close(timings: boolean): Promise<string | undefined>
  kill(): void
}

export async function startWorkerProcess(options: RouteWorkersOptions, tally: CardTally): Promise<WorkerProcess> {
  // execArgv is inherited: tsx's loader, and --cpu-prof when the benchmark is profiled.
  const child: ChildProcess = fork(ENTRY, [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  let closed: ((timings: string | undefined) => void) | undefined
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the worker process exited (${code}) before it was ready`)))
    child.on('message', (message: FromWorkers) => {
      if (message.type === 'card') tally.record(message.complaintId, message.sentAt)
      else if (message.type === 'ready') resolve()
      else if (message.type === 'closed') closed?.(message.timings)
    })
  })
  await ready
  return {
    async close(timings) {
      const result = new Promise<string | undefined>((resolve) => (closed = resolve))
      child.send({ type: 'close', timings } satisfies ToWorkers)
      const value = await Promise.race([result, exited.then(() => undefined)])
      await exited
      return value
    },
    kill() {
      if (child.exitCode === null) child.kill('SIGKILL')
    },
  }
}
