// What the consumer has answered so far, and what a confirmed form hands to the filing service.

export type FormKind = 'COMPLAINT' | 'REPORT' | 'INQUIRY'

/** Where the business is: an area of the directory (district → … → grid), or an online shop. */
export type BusinessLocation =
  | { type: 'area'; areaCode: string }
  | { type: 'online'; platformName: string; platformCode?: string | undefined }

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
  contactName?: string
  contactPhone?: string
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
