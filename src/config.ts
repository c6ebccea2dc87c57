import { z } from 'zod'
import { SUPPORTED_LOCALES } from './i18n/locales.ts'

const botToken = z
  .string({ error: 'is required' })
  .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'must look like 123456:ABC-DEF… (from @BotFather)')

const url = (protocols: readonly string[]) =>
  z
    .string({ error: 'is required' })
    .url('must be a URL')
    .refine(
      (value) => protocols.some((p) => value.startsWith(`${p}://`)),
      `must start with ${protocols.join(':// or ')}://`,
    )

/** 32 bytes, base64 (`openssl rand -base64 32`): the AES-256-GCM key of identity-document numbers at rest. */
const idEncryptionKey = z
  .string({ error: 'is required (32 random bytes, base64: openssl rand -base64 32)' })
  .refine(
    (value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32,
    'must be 32 bytes in base64 (openssl rand -base64 32)',
  )

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback)

const base = z.object({
  BOT_TOKEN: botToken,
  TELEGRAM_API_ROOT: url(['http', 'https']).optional(),
  DATABASE_URL: url(['postgresql', 'postgres']),
  REDIS_URL: url(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1-40 letters, digits, _ or -')
    .default('grid12315'),
  ROLE: z.enum(['bot', 'worker', 'all']).default('all'),
  DEFAULT_LOCALE: z.enum(SUPPORTED_LOCALES).default('zh-CN'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HTTP_PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a port number')
    .min(0)
    .max(65535)
    .default(3000),
  TRACKING_PREFIX: z
    .string()
    .regex(/^[A-Z]{2,4}$/, 'must be 2-4 capital letters')
    .default('MS'),
  MAX_COMPLAINTS_PER_DAY: positiveInt(5),
  RATE_LIMIT_PER_MINUTE: positiveInt(30),
  RATE_LIMIT_BURST: positiveInt(60),
  ID_ENCRYPTION_KEY: idEncryptionKey,
  /** Working days a first-mile station aims to settle or pass on a ticket in (a target, not a legal deadline). */
  LOCAL_TARGET_WORKING_DAYS: positiveInt(10),
  /** Asia/Shanghai time of the daily deadline reminders and digests, HH:MM between 07:00 and 19:59 (never at night). */
  REMINDER_TIME: z
    .string()
    .regex(/^(0[7-9]|1\d):[0-5]\d$/, 'must be HH:MM between 07:00 and 19:59 (Asia/Shanghai)')
    .default('09:00'),
  /** Full working days left between the early deadline reminder and the due day. */
  REMINDER_LEAD_WORKING_DAYS: z.coerce.number().int().min(0).max(10).default(2),
  /** A hot spot (a consumer warning is suggested): this many complaints about one business, or one category in
   * one street, within HOT_SPOT_WINDOW_DAYS. */
  HOT_SPOT_THRESHOLD: z.coerce.number().int().min(2).max(1000).default(5),
  HOT_SPOT_WINDOW_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  ADMIN_QUEUES_USER: z.string().min(1).optional(),
  ADMIN_QUEUES_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
})

const polling = z.object({ BOT_MODE: z.literal('polling').default('polling') })
const webhook = z.object({
  BOT_MODE: z.literal('webhook'),
  WEBHOOK_URL: url(['https', 'http']),
  WEBHOOK_SECRET: z
    .string({ error: 'is required in webhook mode' })
    .regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16-256 characters of A-Z, a-z, 0-9, _ and -'),
})

const schema = z
  .intersection(base, z.discriminatedUnion('BOT_MODE', [polling, webhook], { error: 'must be polling or webhook' }))
  .superRefine((env, ctx) => {
    if (Boolean(env.ADMIN_QUEUES_USER) !== Boolean(env.ADMIN_QUEUES_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: ['ADMIN_QUEUES_PASSWORD'],
        message: 'ADMIN_QUEUES_USER and ADMIN_QUEUES_PASSWORD go together',
      })
    }
  })

export type Config = z.infer<typeof schema>

const adminSchema = z.object({
  DATABASE_URL: url(['postgresql', 'postgres']).optional(),
  BOT_TOKEN: botToken.optional(),
  TELEGRAM_API_ROOT: url(['http', 'https']).optional(),
  BOT_USERNAME: z
    .string()
    .transform((name) => name.trim().replace(/^@/, ''))
    .pipe(z.string().regex(/^[A-Za-z0-9_]{5,32}$/, 'is not a Telegram username'))
    .optional(),
})

/** What the admin command line reads: every variable optional here; a command says which one it misses. */
export type AdminConfig = z.infer<typeof adminSchema>

/** Thrown when the environment is incomplete or invalid; its message names every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError'
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

/** Reads and validates the environment in one go, so that one run reports every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''))
  const result = schema.safeParse(input)
  if (result.success) return result.data
  throw new ConfigError(result.error.issues.map(describeIssue))
}

/** The admin command line's variables, validated like the bot's (same rules for the ones both read). */
export function loadAdminConfig(env: NodeJS.ProcessEnv = process.env): AdminConfig {
  const input = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''))
  const result = adminSchema.safeParse(input)
  if (result.success) return result.data
  throw new ConfigError(result.error.issues.map(describeIssue))
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const name = issue.path.join('.') || 'BOT_MODE'
  return `${name} ${issue.message}`
}
