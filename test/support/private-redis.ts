import { type ChildProcess, spawn } from 'node:child_process'
import { Redis } from 'ioredis'
import { freePort } from './local-server.ts'

export interface PrivateRedis {
  url: string
  /** Kills the server (SIGKILL): to the bot, Redis has gone away. */
  kill(): Promise<void>
}

/**
 * A redis-server of one test's own, on a free port, without persistence: for tests that take Redis away, which
 * they must never do to the shared server.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort()
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  process.once('exit', () => child.kill('SIGKILL'))
  const url = `redis://127.0.0.1:${port}`
  await untilAnswering(url)
  return {
    url,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}

/** Waits for the server to accept connections (it takes a few milliseconds to start). */
async function untilAnswering(url: string): Promise<void> {
  const probe = new Redis(url, { retryStrategy: () => 20, maxRetriesPerRequest: null })
  probe.on('error', () => undefined)
  try {
    await probe.ping()
  } finally {
    probe.disconnect()
  }
}
