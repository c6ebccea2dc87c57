/**
 * HTTP transport of the fake Bot API: `POST|GET /bot<token>/<method>` with
 * Telegram's JSON envelope, and file downloads at
 * `GET /file/bot<token>/<file_path>`. Every call is logged, fault injection
 * is applied here, and method handlers do the rest.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ApiError, Errors } from './api-error.ts'
import type { CallRecord } from './call-log.ts'
import type { Fault } from './faults.ts'
import { findMethod } from './methods/index.ts'
import { Params } from './params.ts'
import { decodeParams, readBody } from './request-body.ts'
import type { FakeState } from './state.ts'

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.writableEnded) return
  const json = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) })
  res.end(json)
}

function numericChatId(params: Params): number | undefined {
  const raw = params.raw.chat_id
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : undefined
  return n
}

export class BotApiHttpServer {
  private readonly server: Server
  private address: AddressInfo | undefined

  constructor(private readonly state: FakeState) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        console.error('[fake-telegram] internal error', err)
        sendJson(res, 500, { ok: false, error_code: 500, description: 'Internal Server Error' })
      })
    })
    this.server.keepAliveTimeout = 60_000
  }

  /** Listens (127.0.0.1, random port by default) and returns the base URL. */
  async listen(host = '127.0.0.1', port = 0): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, host, () => resolve())
    })
    this.address = this.server.address() as AddressInfo
    return `http://${host}:${this.address.port}`
  }

  /** Answers pending long polls with [] and closes every connection. */
  async close(): Promise<void> {
    this.state.closing = true
    this.state.feed.notify()
    await sleep(10)
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake-telegram')
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname)
    if (file) return this.serveFile(res, file[1] ?? '', decodeURIComponent(file[2] ?? ''))

    const route = /^\/bot([^/]*)\/(?:test\/)?([^/]*)$/.exec(url.pathname)
    if (!route) return sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' })
    const token = route[1] ?? ''
    const requested = route[2] ?? ''
    const body = await readBody(req)
    let params: Params
    try {
      params = decodeParams(url, req.headers['content-type'], body)
    } catch {
      params = new Params({})
      return this.answer(res, this.record(requested, params), Errors.badRequest("can't parse request JSON object"))
    }
    const found = findMethod(requested)
    const call = this.record(found?.name ?? requested, params)
    if (token !== this.state.token) return this.answer(res, call, Errors.unauthorized())
    if (!found) return this.answer(res, call, Errors.notFound())

    const abort = new AbortController()
    res.on('close', () => {
      if (!res.writableEnded) abort.abort()
    })

    const fault = this.state.faults.take(call.method, call.chatId, params.raw)
    call.fault = fault
    if (fault?.kind === 'delay' && !fault.afterProcessing) await sleep(fault.ms)
    if (fault?.kind === 'drop_connection' && !fault.afterProcessing) return this.drop(req, call)
    const injected = fault ? faultError(fault) : undefined
    if (injected === 'html502') return this.badGateway(res, call)
    if (injected) return this.answer(res, call, injected)

    let result: unknown
    try {
      result = await found.handler({ state: this.state, params, call, signal: abort.signal })
    } catch (err) {
      if (err instanceof ApiError) return this.answer(res, call, err)
      throw err
    }
    if (fault?.kind === 'drop_connection') return this.drop(req, call)
    if (fault?.kind === 'delay' && fault.afterProcessing) await sleep(fault.ms)
    if (abort.signal.aborted) {
      this.finish(call, 'aborted', undefined)
      return
    }
    call.result = result
    this.finish(call, 'ok', 200)
    sendJson(res, 200, { ok: true, result })
  }

  private record(method: string, params: Params): CallRecord {
    const call = this.state.log.add({
      method,
      params: params.raw,
      uploads: [...params.files.values()].map((f) => ({ field: f.field, filename: f.filename, size: f.bytes.length })),
      chatId: numericChatId(params),
      startedAt: Date.now(),
      finishedAt: undefined,
      outcome: 'pending',
      status: undefined,
      result: undefined,
      error: undefined,
      fault: undefined,
    })
    if (method !== 'getUpdates') this.state.touch()
    else this.state.feed.notify()
    return call
  }

  private finish(call: CallRecord, outcome: CallRecord['outcome'], status: number | undefined): void {
    call.outcome = outcome
    call.status = status
    call.finishedAt = Date.now()
    if (call.method !== 'getUpdates') this.state.touch()
    else this.state.feed.notify()
  }

  private answer(res: ServerResponse, call: CallRecord, err: ApiError): void {
    call.error = {
      error_code: err.code,
      description: err.description,
      ...(err.parameters ? { parameters: err.parameters } : {}),
    }
    this.finish(call, 'error', err.code)
    sendJson(res, err.code, { ok: false, ...call.error })
  }

  private drop(req: IncomingMessage, call: CallRecord): void {
    this.finish(call, 'dropped', undefined)
    req.socket.destroy()
  }

  private badGateway(res: ServerResponse, call: CallRecord): void {
    call.error = { error_code: 502, description: 'Bad Gateway (HTML body)' }
    this.finish(call, 'error', 502)
    const html =
      '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n'
    res.writeHead(502, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(html) })
    res.end(html)
  }

  private serveFile(res: ServerResponse, token: string, filePath: string): void {
    if (token !== this.state.token) {
      sendJson(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' })
      return
    }
    const bytes = this.state.files.download(filePath)
    if (!bytes) {
      sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' })
      return
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length })
    res.end(bytes)
  }
}

/** The error envelope a fault produces ('html502' = nginx HTML page, not JSON). */
function faultError(fault: Fault): ApiError | 'html502' | undefined {
  switch (fault.kind) {
    case 'too_many_requests':
      return Errors.tooManyRequests(fault.retryAfter)
    case 'blocked':
      return Errors.blockedByUser()
    case 'server_error':
      return fault.status === 502 ? 'html502' : Errors.internal()
    case 'api_error':
      return new ApiError(fault.code, fault.description, fault.parameters)
    default:
      return undefined
  }
}
