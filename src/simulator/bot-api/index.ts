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

export { FakeTelegram } from './fake-telegram.ts'
export { Faults } from './faults.ts'
export { generateBytes, MAX_DOWNLOAD_BYTES, sha256 } from './file-store.ts'
export { findInlineButton, inlineButtons } from './markup.ts'
export type { CallbackAnswer } from './state.ts'
export { TestGroup } from './test-group.ts'
export { TestUser } from './test-user.ts'
export { quietWindow } from './waiting.ts'
