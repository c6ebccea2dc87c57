// What the consumer has answered so far, and what a confirmed form hands to the filing service.
import type { IdDocumentType } from '../intake/identity-document.ts'

export type FormKind = 'COMPLAINT' | 'REPORT' | 'INQUIRY'

/** Where the business is: an area of the directory (district → … → grid), or an online shop. */
export type BusinessLocation =
  | { type: 'area'; areaCode: string }
  | {
      type: 'online'
      platformName: string
      platformCode?: string | undefined
      /** The area of the address the shop shows on the platform, when that lies in the city; null when not. */
      shopAreaCode?: string | null | undefined
    }

export interface EvidenceFile {
  kind: 'PHOTO' | 'DOCUMENT'
  fileId: string
  fileUniqueId: string
  fileName?: string | undefined
  mimeType?: string | undefined
  sizeBytes?: number | undefined
}

/** Every field any form kind may ask; a field is undefined until answered (null = skipped on purpose). */
export interface IntakeDraft {
  respondentName?: string
  respondentAddress?: string | null
  location?: BusinessLocation | null
  categoryCode?: string
  /** 'YYYY-MM-DD', Asia/Shanghai */
  incidentDate?: string
  amountFen?: number | null
  facts?: string
  demands?: string[]
  demandOther?: string | null
  violation?: string
  evidence?: EvidenceFile[]
  /** Complaints: the consumer confirmed the purchase was for daily-life use (生活消费). */
  forDailyLife?: boolean
  /** The complainant's (or named reporter's) real name, as on the identity document. */
  contactName?: string
  contactPhone?: string
  /** 通讯地址: where the bureau's written notices reach the complainant. */
  mailingAddress?: string
  idType?: IdDocumentType
  /** The identity-document number, normalized (upper case, no spaces); encrypted once filed. */
  idNumber?: string
  /** Reports: 匿名举报 (no identity asked or stored) rather than 实名举报. */
  anonymous?: boolean
  /** A new complaint about a closed one (there is no statutory reopening): the closed complaint's id. */
  previousComplaintId?: string
}

/** A form the consumer confirmed on the review card; the filing service turns it into a complaint. */
export interface ConfirmedIntake {
  /** Stable id of the form: confirming the same form twice files one complaint. */
  formId: string
  kind: FormKind
  locale: string
  draft: IntakeDraft
}
