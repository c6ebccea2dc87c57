import type { MemberRole } from '../generated/prisma/enums.ts'
import { AdminError } from './command.ts'

const ROLES: Readonly<Record<string, MemberRole>> = { staff: 'STAFF', liaison: 'LIAISON', admin: 'ADMIN' }

/** `staff`, `liaison` or `admin` (any case) as a MemberRole. */
export function parseRole(text: string): MemberRole {
  const role = ROLES[text.trim().toLowerCase()]
  if (!role) throw new AdminError(`--role ${text}: use staff, liaison or admin`)
  return role
}
