/**
 * The project's own Bot API server: the demo simulator and the end-to-end tests talk to it.
 *
 * Module map (one concept per file):
 * - fake-telegram.ts  FakeTelegram facade (start/stop, users, groups, faults, waiting)
 * - server.ts         HTTP transport, envelope, token check, fault application, file downloads
 * - request-body.ts   JSON / urlencoded / multipart decoding;  params.ts typed access
 * - methods/*         Bot API method handlers (bot, updates, messages, media, chats)
 * - update-queue.ts   getUpdates semantics;  call-log.ts  call history
 * - chat-store.ts     chats, members, topics, messages;  file-store.ts  files
 * - parse-mode.ts     applying parse_mode: parse-html.ts, parse-markdown.ts (MarkdownV2 and legacy Markdown),
 *                     formatted-text.ts (their result and errors);  markup.ts  reply_markup
 * - test-user.ts / test-group.ts / chat-view.ts   test-facing handles;  user-media.ts  what a user's photo,
 *                     document, sticker or voice carries;  group-member.ts  who can be put in a group
 * - waiting.ts        change feed and waitUntil;  transcript.ts  failure explanations
 */

export type { CallOutcome, CallRecord } from './call-log.ts'
export type { AdminRights } from './chat-store.ts'
export type { ChatView, NextMessageOptions } from './chat-view.ts'
export { FakeTelegram, type FakeTelegramOptions } from './fake-telegram.ts'
export { type Fault, type FaultOptions, Faults } from './faults.ts'
export { generateBytes, MAX_DOWNLOAD_BYTES, type StoredFile, sha256 } from './file-store.ts'
export { findInlineButton, inlineButtons } from './markup.ts'
export type { CallbackAnswer } from './state.ts'
export { type GroupOptions, TestGroup } from './test-group.ts'
export { type PressOptions, TestUser, type UserOptions } from './test-user.ts'
export { quietWindow } from './waiting.ts'
