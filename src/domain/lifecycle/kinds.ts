/** What a ticket is: the track it follows. Mirrors the database enum `ComplaintKind`. */
export const COMPLAINT_KINDS = ['COMPLAINT', 'REPORT', 'INQUIRY'] as const

/** 投诉 (mediated dispute), 举报 (violation clue) or 咨询 (question). */
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number]
