// A stored warning as the broadcast renders it: texts per language, area and station names, the progress message.
import type { Database } from '../../db/client.ts'
import type { Locale } from '../../i18n/locales.ts'
import type { WarningMessage } from '../../telegram/render/warning.ts'
import type { EvidenceFileRef } from '../../telegram/sending/telegram-sender.ts'

export interface WarningContent {
  id: number
  status: string
  attachment: EvidenceFileRef | undefined
  progress: { chatId: number; messageId: number } | undefined
  authorLocale: Locale
  /** The message in a recipient's language: English when there is an English version, zh-CN otherwise. */
  message(locale: Locale): WarningMessage
}

const asLocale = (value: string | null | undefined): Locale => (value === 'en' ? 'en' : 'zh-CN')

/** Loads what every recipient's message is made of, once per run. */
export async function loadWarningContent(db: Database, warningId: number): Promise<WarningContent | undefined> {
  const warning = await db.warning.findUnique({
    where: { id: warningId },
    include: { author: { select: { locale: true } } },
  })
  if (!warning) return undefined
  const [areas, station] = await Promise.all([
    db.area.findMany({ where: { code: { in: warning.areaCodes } }, select: { code: true, name: true, nameEn: true } }),
    warning.stationId
      ? db.station.findUnique({ where: { id: warning.stationId }, select: { name: true, nameEn: true } })
      : null,
  ])
  const ordered = warning.areaCodes.flatMap((code) => areas.filter((area) => area.code === code))
  return {
    id: warning.id,
    status: warning.status,
    attachment:
      warning.attachmentKind && warning.attachmentFileId
        ? { kind: warning.attachmentKind, fileId: warning.attachmentFileId }
        : undefined,
    progress:
      warning.progressChatId !== null && warning.progressMessageId !== null
        ? { chatId: Number(warning.progressChatId), messageId: warning.progressMessageId }
        : undefined,
    authorLocale: asLocale(warning.author.locale),
    message(locale) {
      const english = locale === 'en' && warning.textEn !== null
      return {
        text: english ? (warning.textEn ?? '') : warning.textZhCn,
        areas: ordered.map((area) => (locale === 'en' && area.nameEn ? area.nameEn : area.name)),
        station: station ? (locale === 'en' && station.nameEn ? station.nameEn : station.name) : null,
      }
    },
  }
}
