// The bot's memory as production runs it: the compiled build (the Dockerfile's CMD, `node [flags] dist/main.js`,
// ROLE=bot, webhook mode) in a process of its own, its Bot API answered by a local HTTP stand-in; RSS read from /proc idle and after N
// consumers each opened a complaint form (/start, 📝 投诉, the business's name).
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Update } from 'grammy/types'
import { LocalBotApi } from './local-bot-api.ts'
import { benchUser, pressUpdate, textUpdate } from './updates.ts'

const WEBHOOK_SECRET = 'bench-webhook-secret-0123456789'
const CONCURRENT_CONSUMERS = 50
let lostUpdates = 0

/** Targets for the compiled bot's RSS, MiB (issue 13). */
export const TARGET_IDLE_MIB = 120
export const TARGET_FORMS_MIB = 200

export interface MemoryFigures {
  idleMiB: number
  openFormsMiB: number
  /** 30 s after the last update, once V8's memory reducer has run. */
  settledMiB: number
  peakMiB: number
  forms: number
  /** The bot process's CPU time per update while the forms were opened (user + system). */
  cpuMsPerUpdate: number
  /** The Node flags it ran with (the Dockerfile's CMD). */
  nodeFlags: string[]
}

/** The arguments the production image gives node before `dist/main.js` (the Dockerfile's `CMD ["node", …]`). */
export function productionNodeFlags(): string[] {
  const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8')
  const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)
  const args = cmd ? (JSON.parse(cmd[1]!) as string[]) : []
  if (args[0] !== 'node' || args.at(-1) !== 'dist/main.js')
    throw new Error('the Dockerfile runs no `node … dist/main.js`')
  return args.slice(1, -1)
}

/** The variables the production image sets (`ENV NAME=value` in the Dockerfile's runtime stage), MALLOC_ARENA_MAX among them. */
export function productionEnvironment(): Record<string, string> {
  const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8')
  const runtime = dockerfile.slice(dockerfile.indexOf(' AS runtime'))
  return Object.fromEntries([...runtime.matchAll(/^ENV (\w+)=(\S+)$/gm)].map((match) => [match[1]!, match[2]!]))
}

/** User and system CPU time of a process so far, in ms (/proc/<pid>/stat, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

function rssMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((text) => text.startsWith(`${field}:`))
  return Number(/(\d+)/.exec(line ?? '')?.[1]) / 1024
}

/** A Bot API over HTTP answered by {@link LocalBotApi}: what the child process talks to instead of Telegram. */
async function serveBotApi(api: LocalBotApi): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const method = request.url?.split('/').at(-1) ?? ''
      const body =
        chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {}
      void Promise.resolve(api.transformer(undefined as never, method as never, body as never)).then((answer) => {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer))
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return server
}

/** Starts `node dist/main.js`; resolves with the process and its HTTP port once it logged that it started. */
function startBot(env: Record<string, string>, nodeFlags: string[]): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, 'dist/main.js'], {
      env: { PATH: process.env.PATH ?? '', ...productionEnvironment(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8')
      const started = /"httpPort":(\d+)[^\n]*grid-12315-bot started/.exec(output)
      if (started) resolve({ child, port: Number(started[1]) })
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8')
    })
    child.on('exit', (code) => reject(new Error(`the bot exited with ${code}:\n${output.slice(-2000)}`)))
  })
}

async function post(port: number, update: Update): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
    body: JSON.stringify(update),
  }).catch((error: unknown) => {
    // A reset connection under load: the update is lost like a webhook delivery Telegram would retry; counted.
    lostUpdates++
    if (lostUpdates <= 3)
      console.error(`webhook request failed: ${error instanceof Error ? error.message : String(error)}`)
    return undefined
  })
  if (!response) return
  // 500: the bot took over 10 s (a loaded machine); it still handles the update, as it would Telegram's.
  if (!response.ok && response.status !== 500) throw new Error(`webhook answered ${response.status}`)
}

const UPDATES_PER_FORM = 3

/** One consumer opens a complaint form and answers its first question ({@link UPDATES_PER_FORM} updates). */
async function openForm(port: number, api: LocalBotApi, userId: number): Promise<void> {
  const user = benchUser(userId)
  await post(port, textUpdate(user, '/start'))
  const menu = api.findButton(userId, /^m:c$/)
  if (!menu) return
  await post(port, pressUpdate(user, menu.messageId, menu.data))
  await post(port, textUpdate(user, '好又多超市'))
}

