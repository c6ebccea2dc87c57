import { userInfo } from 'node:os'
import type { AuditActor } from '../services/audit/audit-actor.ts'

/**
 * The person at the command line, for the audit log: the OS user (the one who ran sudo, when they did), else
 * `unknown` when the system cannot say (a container user without a passwd entry).
 */
export function cliActor(env: NodeJS.ProcessEnv): AuditActor {
  const named = [env.SUDO_USER, env.USER, env.LOGNAME].map((name) => name?.trim()).find((name) => name)
  if (named) return { via: 'CLI', user: named }
  try {
    return { via: 'CLI', user: userInfo().username }
  } catch {
    return { via: 'CLI', user: 'unknown' }
  }
}
