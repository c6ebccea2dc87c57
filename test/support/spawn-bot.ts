/**
 * Runs a bot entry point as a real child process (`node --import tsx <entry>`)
 * and collects its output line by line. Every spawned child is killed after
 * the test file (test/support/per-file.ts) and on process exit, even when a
 * test fails.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

/** Repository root (cwd of spawned bots, so `--import tsx` resolves from node_modules). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface SpawnOptions {
  /** Working directory (default: repo root). */
  cwd?: string
  /** Also print the child's output to the test's stderr (default: env DEBUG_BOT is set). */
  echo?: boolean
  /** Extra node flags, e.g. ['--enable-source-maps']. */
  nodeArgs?: string[]
}

export interface ExitInfo {
  code: number | null
  signal: NodeJS.Signals | null
}

export interface BotProcess {
  readonly pid: number | undefined
  readonly child: ChildProcess
  /** stdout lines so far. */
  readonly stdout: string[]
  /** stderr lines so far. */
  readonly stderr: string[]
  /** stdout + stderr interleaved, for failure messages. */
  output(): string
  /** Resolves with the first (past or future) output line matching. */
  waitForLine(match: string | RegExp, opts?: { timeout?: number }): Promise<string>
  /** Resolves when the process exits (rejects after `timeout`, default 10 s). */
  waitForExit(opts?: { timeout?: number }): Promise<ExitInfo>
  /** Sends a signal (default SIGTERM). */
  kill(signal?: NodeJS.Signals): void
  /** SIGTERM, then SIGKILL after `graceMs` (default 5 s); resolves on exit. */
  stop(graceMs?: number): Promise<ExitInfo>
  readonly exited: boolean
}

const live = new Set<ChildProcess>()

function killAll(): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
  live.clear()
}

process.once('exit', killAll)

/** Kills every child still running and waits for them to exit; test/support/per-file.ts runs it after each file. */
export async function killSpawnedProcesses(): Promise<void> {
  const pending = [...live].map(
    (c) =>
      new Promise<void>((resolve) =>
        c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve()),
      ),
  )
  killAll()
  await Promise.all(pending)
}

/** Spawns `node --import tsx <entry>` with `env` merged over process.env. */
export function spawnBot(
  entry: string,
  env: Record<string, string | undefined> = {},
  opts: SpawnOptions = {},
): BotProcess {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', entry], {
    cwd: opts.cwd ?? REPO_ROOT,
    env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  live.add(child)
  const stdout: string[] = []
  const stderr: string[] = []
  const all: string[] = []
  const listeners = new Set<(line: string) => void>()
  const echo = opts.echo ?? Boolean(process.env.DEBUG_BOT)
  let exitInfo: ExitInfo | undefined
  const exitWaiters = new Set<(info: ExitInfo) => void>()

  const collect = (stream: NodeJS.ReadableStream, sink: string[], tag: string): void => {
    createInterface({ input: stream }).on('line', (line) => {
      sink.push(line)
      all.push(`[${tag}] ${line}`)
      if (echo) process.stderr.write(`[bot ${child.pid} ${tag}] ${line}\n`)
      for (const l of listeners) l(line)
    })
  }
  collect(child.stdout!, stdout, 'out')
  collect(child.stderr!, stderr, 'err')

  child.once('exit', (code, signal) => {
    live.delete(child)
    exitInfo = { code, signal }
    for (const w of exitWaiters) w(exitInfo)
  })

  const proc: BotProcess = {
    get pid() {
      return child.pid
    },
    child,
    stdout,
    stderr,
    get exited() {
      return exitInfo !== undefined
    },
    output: () => all.join('\n'),
    waitForLine(match, { timeout = 10_000 } = {}) {
      const test = (line: string): boolean => (typeof match === 'string' ? line.includes(match) : match.test(line))
      const existing = [...stdout, ...stderr].find(test)
      if (existing !== undefined) return Promise.resolve(existing)
      const failure = new Error()
      return new Promise((resolve, reject) => {
        const cleanup = (): void => {
          listeners.delete(onLine)
          exitWaiters.delete(onExit)
          clearTimeout(timer)
        }
        const onLine = (line: string): void => {
          if (test(line)) {
            cleanup()
            resolve(line)
          }
        }
        const onExit = (info: ExitInfo): void => {
          cleanup()
          failure.message = `bot exited (code ${info.code}, signal ${info.signal}) before printing ${String(match)}.\nOutput:\n${proc.output()}`
          reject(failure)
        }
        const timer = setTimeout(() => {
          cleanup()
          failure.message = `bot did not print ${String(match)} within ${timeout} ms.\nOutput:\n${proc.output()}`
          reject(failure)
        }, timeout)
        listeners.add(onLine)
        if (exitInfo) onExit(exitInfo)
        else exitWaiters.add(onExit)
      })
    },
    waitForExit({ timeout = 10_000 } = {}) {
      if (exitInfo) return Promise.resolve(exitInfo)
      const failure = new Error()
      return new Promise((resolve, reject) => {
        const onExit = (info: ExitInfo): void => {
          clearTimeout(timer)
          resolve(info)
        }
        const timer = setTimeout(() => {
          exitWaiters.delete(onExit)
          failure.message = `bot (pid ${child.pid}) did not exit within ${timeout} ms.\nOutput:\n${proc.output()}`
          reject(failure)
        }, timeout)
        exitWaiters.add(onExit)
      })
    },
    kill(signal = 'SIGTERM') {
      if (!exitInfo) child.kill(signal)
    },
    async stop(graceMs = 5_000) {
      if (exitInfo) return exitInfo
      child.kill('SIGTERM')
      try {
        return await proc.waitForExit({ timeout: graceMs })
      } catch {
        child.kill('SIGKILL')
        return proc.waitForExit({ timeout: 5_000 })
      }
    },
  }
  return proc
}
