/**
 * Chats as the Bot API answers about them: chat info, members and administrators, the bot leaving or being removed,
 * forum topics (rights, closed topics, deletion) and the menu button, with Telegram's error descriptions.
 */
import { Api } from 'grammy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeTelegram, type TestUser } from '../../src/simulator/bot-api/index.ts'
import type { GroupOptions } from '../../src/simulator/bot-api/test-group.ts'

let tg: FakeTelegram
let api: Api
let owner: TestUser
let staff: TestUser

beforeAll(async () => {
  tg = await FakeTelegram.start({ botUsername: 'grid_bot' })
  api = new Api(tg.token, { apiRoot: tg.apiRoot })
  owner = tg.user({ firstName: '张站长', startedBot: true })
  staff = tg.user({ firstName: '李网格', startedBot: true })
})
afterAll(async () => {
  await tg.stop()
})

const station = (opts: Omit<GroupOptions, 'title' | 'owner' | 'members'> = {}) =>
  tg.group({ title: '通惠联络站', owner, members: [staff], ...opts })

describe('chat info', () => {
  it('describes a private chat, a group with its permissions, and a chat found by @username', async () => {
    expect(await api.getChat(owner.id)).toMatchObject({ id: owner.id, type: 'private', first_name: '张站长' })
    expect(await api.getChat(owner.id)).not.toHaveProperty('permissions')
    const group = station({ username: 'tonghui_station' })
    expect(await api.getChat('@Tonghui_Station')).toMatchObject({
      id: group.id,
      type: 'supergroup',
      title: '通惠联络站',
      permissions: { can_send_messages: true },
    })
  })

  it('answers "chat not found" for an unknown chat, an unknown @username and a group the bot has left', async () => {
    const notFound = { error_code: 400, description: 'Bad Request: chat not found' }
    await expect(api.getChat(-123)).rejects.toMatchObject(notFound)
    await expect(api.getChat('@nobody_here')).rejects.toMatchObject(notFound)
    const left = tg.group({ title: 'old', members: [owner], botIsMember: false })
    await expect(api.getChat(left.id)).rejects.toMatchObject(notFound)
    const res = await fetch(`${tg.apiRoot}/bot${tg.token}/getChat`, { method: 'POST' })
    expect(await res.json()).toMatchObject({ error_code: 400, description: 'Bad Request: chat_id is empty' })
  })

  it('counts members with the bot, and without it once removed', async () => {
    const group = station({ botIsAdmin: true })
    expect(await api.getChatMemberCount(group.id)).toBe(3)
    expect(await api.getChatMemberCount(owner.id)).toBe(2)
    group.removeBot(owner)
    expect(await api.getChatMemberCount(group.id)).toBe(2)
  })
})

describe('members and administrators', () => {
  it('answers each member with their status and an administrator with their rights', async () => {
    const group = station({ botIsAdmin: true })
    const restricted = tg.user({ firstName: '受限' })
    const kicked = tg.user({ firstName: '被移出' })
    const admin = tg.user({ firstName: '管理' })
    group.setMember(restricted, 'restricted')
    group.setMember(kicked, 'kicked')
    group.setMember(admin, 'administrator', { can_pin_messages: false })
    expect(await api.getChatMember(group.id, owner.id)).toMatchObject({ status: 'creator' })
    expect(await api.getChatMember(group.id, staff.id)).toMatchObject({ status: 'member' })
    expect(await api.getChatMember(group.id, restricted.id)).toMatchObject({
      status: 'restricted',
      can_send_messages: false,
    })
    expect(await api.getChatMember(group.id, kicked.id)).toMatchObject({ status: 'kicked' })
    expect(await api.getChatMember(group.id, admin.id)).toMatchObject({
      status: 'administrator',
      can_pin_messages: false,
      can_manage_topics: true,
    })
    expect(await api.getChatMember(group.id, 42)).toMatchObject({ status: 'left', user: { id: 42 } })
    expect(group.botMember()).toMatchObject({ status: 'administrator', can_delete_messages: true })
  })

  it('lists the creator, the administrators and the bot when it is one', async () => {
    const group = tg.group({ title: '中心', owner, admins: [staff], botIsAdmin: true })
    const admins = await api.getChatAdministrators(group.id)
    expect(admins.map((m) => [m.user.id, m.status])).toEqual([
      [owner.id, 'creator'],
      [staff.id, 'administrator'],
      [tg.botInfo.id, 'administrator'],
    ])
    group.setBotAdmin(false)
    expect((await api.getChatAdministrators(group.id)).map((m) => m.user.id)).toEqual([owner.id, staff.id])
  })

  it('answers about a private chat as Telegram does', async () => {
    expect(await api.getChatMember(owner.id, owner.id)).toMatchObject({ status: 'member' })
    await expect(api.getChatMember(owner.id, staff.id)).rejects.toMatchObject({
      description: 'Bad Request: user not found',
    })
    await expect(api.getChatAdministrators(owner.id)).rejects.toMatchObject({
      description: 'Bad Request: there are no administrators in the private chat',
    })
  })
})

