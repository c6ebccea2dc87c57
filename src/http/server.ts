import { type ServerType, serve } from '@hono/node-server'
import { type Context, type Handler, Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { Logger } from '../logging/logger.ts'

export interface HealthProbe {
  name: string
  check(): Promise<boolean>
}

export interface HttpServer {
  app: Hono
  port(): number
  close(): Promise<void>
}

/** Conditions worth an operator's attention that do not make the process unhealthy, by name. */
export type HealthWarnings = () => Promise<Record<string, string>>

/**
 * The process's HTTP side: /healthz now; the webhook, /metrics and the queue dashboard mount onto `app`. Warnings
 * (e.g. next year's holiday calendar missing) are reported in a `warnings` field without changing the status.
 * A failed request is logged through `log` (redacted like every other record), never printed by Hono to stderr.
 */
export function createHttpApp(
  probes: readonly HealthProbe[],
  log: Pick<Logger, 'error'>,
  warnings?: HealthWarnings,
): Hono {
  const app = new Hono()
  app.onError((error, c) => {
    // A deliberate answer (the dashboard's 401 with its WWW-Authenticate header), not a failure.
    if (error instanceof HTTPException) return error.getResponse()
    log.error({ err: error, method: c.req.method, path: c.req.path }, 'HTTP request failed')
    return c.text('Internal Server Error', 500)
  })
  app.get('/healthz', async (c) => {
    const results = await Promise.all(
      probes.map(async (probe) => [probe.name, await probe.check().catch(() => false)] as const),
    )
    const healthy = results.every(([, ok]) => ok)
    const warned = warnings ? await warnings().catch(() => ({})) : {}
    const body = {
      status: healthy ? 'ok' : 'degraded',
      checks: Object.fromEntries(results.map(([name, ok]) => [name, ok ? 'up' : 'down'])),
      ...(Object.keys(warned).length > 0 ? { warnings: warned } : {}),
    }
    return c.json(body, healthy ? 200 : 503)
  })
  return app
}

/** A route mounted before the server listens whose handler arrives later; until then it answers 503. */
export interface DeferredRoute {
  set(handler: Handler): void
}

/**
 * Mounts POST `path` now (Hono cannot add routes once serving) and lets the handler be set once it exists. The
 * route takes JSON: a body that is not JSON is answered 400, not with the 500 of a failed handler.
 */
export function deferredPost(app: Hono, path: string): DeferredRoute {
  let current: Handler | undefined
  app.post(path, async (c, next) => {
    if (!current) return c.text('starting', 503)
    try {
      return await current(c, next)
    } catch (error) {
      if (await bodyIsJson(c)) throw error
      return c.text('the body is not JSON', 400)
    }
  })
  return {
    set: (handler) => {
      current = handler
    },
  }
}

/** Whether the request's body parses as JSON (Hono keeps the body, so a handler's own attempt is read again). */
function bodyIsJson(c: Context): Promise<boolean> {
  return c.req.json().then(
    () => true,
    () => false,
  )
}

/** Starts listening; resolves once the port is bound. */
export function listen(app: Hono, port: number, hostname = '0.0.0.0'): Promise<HttpServer> {
  return new Promise((resolve) => {
    const server: ServerType = serve({ fetch: app.fetch, port, hostname }, (info) => {
      resolve({
        app,
        port: () => info.port,
        close: () =>
          new Promise((done) => {
            server.close(() => done())
            closeIdleConnections(server)
          }),
      })
    })
  })
}

function closeIdleConnections(server: ServerType): void {
  if ('closeAllConnections' in server && typeof server.closeAllConnections === 'function') server.closeAllConnections()
}
