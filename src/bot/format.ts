/** Escapes user text for Telegram's HTML parse mode; shared with the notifier, which lives in services. */
export { escapeHtml } from '../services/delivery/html.ts'
