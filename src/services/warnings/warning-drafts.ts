// Composing a warning: a draft row per author, changed step by step, previewed with its reach, then confirmed.
import type { Database } from '../../db/client.ts'
import { isTopic } from '../../domain/warnings/topics.ts'
import { checkWarningText } from '../../domain/warnings/warning-text.ts'
import type { Warning } from '../../generated/prisma/client.ts'
import { loadWarningAuthority, mayTarget, type WarningAuthority } from './warning-authority.ts'
import { countRecipients, recordRecipients } from './warning-recipients.ts'

/** What a composer may start with (a hot-spot suggestion fills it in); all optional. */
export interface WarningPrefill {
  areaCodes: string[]
  categoryCode?: string
  textZhCN?: string
}

export type WarningDraft = Warning
export type WarningLanguage = 'zh-CN' | 'en'
export type AttachmentRef = { kind: 'PHOTO' | 'DOCUMENT'; fileId: string }

export type OpenResult =
  | { status: 'opened'; draft: WarningDraft; authority: WarningAuthority; refusedAreas: string[] }
  | { status: 'not-allowed' }

export type AreaResult = { status: 'added'; draft: WarningDraft } | { status: 'refused' } | { status: 'no-draft' }
export type TextResult =
  | { status: 'saved'; draft: WarningDraft }
  | { status: 'no-draft' }
  | { status: 'invalid'; reason: 'EMPTY' | 'TOO_LONG'; length: number }
export type ConfirmResult =
  | { status: 'queued'; warningId: number; recipients: number }
  | { status: 'no-draft' }
  | { status: 'incomplete'; missing: 'areas' | 'text' }
  | { status: 'refused' }

/**
 * Drafts of warnings. Every call names the person acting and checks, in the database, that the draft is theirs
 * and still a draft, and that they may target each area (a forged area in button data is refused here).
 */
export function createWarningDrafts(deps: { db: Database; enqueue(warningId: number): Promise<void> }) {
  const { db } = deps
  const draftOf = (personId: number, id: number) =>
    db.warning.findFirst({ where: { id, authorId: personId, status: 'DRAFT' } })
  const update = async (personId: number, id: number, data: Parameters<typeof db.warning.update>[0]['data']) => {
    const { count } = await db.warning.updateMany({ where: { id, authorId: personId, status: 'DRAFT' }, data })
    return count === 1 ? ((await draftOf(personId, id)) ?? undefined) : undefined
  }

  return {
    authority: (personId: number) => loadWarningAuthority(db, personId),
    mayTarget: async (personId: number, areaCode: string) =>
      mayTarget(db, await loadWarningAuthority(db, personId), areaCode),

    /** Starts a draft (discarding the author's earlier ones), with what the prefill holds that they may target. */
    async open(personId: number, prefill: WarningPrefill): Promise<OpenResult> {
      const authority = await loadWarningAuthority(db, personId)
      if (authority.status === 'none') return { status: 'not-allowed' }
      const areaCodes: string[] = []
      const refusedAreas: string[] = []
      for (const code of new Set(prefill.areaCodes))
        ((await mayTarget(db, authority, code)) ? areaCodes : refusedAreas).push(code)
      const text = prefill.textZhCN === undefined ? undefined : checkWarningText(prefill.textZhCN)
      await db.warning.deleteMany({ where: { authorId: personId, status: 'DRAFT' } })
      const draft = await db.warning.create({
        data: {
          authorId: personId,
          stationId: authority.status === 'staff' ? authority.stationId : null,
          areaCodes,
          categoryCode: prefill.categoryCode && isTopic(prefill.categoryCode) ? prefill.categoryCode : null,
          textZhCn: text?.ok ? text.value : '',
        },
      })
      return { status: 'opened', draft, authority, refusedAreas }
    },

    /** The person's draft, if `id` is one and still a draft. */
    draft: (personId: number, id: number) => draftOf(personId, id).then((d) => d ?? undefined),

    async addArea(personId: number, id: number, areaCode: string): Promise<AreaResult> {
      const draft = await draftOf(personId, id)
      if (!draft) return { status: 'no-draft' }
      if (!(await mayTarget(db, await loadWarningAuthority(db, personId), areaCode))) return { status: 'refused' }
      if (draft.areaCodes.includes(areaCode)) return { status: 'added', draft }
      const changed = await update(personId, id, { areaCodes: [...draft.areaCodes, areaCode] })
      return changed ? { status: 'added', draft: changed } : { status: 'no-draft' }
    },

    clearAreas: (personId: number, id: number) => update(personId, id, { areaCodes: [] }),

    setCategory: (personId: number, id: number, code: string | null) =>
      code !== null && !isTopic(code) ? Promise.resolve(undefined) : update(personId, id, { categoryCode: code }),

    async setText(personId: number, id: number, language: WarningLanguage, raw: string): Promise<TextResult> {
      const checked = checkWarningText(raw)
      if (!checked.ok) return { status: 'invalid', reason: checked.reason, length: checked.length }
      const changed = await update(
        personId,
        id,
        language === 'en' ? { textEn: checked.value } : { textZhCn: checked.value },
      )
      return changed ? { status: 'saved', draft: changed } : { status: 'no-draft' }
    },

    removeEnglish: (personId: number, id: number) => update(personId, id, { textEn: null }),

    setAttachment: (personId: number, id: number, file: AttachmentRef | null) =>
      update(personId, id, { attachmentKind: file?.kind ?? null, attachmentFileId: file?.fileId ?? null }),

    /** How many people the draft would reach now. */
    recipients: (draft: Pick<Warning, 'areaCodes' | 'categoryCode'>) => countRecipients(db, draft),

    /** Discards the draft. */
    async discard(personId: number, id: number): Promise<boolean> {
      return (await db.warning.deleteMany({ where: { id, authorId: personId, status: 'DRAFT' } })).count === 1
    },

    /**
     * Confirms the draft: checks every area again, fixes the recipients (one pending delivery each) and queues the
     * broadcast; the progress message is where the worker reports.
     */
    async confirm(
      personId: number,
      id: number,
      progress: { chatId: number; messageId: number },
    ): Promise<ConfirmResult> {
      const draft = await draftOf(personId, id)
      if (!draft) return { status: 'no-draft' }
      if (draft.areaCodes.length === 0) return { status: 'incomplete', missing: 'areas' }
      if (draft.textZhCn === '') return { status: 'incomplete', missing: 'text' }
      const authority = await loadWarningAuthority(db, personId)
      for (const code of draft.areaCodes) if (!(await mayTarget(db, authority, code))) return { status: 'refused' }
      const recipients = await db.$transaction(async (tx) => {
        const { count } = await tx.warning.updateMany({
          where: { id, authorId: personId, status: 'DRAFT' },
          data: {
            status: 'QUEUED',
            confirmedAt: new Date(),
            progressChatId: BigInt(progress.chatId),
            progressMessageId: progress.messageId,
          },
        })
        if (count !== 1) return undefined
        const n = await recordRecipients(tx, id, draft)
        await tx.warning.update({ where: { id }, data: { recipientCount: n } })
        return n
      })
      if (recipients === undefined) return { status: 'no-draft' }
      await deps.enqueue(id)
      return { status: 'queued', warningId: id, recipients }
    },
  }
}
