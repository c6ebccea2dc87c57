import type { ChatMember } from 'grammy/types'
import type { BotStandingInGroup, GroupRequirement } from '../../../services/access/group-readiness.ts'
import type { BotContext } from '../../context.ts'

/** The bot's standing in the current group, from getChatMember for itself and getMe. */
export async function readBotStanding(ctx: BotContext): Promise<BotStandingInGroup> {
  const member = await ctx.getChatMember(ctx.me.id)
  return standingOf(member, ctx)
}

/** The standing a chat-member record (e.g. from a my_chat_member update) describes. */
export function standingOf(member: ChatMember, ctx: BotContext): BotStandingInGroup {
  const chat = ctx.chat
  return {
    isAdmin: member.status === 'administrator' || member.status === 'creator',
    canManageTopics:
      member.status === 'creator' || (member.status === 'administrator' && member.can_manage_topics === true),
    canReadAllGroupMessages: ctx.me.can_read_all_group_messages,
    isForum: chat?.type === 'supergroup' && chat.is_forum === true,
  }
}

/** One line per missing requirement, localized. */
export function missingLines(ctx: BotContext, missing: readonly GroupRequirement[]): string[] {
  return missing.map((requirement) => ctx.t(`access:bind.notReady.${requirement}`))
}
