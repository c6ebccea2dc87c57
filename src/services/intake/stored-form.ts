// The form in progress as kept in Redis: the domain's FormState, checked field by field when read back.
import { z } from 'zod'
import { ID_DOCUMENT_TYPES } from '../../domain/intake/identity-document.ts'
import { FORM_VERSION, type FormState } from '../../domain/intake-form/form-state.ts'
import { STEP_IDS } from '../../domain/intake-form/steps.ts'

const evidenceFile = z.object({
  kind: z.enum(['PHOTO', 'DOCUMENT']),
  fileId: z.string(),
  fileUniqueId: z.string(),
  fileName: z.string().optional(),
  mimeType: z.string().optional(),
  sizeBytes: z.number().optional(),
})

const businessLocation = z.discriminatedUnion('type', [
  z.object({ type: z.literal('area'), areaCode: z.string() }),
  z.object({
    type: z.literal('online'),
    platformName: z.string(),
    platformCode: z.string().optional(),
    shopAreaCode: z.string().nullable().optional(),
  }),
])

const draft = z.object({
  respondentName: z.string().optional(),
  respondentAddress: z.string().nullable().optional(),
  location: businessLocation.nullable().optional(),
  categoryCode: z.string().optional(),
  incidentDate: z.string().optional(),
  amountFen: z.number().int().nullable().optional(),
  facts: z.string().optional(),
  demands: z.array(z.string()).optional(),
  demandOther: z.string().nullable().optional(),
  violation: z.string().optional(),
  evidence: z.array(evidenceFile).optional(),
  forDailyLife: z.boolean().optional(),
  contactName: z.string().optional(),
  contactPhone: z.string().optional(),
  mailingAddress: z.string().optional(),
  idType: z.enum(ID_DOCUMENT_TYPES).optional(),
  /** Encrypted while stored (see form-store.ts). */
  idNumber: z.string().optional(),
  anonymous: z.boolean().optional(),
  previousComplaintId: z.string().optional(),
})

const instant = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not an instant')

/**
 * A stored form of the current {@link FORM_VERSION}. A form of another version is refused like any other bad
 * value: its steps may no longer exist or mean something else, so it is discarded with an apology.
 */
export const storedFormSchema = z.object({
  version: z.literal(FORM_VERSION),
  formId: z.string().min(1),
  kind: z.enum(['COMPLAINT', 'REPORT', 'INQUIRY']),
  step: z.enum(STEP_IDS),
  draft,
  trail: z.array(z.enum(STEP_IDS)),
  editing: z.boolean(),
  startedAt: instant,
  updatedAt: instant,
  lastUpdateId: z.number().int(),
})

/** What a confirmed form leaves behind for a day, to answer a second tap on its confirm button. */
export const filedMarkerSchema = z.object({
  v: z.literal(1),
  formId: z.string(),
  trackingNumber: z.string(),
})

/** The stored form as the domain's type (zod's optional fields allow an explicit undefined, which JSON never has). */
export function asFormState(stored: z.infer<typeof storedFormSchema>): FormState {
  return stored as FormState
}
