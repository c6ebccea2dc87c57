import { createBullBoard } from '@bull-board/api'
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter'
import { HonoAdapter } from '@bull-board/hono'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Hono } from 'hono'
import { basicAuth } from 'hono/basic-auth'
import { QUEUE_NAMES, type Queues } from '../queue/queues.ts'

export const DASHBOARD_PATH = '/admin/queues'

/**
 * Mounts the Bull Board dashboard at /admin/queues behind basic auth. Without ADMIN_QUEUES_USER and
 * ADMIN_QUEUES_PASSWORD the dashboard is not mounted at all: it can retry and delete jobs.
 */
export function mountQueueDashboard(
  app: Hono,
  queues: Queues,
  credentials: { user?: string | undefined; password?: string | undefined },
): boolean {
  if (!credentials.user || !credentials.password) return false
  const serverAdapter = new HonoAdapter(serveStatic).setBasePath(DASHBOARD_PATH)
  // @bull-board/hono pins its own copy of @bull-board/api; the two declare the same adapter interface.
  const adapter = serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter']
  createBullBoard({ queues: QUEUE_NAMES.map((name) => new BullMQAdapter(queues[name])), serverAdapter: adapter })
  app.use(`${DASHBOARD_PATH}`, basicAuth({ username: credentials.user, password: credentials.password }))
  app.use(`${DASHBOARD_PATH}/*`, basicAuth({ username: credentials.user, password: credentials.password }))
  app.route(DASHBOARD_PATH, serverAdapter.registerPlugin())
  return true
}
