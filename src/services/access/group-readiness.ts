/**
 * What a Telegram group needs before it can be a station's ticket chat. Pure: the bot reads the facts from the
 * Bot API (getChatMember for itself, getMe) and the binding service decides.
 */

/** The bot's standing in a group, as the Bot API reports it. */
export interface BotStandingInGroup {
  /** The bot is an administrator (or, in odd set-ups, the creator). */
  isAdmin: boolean
  /** The administrator right to create, rename and close forum topics. */
  canManageTopics: boolean
  /** Privacy mode is off for the bot (getMe can_read_all_group_messages), so it sees every message. */
  canReadAllGroupMessages: boolean
  /** The group is a forum: each ticket gets a topic of its own. */
  isForum: boolean
}

/** One thing the bot is missing in a group; the bot explains each in the group's language. */
export type GroupRequirement = 'BOT_NOT_ADMIN' | 'CANNOT_MANAGE_TOPICS' | 'CANNOT_READ_MESSAGES'

/**
 * Everything missing for a ticket chat, empty when the group is ready:
 * - the bot must be an administrator (to pin cards and manage its messages);
 * - in a forum, it must be allowed to manage topics (one topic per ticket);
 * - it must see the staff's messages: an administrator always does, a member only with privacy mode off.
 */
export function missingGroupRequirements(standing: BotStandingInGroup): GroupRequirement[] {
  const missing: GroupRequirement[] = []
  if (!standing.isAdmin) missing.push('BOT_NOT_ADMIN')
  if (standing.isForum && !(standing.isAdmin && standing.canManageTopics)) missing.push('CANNOT_MANAGE_TOPICS')
  if (!standing.isAdmin && !standing.canReadAllGroupMessages) missing.push('CANNOT_READ_MESSAGES')
  return missing
}
