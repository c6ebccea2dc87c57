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
 * - parse-mode.ts     HTML / MarkdownV2 parsing;  markup.ts  reply_markup
 * - test-user.ts / test-group.ts / chat-view.ts   test-facing handles
 * - waiting.ts        change feed and waitUntil;  transcript.ts  failure explanations
 */
export { FakeTelegram, type FakeTelegramOptions } from './fake-telegram.ts'
export { TestUser, type UserOptions, type PressOptions } from './test-user.ts'
export { TestGroup, type GroupOptions } from './test-group.ts'
export type { ChatView, NextMessageOptions } from './chat-view.ts'
export { Faults, type Fault, type FaultOptions } from './faults.ts'
export type { CallRecord, CallOutcome } from './call-log.ts'
export type { CallbackAnswer } from './state.ts'
export type { AdminRights } from './chat-store.ts'
export { MAX_DOWNLOAD_BYTES, generateBytes, sha256, type StoredFile } from './file-store.ts'
export { inlineButtons, findInlineButton } from './markup.ts'
export { ApiError, Errors } from './api-error.ts'
export { DEFAULT_TIMEOUT_MS } from './waiting.ts'
export { quietWindow } from './waiting.ts'