describe('the bot leaving or being removed', () => {
  it('leaves a group, after which writing there is forbidden; a private chat cannot be left', async () => {
    const group = station()
    expect(await api.leaveChat(group.id)).toBe(true)
    await expect(api.sendMessage(group.id, 'x')).rejects.toMatchObject({
      error_code: 403,
      description: 'Forbidden: bot is not a member of the supergroup chat',
    })
    await expect(api.leaveChat(owner.id)).rejects.toMatchObject({
      description: "Bad Request: chat member status can't be changed in private chats",
    })
  })

  it('tells the bot it was removed from a basic group, and refuses its messages there', async () => {
    const group = tg.group({ title: '小组', type: 'group', owner, botIsAdmin: true })
    group.removeBot(owner)
    expect(tg.pendingUpdates().at(-1)).toMatchObject({
      my_chat_member: { chat: { id: group.id, type: 'group' }, new_chat_member: { status: 'kicked' } },
    })
    await expect(api.sendMessage(group.id, 'x')).rejects.toMatchObject({
      error_code: 403,
      description: 'Forbidden: bot was kicked from the group chat',
    })
  })

  it('tells the bot it was added, with the service message the group shows', async () => {
    const group = station({ botIsMember: false })
    group.addBot(owner, { asAdmin: true, rights: { can_pin_messages: false } })
    const [added, joined] = tg.pendingUpdates().slice(-2)
    expect(added).toMatchObject({
      my_chat_member: { old_chat_member: { status: 'left' }, new_chat_member: { status: 'administrator' } },
    })
    expect(joined?.message?.new_chat_members?.[0]?.id).toBe(tg.botInfo.id)
    expect(await api.getChatMember(group.id, tg.botInfo.id)).toMatchObject({ can_pin_messages: false })
    group.addBot(owner)
    expect(group.botMember().status).toBe('member')
  })
})

