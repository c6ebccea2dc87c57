import type { User } from 'grammy/types'

/**
 * Who can be put in a group or act on it: a TestUser, or anything else holding a Telegram user. Its own file so
 * that test-group.ts need not import test-user.ts (which imports test-group.ts for "press in this group").
 */
export interface GroupMember {
  readonly id: number
  readonly user: User
}
