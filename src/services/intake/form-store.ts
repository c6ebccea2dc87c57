import { type FormState, formFragment } from '../../domain/intake-form/form-state.ts'
import type { Logger } from '../../logging/logger.ts'
import type { Redis } from '../../redis.ts'
import type { IdNumberCipher } from '../privacy/id-number-cipher.ts'
import { RecentlyDecoded } from '../recently-decoded.ts'
import type { ReadThroughCache } from '../state/read-through-cache.ts'
import { parseStoredJson } from '../state/stored-json.ts'
import { asFormState, filedMarkerSchema, storedFormSchema } from './stored-form.ts'

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
  /** Saved by a release with other steps, or failing its schema; deleted by this load (the consumer is told). */
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
  /** The draft's identity-document number is kept encrypted in Redis too. */
  idNumbers: IdNumberCipher
  log: Logger
}

/**
 * The intake forms in progress, one per Telegram user, as versioned JSON under `<prefix>:form:<user id>`
 * (storedFormSchema), and the marker of the form filed last under `<prefix>:form-filed:<user id>`. Kept for 7 days;
 * a form idle for 24 hours is reported as expired at the next interaction. Every method takes the update's
 * read-through cache, when there is one: a load is answered from it, and every write records itself in it.
 */
export function createFormStore({ redis, prefix, idNumbers, log }: FormStoreDeps) {
  const formKey = (telegramId: number) => `${prefix}:form:${telegramId}`
  const filedKey = (telegramId: number) => `${prefix}:form-filed:${telegramId}`
  const startedKey = (telegramId: number) => `${prefix}:form-started:${telegramId}`
  const decoded = new RecentlyDecoded<number, FormState>()

  return {
    /** The Redis key of a user's form, for a caller that reads it together with other keys. */
    formKeyOf: formKey,

    /** True when the update's cache holds a stored form of the user (unread yet: it may still be expired or outdated). */
    isStoredIn(cache: ReadThroughCache, telegramId: number): boolean {
      return typeof cache.known(formKey(telegramId)) === 'string'
    },

    /** The consumer's form, classified as active, expired or outdated (the last two are deleted). */
    async load(telegramId: number, now: Date = new Date(), cache?: ReadThroughCache): Promise<LoadedForm> {
      const key = formKey(telegramId)
      const known = cache?.known(key)
      const raw = known !== undefined ? known : await redis.get(key)
      if (raw === null) return { status: 'none' }
      const form = decoded.get(telegramId, raw) ?? unseal(parse(raw, log), idNumbers)
      if (!form || isIdle(form, now)) {
        decoded.delete(telegramId)
        cache?.wrote(key, null)
        await redis.del(key)
        return form ? { status: 'expired', form } : { status: 'outdated' }
      }
      return { status: 'active', form }
    },

    /**
     * Saves the form (replacing any other of the same user). A `started` form is also recorded as started (see
     * {@link wasStarted}).
     */
    async save(
      telegramId: number,
      form: FormState,
      options: { started?: boolean } = {},
      cache?: ReadThroughCache,
    ): Promise<void> {
      const raw = JSON.stringify(seal(form, idNumbers))
      decoded.set(telegramId, raw, form)
      cache?.wrote(formKey(telegramId), raw)
      if (!options.started) {
        await redis.set(formKey(telegramId), raw, 'EX', FORM_RETENTION_SECONDS)
        return
      }
      await redis
        .multi()
        .set(formKey(telegramId), raw, 'EX', FORM_RETENTION_SECONDS)
        .sadd(startedKey(telegramId), formFragment(form.formId))
        .expire(startedKey(telegramId), FORM_RETENTION_SECONDS)
        .exec()
    },

    /**
     * Whether a form with this id fragment was started by this user within {@link FORM_RETENTION_SECONDS}: true for
     * one that ended since (filed, cancelled, replaced, expired), false for one Redis has lost along with the record.
     */
    async wasStarted(telegramId: number, fragment: string): Promise<boolean> {
      return (await redis.sismember(startedKey(telegramId), fragment)) === 1
    },

    /** Whether the user started any form within {@link FORM_RETENTION_SECONDS} (see {@link wasStarted}). */
    async startedAny(telegramId: number): Promise<boolean> {
      return (await redis.exists(startedKey(telegramId))) === 1
    },

    /**
     * After a load found no form: true when this process last saw the user with an active form that did not end
     * (it is neither stored nor recorded as started), i.e. Redis lost it. Reports each lost form once.
     */
    async lostSinceSeen(telegramId: number, now: Date = new Date()): Promise<boolean> {
      const seen = decoded.latest(telegramId)
      if (!seen) return false
      decoded.delete(telegramId)
      if (isIdle(seen, now)) return false
      return !(await this.wasStarted(telegramId, formFragment(seen.formId)))
    },

    /** Forgets the user's form. */
    async clear(telegramId: number, cache?: ReadThroughCache): Promise<void> {
      decoded.delete(telegramId)
      cache?.wrote(formKey(telegramId), null)
      await redis.del(formKey(telegramId))
    },

    /** Clears the form after filing and remembers its tracking number for a repeated confirm. */
    async markFiled(telegramId: number, filed: FiledForm, cache?: ReadThroughCache): Promise<void> {
      decoded.delete(telegramId)
      cache?.wrote(formKey(telegramId), null)
      const marker = { v: 1, formId: filed.formId, trackingNumber: filed.trackingNumber }
      await redis
        .multi()
        .del(formKey(telegramId))
        .set(filedKey(telegramId), JSON.stringify(marker), 'EX', FILED_RETENTION_SECONDS)
        .exec()
    },

    /**
     * The form this user filed last (within a day), if any. A marker failing its schema is logged and treated as
     * none: a repeated confirm then meets no form, and is answered as a button of a form that is over.
     */
    async lastFiled(telegramId: number): Promise<FiledForm | undefined> {
      const raw = await redis.get(filedKey(telegramId))
      if (raw === null) return undefined
      const marker = parseStoredJson(filedMarkerSchema, raw, log, 'filed-form marker')
      return marker && { formId: marker.formId, trackingNumber: marker.trackingNumber }
    },
  }
}

function isIdle(form: FormState, now: Date): boolean {
  return now.getTime() - Date.parse(form.updatedAt) > FORM_IDLE_LIMIT_MS
}

/** The form as stored: its identity-document number encrypted. */
function seal(form: FormState, idNumbers: IdNumberCipher): FormState {
  const { idNumber } = form.draft
  return idNumber === undefined ? form : { ...form, draft: { ...form.draft, idNumber: idNumbers.encrypt(idNumber) } }
}

/** The form as read back; a number that no longer decrypts (the key changed) is dropped and asked again. */
function unseal(form: FormState | undefined, idNumbers: IdNumberCipher): FormState | undefined {
  const sealed = form?.draft.idNumber
  if (!form || sealed === undefined) return form
  try {
    return { ...form, draft: { ...form.draft, idNumber: idNumbers.decrypt(sealed) } }
  } catch {
    const { idNumber: _dropped, ...draft } = form.draft
    return { ...form, draft }
  }
}

function parse(raw: string, log: Logger): FormState | undefined {
  const stored = parseStoredJson(storedFormSchema, raw, log, 'intake form')
  return stored && asFormState(stored)
}

export type FormStore = ReturnType<typeof createFormStore>
