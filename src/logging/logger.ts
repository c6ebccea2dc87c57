import { type Logger, type LoggerOptions, pino } from 'pino'
import { scrubRecord, scrubText } from './personal-data.ts'

export type { Logger }

/**
 * The one pino logger of a process. Every record passes through scrubRecord, so a phone number or a name
 * logged by mistake (in a message, an error or a Telegram update) still comes out masked.
 */
export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
  const config: LoggerOptions = {
    level: options.level,
    base: { service: 'grid-12315-bot' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { log: (record) => scrubRecord(record) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        // pino takes msg from a lone Error's message after formatters ran, so give it a scrubbed one.
        const [first, ...rest] = args as unknown[]
        const withMessage = first instanceof Error && rest.length === 0 ? [{ err: first }, first.message] : args
        const scrubbed = withMessage.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg))
        method.apply(this, scrubbed as Parameters<typeof method>)
      },
    },
  }
  return options.destination ? pino(config, options.destination) : pino(config)
}
