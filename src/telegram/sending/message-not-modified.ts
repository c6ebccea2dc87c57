import { GrammyError } from 'grammy'

/**
 * Telegram's answer to an edit that would change nothing (the same text and buttons, e.g. a button pressed twice):
 * not a failure, and no reason to send the view again as a new message.
 */
export function isMessageNotModified(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 400 && /message is not modified/i.test(error.description)
}
