import type { Redis } from '../../queue/redis.ts'
import { isCurrentFormState, type FormState } from '../../domain/intake-form/form-state.ts'
import { RecentlyDecoded } from '../recently-decoded.ts'

/** A form idle this long is over; the next interaction says so. */
export const FORM_IDLE_LIMIT_MS = 24 * 60 * 60 * 1000
/** How long Redis keeps a form, so that an expired one can still be recognised (and reported as such). */
export const FORM_RETENTION_SECONDS = 7 * 24 * 60 * 60
/** How long the last filed form is remembered, to answer a second tap on its confirm button. */
const FILED_RETENTION_SECONDS = 24 * 60 * 60

export type LoadedForm =
  | { status: 'none' }
  | { status: 'active'; form: FormState }
  /** Idle for more than {@link FORM_IDLE_LIMIT_MS}; deleted by this load. */
  | { status: 'expired'; form: FormState }
  /** Saved by a release with other steps, or unreadable; deleted by this load. */
  | { status: 'outdated' }

/** The form a consumer confirmed last: its id and tracking number. */
export interface FiledForm {
  formId: string
  trackingNumber: string
}

export interface FormStoreDeps {
  redis: Redis
  /** REDIS_PREFIX of the deployment. */
  prefix: string
}

/**
 * The intake forms in progress, one per Telegram user, as versioned JSON under `<prefix>:form:<user id>`.
 * Kept for 7 days; a form idle for 24 hours is reported as expired at the next interaction.
 */
export function createFormStore({ redis, prefix }: FormStoreDeps) {
  const formKey = (telegramId: number) => `${prefix}:form:${telegramId}`
  const filedKey = (telegramId: number) => `${prefix}:form-filed:${telegramId}`
  const decoded = new RecentlyDecoded<number, FormState>()

  return {
    /** The Redis key of a user's form, for a caller that reads it together with other keys. */
    formKeyOf: formKey,

    /**
     * The consumer's form, classified as active, expired or outdated (the last two are deleted). `stored` is the
     * value under {@link formKeyOf} when the caller has just read it (null: no form).
     */
    async load(telegramId: number, now: Date = new Date(), stored?: string | null): Promise<LoadedForm> {
      const raw = stored !== undefined ? stored : await redis.get(formKey(telegramId))
      if (raw === null) return { status: 'none' }
      const form = decoded.get(telegramId, raw) ?? parse(raw)
      if (!form) {
        await redis.del(formKey(telegramId))
        return { status: 'outdated' }
      }
      if (now.getTime() - Date.parse(form.updatedAt) > FORM_IDLE_LIMIT_MS) {
        await redis.del(formKey(telegramId))
        return { status: 'expired', form }
      }
      return { status: 'active', form }
    },

    /** Saves the form (replacing any other of the same user). */
    async save(telegramId: number, form: FormState): Promise<void> {
      const raw = JSON.stringify(form)
      decoded.set(telegramId, raw, form)
      await redis.set(formKey(telegramId), raw, 'EX', FORM_RETENTION_SECONDS)
    },

    /** Forgets the user's form. */
    async clear(telegramId: number): Promise<void> {
      decoded.delete(telegramId)
      await redis.del(formKey(telegramId))
    },

    /** Clears the form after filing and remembers its tracking number for a repeated confirm. */
    async markFiled(telegramId: number, filed: FiledForm): Promise<void> {
      decoded.delete(telegramId)
      await redis.multi()
        .del(formKey(telegramId))
        .set(filedKey(telegramId), JSON.stringify(filed), 'EX', FILED_RETENTION_SECONDS)
        .exec()
    },

    /** The form this user filed last (within a day), if any. */
    async lastFiled(telegramId: number): Promise<FiledForm | undefined> {
      const raw = await redis.get(filedKey(telegramId))
      if (raw === null) return undefined
      try {
        const value = JSON.parse(raw) as Partial<FiledForm>
        return typeof value.formId === 'string' && typeof value.trackingNumber === 'string'
          ? { formId: value.formId, trackingNumber: value.trackingNumber }
          : undefined
      } catch {
        return undefined
      }
    },
  }
}

function parse(raw: string): FormState | undefined {
  try {
    const value: unknown = JSON.parse(raw)
    return isCurrentFormState(value) ? value : undefined
  } catch {
    return undefined
  }
}

export type FormStore = ReturnType<typeof createFormStore>