describe('forum topics', () => {
  it('creates a topic with its icon, and refuses one in a plain group, without a name or without rights', async () => {
    const forum = station({ forum: true, botIsAdmin: true })
    const topic = await api.createForumTopic(forum.id, 'MS-1 牛奶过期', { icon_custom_emoji_id: '5312' })
    expect(topic).toMatchObject({ name: 'MS-1 牛奶过期', icon_color: 0x6fb9f0, icon_custom_emoji_id: '5312' })
    expect(forum.topic(topic.message_thread_id)).toMatchObject({ closed: false })
    await expect(api.createForumTopic(station().id, 'x')).rejects.toMatchObject({
      description: 'Bad Request: the chat is not a forum',
    })
    await expect(api.createForumTopic(forum.id, '')).rejects.toMatchObject({
      description: 'Bad Request: TOPIC_TITLE_EMPTY',
    })
    await expect(api.createForumTopic(forum.id, 'x'.repeat(129))).rejects.toMatchObject({
      description: 'Bad Request: TOPIC_TITLE_EMPTY',
    })
  })

  it('renames, closes and reopens a topic, answering TOPIC_NOT_MODIFIED when nothing changes', async () => {
    const forum = station({ forum: true, botIsAdmin: true })
    const { message_thread_id: id } = await api.createForumTopic(forum.id, 'MS-2')
    const notModified = { description: 'Bad Request: TOPIC_NOT_MODIFIED' }
    await expect(api.editForumTopic(forum.id, id, { name: 'MS-2' })).rejects.toMatchObject(notModified)
    await api.editForumTopic(forum.id, id, { name: 'MS-2 已受理', icon_custom_emoji_id: '77' })
    expect(forum.topic(id)).toMatchObject({ name: 'MS-2 已受理', icon_custom_emoji_id: '77' })
    await expect(api.reopenForumTopic(forum.id, id)).rejects.toMatchObject(notModified)
    await api.closeForumTopic(forum.id, id)
    expect(forum.topic(id)?.closed).toBe(true)
    await expect(api.closeForumTopic(forum.id, id)).rejects.toMatchObject(notModified)
    await api.reopenForumTopic(forum.id, id)
    expect(forum.topic(id)?.closed).toBe(false)
    await expect(api.editForumTopic(forum.id, 9999, { name: 'x' })).rejects.toMatchObject({
      description: 'Bad Request: message thread not found',
    })
  })

  it("lets the bot manage its own topics without rights, but not a member's, and not write into a closed one", async () => {
    const forum = station({ forum: true, botIsAdmin: true })
    const { message_thread_id: own } = await api.createForumTopic(forum.id, 'MS-3')
    const theirs = forum.createTopic('闲聊', owner)
    forum.setBotAdmin(false)
    await api.closeForumTopic(forum.id, own)
    await expect(api.sendMessage(forum.id, 'x', { message_thread_id: own })).rejects.toMatchObject({
      description: 'Bad Request: TOPIC_CLOSED',
    })
    await api.reopenForumTopic(forum.id, own)
    await api.editForumTopic(forum.id, own, { name: 'MS-3 改' })
    const refusals: [string, () => Promise<unknown>][] = [
      ['edit', () => api.editForumTopic(forum.id, theirs, { name: 'y' })],
      ['close', () => api.closeForumTopic(forum.id, theirs)],
      ['reopen', () => api.reopenForumTopic(forum.id, theirs)],
      ['delete', () => api.deleteForumTopic(forum.id, own)],
    ]
    for (const [what, call] of refusals)
      await expect(call(), what).rejects.toMatchObject({
        description: `Bad Request: not enough rights to ${what} a topic`,
      })
  })

  it('deletes a topic with every message in it', async () => {
    const forum = station({ forum: true, botIsAdmin: true })
    const { message_thread_id: id } = await api.createForumTopic(forum.id, 'MS-4')
    await api.sendMessage(forum.id, '卡片', { message_thread_id: id })
    await staff.sendInGroup(forum, '收到', { threadId: id })
    await api.sendMessage(forum.id, '总群消息')
    await api.deleteForumTopic(forum.id, id)
    expect(forum.topics()).toEqual([])
    expect(forum.history().map((m) => m.text)).toEqual(['总群消息'])
  })

  it('passes a topic a member opens to the bot', () => {
    const forum = station({ forum: true })
    const id = forum.createTopic('投诉讨论', staff, 0xff93b2)
    expect(tg.pendingUpdates().at(-1)?.message).toMatchObject({
      message_thread_id: id,
      forum_topic_created: { name: '投诉讨论', icon_color: 0xff93b2 },
    })
    expect(() => station().createTopic('x', staff)).toThrow(/is not a forum/)
  })
})

describe('the menu button', () => {
  it('answers the default button until one is set, for every chat or for one', async () => {
    expect(await api.getChatMenuButton()).toEqual({ type: 'commands' })
    await api.setChatMenuButton({ chat_id: owner.id, menu_button: { type: 'default' } })
    expect(await api.getChatMenuButton({ chat_id: owner.id })).toEqual({ type: 'default' })
    expect(await api.getChatMenuButton({ chat_id: staff.id })).toEqual({ type: 'commands' })
    await api.setChatMenuButton({})
    expect(await api.getChatMenuButton()).toEqual({ type: 'default' })
  })
})
