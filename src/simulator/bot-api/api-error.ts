/**
 * Telegram Bot API error envelope and the exact error texts the real server
 * uses. Method handlers throw {@link ApiError}; the server turns it into
 * `{ ok: false, error_code, description, parameters? }` with the same HTTP
 * status code, exactly like api.telegram.org does.
 */
import type { ResponseParameters } from 'grammy/types'

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description)
    this.name = 'ApiError'
  }
}

/** Factories for the errors the fake can answer with (texts copied from Telegram). */
export const Errors = {
  unauthorized: () => new ApiError(401, 'Unauthorized'),
  notFound: () => new ApiError(404, 'Not Found'),
  badRequest: (what: string) => new ApiError(400, `Bad Request: ${what}`),
  forbidden: (what: string) => new ApiError(403, `Forbidden: ${what}`),
  conflict: (what: string) => new ApiError(409, `Conflict: ${what}`),
  tooManyRequests: (retryAfter: number) =>
    new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter }),
  internal: () => new ApiError(500, 'Internal Server Error'),

  chatNotFound: () => Errors.badRequest('chat not found'),
  blockedByUser: () => Errors.forbidden('bot was blocked by the user'),
  cantInitiate: () => Errors.forbidden("bot can't initiate conversation with a user"),
  messageTooLong: () => Errors.badRequest('message is too long'),
  captionTooLong: () => Errors.badRequest('message caption is too long'),
  textEmpty: () => Errors.badRequest('message text is empty'),
  notModified: () =>
    Errors.badRequest(
      'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    ),
  messageToEditNotFound: () => Errors.badRequest('message to edit not found'),
  messageToDeleteNotFound: () => Errors.badRequest('message to delete not found'),
  replyNotFound: () => Errors.badRequest('message to be replied not found'),
  messageCantBeEdited: () => Errors.badRequest("message can't be edited"),
  noTextToEdit: () => Errors.badRequest('there is no text in the message to edit'),
  fileTooBig: () => Errors.badRequest('file is too big'),
  wrongFileId: () => Errors.badRequest('wrong file identifier/HTTP URL specified'),
  threadNotFound: () => Errors.badRequest('message thread not found'),
  topicClosed: () => Errors.badRequest('TOPIC_CLOSED'),
  notAForum: () => Errors.badRequest('the chat is not a forum'),
  notEnoughRightsTopic: () => Errors.badRequest('not enough rights to create a topic'),
  queryTooOld: () => Errors.badRequest('query is too old and response timeout expired or query ID is invalid'),
  webhookActive: () =>
    Errors.conflict(
      "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    ),
  otherGetUpdates: () =>
    Errors.conflict('terminated by other getUpdates request; make sure that only one bot instance is running'),
} as const