/** RSS of the compiled bot idle and with `forms` consumers holding an open form; node flags as in production. */
export async function measureMemory(
  env: Record<string, string>,
  forms: number,
  nodeFlags = productionNodeFlags(),
): Promise<MemoryFigures> {
  const api = new LocalBotApi()
  const botApi = await serveBotApi(api)
  const apiPort = (botApi.address() as AddressInfo).port
  const { child, port } = await startBot(
    {
      ...env,
      ROLE: 'bot',
      BOT_MODE: 'webhook',
      WEBHOOK_URL: 'http://127.0.0.1:1',
      WEBHOOK_SECRET,
      HTTP_PORT: '0',
      TELEGRAM_API_ROOT: `http://127.0.0.1:${apiPort}`,
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
    },
    nodeFlags,
  )
  try {
    await new Promise((resolve) => setTimeout(resolve, 3000))
    const idleMiB = rssMiB(child.pid!, 'VmRSS')
    console.log(`  idle: RSS ${idleMiB.toFixed(0)} MiB`)
    const cpuBefore = cpuMs(child.pid!)
    let next = 0
    await Promise.all(
      Array.from({ length: CONCURRENT_CONSUMERS }, async () => {
        while (next < forms) {
          const index = next++
          await openForm(port, api, 5_000_000 + index)
          if ((index + 1) % 1000 === 0)
            console.log(`  ${index + 1} forms opened: RSS ${rssMiB(child.pid!, 'VmRSS').toFixed(0)} MiB`)
        }
      }),
    )
    const cpuMsPerUpdate = (cpuMs(child.pid!) - cpuBefore) / (forms * UPDATES_PER_FORM)
    await new Promise((resolve) => setTimeout(resolve, 5000))
    if (lostUpdates > 0) console.log(`  ${lostUpdates} webhook requests failed (connection reset)`)
    const openFormsMiB = rssMiB(child.pid!, 'VmRSS')
    // V8's memory reducer starts 8 s after allocation slows down: what a bot between bursts holds.
    await new Promise((resolve) => setTimeout(resolve, 25_000))
    const settledMiB = rssMiB(child.pid!, 'VmRSS')
    return { idleMiB, openFormsMiB, settledMiB, peakMiB: rssMiB(child.pid!, 'VmHWM'), forms, cpuMsPerUpdate, nodeFlags }
  } finally {
    child.removeAllListeners('exit')
    child.kill('SIGTERM')
    await new Promise((resolve) => child.once('exit', resolve))
    botApi.close()
  }
}

/** Prints the figures as a table against the targets. */
export function printMemory(memory: MemoryFigures): void {
  const verdict = (ok: boolean) => (ok ? 'OK' : 'ABOVE TARGET')
  const malloc = productionEnvironment().MALLOC_ARENA_MAX
  console.log(
    `| RSS of ${malloc ? `MALLOC_ARENA_MAX=${malloc} ` : ''}node ${[...memory.nodeFlags, 'dist/main.js'].join(' ')} | MiB | target |`,
  )
  console.log(`|---|---|---|`)
  console.log(
    `| idle (started, before the first update) | ${memory.idleMiB.toFixed(0)} | ≤ ${TARGET_IDLE_MIB} ${verdict(memory.idleMiB <= TARGET_IDLE_MIB)} |`,
  )
  console.log(
    `| ${memory.forms} consumers with an open form (5 s after the last update) | ${memory.openFormsMiB.toFixed(0)} | ≤ ${TARGET_FORMS_MIB} ${verdict(memory.openFormsMiB <= TARGET_FORMS_MIB)} |`,
  )
  console.log(
    `| the same 30 s after the last update (V8's memory reducer has run) | ${memory.settledMiB.toFixed(0)} | ≤ ${TARGET_FORMS_MIB} ${verdict(memory.settledMiB <= TARGET_FORMS_MIB)} |`,
  )
  console.log(`| peak (VmHWM) | ${memory.peakMiB.toFixed(0)} | |`)
  console.log(`bot process CPU while the forms were opened: ${memory.cpuMsPerUpdate.toFixed(3)} ms per update`)
}
