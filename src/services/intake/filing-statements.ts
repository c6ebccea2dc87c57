/**
 * The SQL statements that write and read a filed complaint (see src/db/sql.ts for why filing is plain SQL; its
 * tracking number is reserved by tracking-number-reservations.ts before). A statement is atomic on its own (its
 * data-modifying CTEs commit together or not at all), so no explicit transaction is needed.
 */
import DataLoader from 'dataloader'
import type { Database } from '../../db/client.ts'
import { type PreparedStatement, queryRows } from '../../db/sql.ts'
import type { LocalDate } from '../../domain/calendar/local-date.ts'
import type { ConfirmedIntake } from '../../domain/intake-form/draft.ts'
import type { RuleId } from '../../domain/rules/statutory-rules.ts'
import { type OutboxJob, outboxJobsRecords, recordJobsSql } from '../outbox/outbox.ts'

/** What a filing reports back for the consumer's confirmation, as stored. */
export interface FiledRow {
  id: string
  tracking_number: string
  kind: ConfirmedIntake['kind']
  rule: RuleId
  /** `YYYY-MM-DD`. */
  decision_due_on: string | null
  due_dates_final: boolean
}

/** The columns of a {@link FiledRow}, for statements that read a filed complaint. */
export const FILED_COLUMNS = `id, tracking_number, kind::text AS kind, rule::text AS rule,
  to_char(decision_due_on, 'YYYY-MM-DD') AS decision_due_on, due_dates_final`

/** Every column of a new complaint, as the statement below writes it. */
export interface NewComplaint {
  id: string
  trackingNumber: string
  intake: ConfirmedIntake
  consumerId: number
  rule: RuleId
  submittedAt: Date
  decisionDue: LocalDate | null
  dueDatesFinal: boolean
  /** The identity-document number, encrypted (the draft's number in clear is never written), and masked. */
  idNumber: { encrypted: string; masked: string } | null
}

/**
 * Complaints with their evidence, first events and outbox jobs, in one statement: $1 is a jsonb array with one
 * object per complaint (see {@link complaintRecord}). A complaint whose form was filed already is skipped (the
 * unique form id lets exactly one win); the rows returned are the complaints written.
 */
const INSERT_COMPLAINTS: PreparedStatement = {
  name: 'filing-insert-complaints',
  text: `
    WITH input AS (
      SELECT * FROM jsonb_to_recordset($1::jsonb) AS complaint(
        id text, tracking_number text, form_id text, kind text, consumer_id int, locale text,
        respondent_name text, respondent_address text, area_code text, is_online boolean, platform_name text, platform_code text,
        category_code text, incident_date date, amount_fen bigint, facts text, demands jsonb, demand_other text, violation text,
        contact_name text, contact_phone text, anonymous boolean, rule text, submitted_at timestamp, decision_due_on date,
        due_dates_final boolean, for_daily_life boolean, mailing_address text, id_type text, id_number_encrypted text,
        id_number_masked text, evidence jsonb, jobs jsonb, previous_complaint_id text)
    ), inserted AS (
      INSERT INTO complaint (
        id, tracking_number, form_id, kind, status, consumer_id, locale,
        respondent_name, respondent_address, area_code, is_online, platform_name, platform_code,
        category_code, incident_date, amount_fen, facts, demands, demand_other, violation,
        contact_name, contact_phone, anonymous, rule, submitted_at, decision_due_on, due_dates_final, created_at, updated_at,
        for_daily_life, mailing_address, id_type, id_number_encrypted, id_number_masked,
        previous_complaint_id
      )
      SELECT id, tracking_number, form_id, kind::"ComplaintKind", 'SUBMITTED', consumer_id, locale,
        respondent_name, respondent_address, area_code, is_online, platform_name, platform_code,
        category_code, incident_date, amount_fen, facts, ARRAY(SELECT jsonb_array_elements_text(demands)), demand_other, violation,
        contact_name, contact_phone, anonymous, rule::"StatutoryRule", submitted_at, decision_due_on, due_dates_final, submitted_at, submitted_at,
        for_daily_life, mailing_address, id_type::"IdDocumentType", id_number_encrypted, id_number_masked,
        -- A link to a closed complaint only when it is the same consumer's.
        (SELECT p.id FROM complaint p WHERE p.id = input.previous_complaint_id AND p.consumer_id = input.consumer_id)
      FROM input
      ON CONFLICT (form_id) DO NOTHING
      RETURNING ${FILED_COLUMNS}
    ), written AS (
      SELECT inserted.id, input.consumer_id, input.submitted_at, input.evidence, input.jobs FROM inserted JOIN input USING (id)
    ), evidence AS (
      INSERT INTO attachment (complaint_id, kind, file_id, file_unique_id, file_name, mime_type, size_bytes, added_by_id, created_at)
      SELECT written.id, file.kind::"AttachmentKind", file.file_id, file.file_unique_id, file.file_name, file.mime_type,
             file.size_bytes, written.consumer_id, written.submitted_at
      FROM written, jsonb_to_recordset(written.evidence)
        AS file(kind text, file_id text, file_unique_id text, file_name text, mime_type text, size_bytes int)
      ON CONFLICT (complaint_id, file_unique_id) DO NOTHING
    ), first_event AS (
      INSERT INTO complaint_event (complaint_id, actor_id, actor_role, action, to_status, created_at)
      SELECT id, consumer_id, 'CONSUMER', 'SUBMIT', 'SUBMITTED', submitted_at FROM written
    ), jobs AS (
      ${recordJobsSql('written.jobs', 'written.submitted_at', 'written')}
    )
    SELECT * FROM inserted`,
}

/** A new complaint with its outbox jobs, as one element of the statement's jsonb array. */
function complaintRecord(complaint: NewComplaint, outboxJobs: readonly OutboxJob[]): Record<string, unknown> {
  const {
    intake: { draft, ...intake },
    consumerId,
  } = complaint
  const location = draft.location ?? null
  return {
    id: complaint.id,
    tracking_number: complaint.trackingNumber,
    form_id: intake.formId,
    kind: intake.kind,
    consumer_id: consumerId,
    locale: intake.locale,
    respondent_name: draft.respondentName ?? '',
    respondent_address: draft.respondentAddress ?? null,
    // An online shop's area is where the address it shows on the platform lies, when that is in the city.
    area_code: location?.type === 'area' ? location.areaCode : (location?.shopAreaCode ?? null),
    is_online: location?.type === 'online',
    platform_name: location?.type === 'online' ? location.platformName : null,
    platform_code: location?.type === 'online' ? (location.platformCode ?? null) : null,
    category_code: draft.categoryCode ?? null,
    incident_date: draft.incidentDate ?? null,
    amount_fen: draft.amountFen == null ? null : String(draft.amountFen),
    facts: draft.facts ?? '',
    demands: draft.demands ?? [],
    demand_other: draft.demandOther ?? null,
    violation: draft.violation ?? null,
    contact_name: draft.contactName ?? null,
    contact_phone: draft.contactPhone ?? null,
    anonymous: draft.anonymous ?? false,
    rule: complaint.rule,
    submitted_at: complaint.submittedAt.toISOString(),
    decision_due_on: complaint.decisionDue,
    due_dates_final: complaint.dueDatesFinal,
    for_daily_life: draft.forDailyLife ?? null,
    mailing_address: draft.mailingAddress ?? null,
    id_type: draft.idType ?? null,
    id_number_encrypted: complaint.idNumber?.encrypted ?? null,
    id_number_masked: complaint.idNumber?.masked ?? null,
    evidence: (draft.evidence ?? []).map((file) => ({
      kind: file.kind,
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      file_name: file.fileName ?? null,
      mime_type: file.mimeType ?? null,
      size_bytes: file.sizeBytes ?? null,
    })),
    jobs: outboxJobsRecords(outboxJobs),
    previous_complaint_id: draft.previousComplaintId ?? null,
  }
}

interface ComplaintInsert {
  complaint: NewComplaint
  outboxJobs: readonly OutboxJob[]
}

/** Complaints per statement at most. */
const MAX_BATCH = 100

async function insertBatch(db: Database, inserts: readonly ComplaintInsert[]): Promise<Array<FiledRow | undefined>> {
  const rows = await queryRows<FiledRow>(db, INSERT_COMPLAINTS, [
    JSON.stringify(inserts.map(({ complaint, outboxJobs }) => complaintRecord(complaint, outboxJobs))),
  ])
  const byId = new Map(rows.map((row) => [row.id, row]))
  return inserts.map(({ complaint }) => byId.get(complaint.id))
}

/**
 * Writes a complaint, its evidence, its first event and its outbox jobs; the complaints confirmed within one
 * event-loop turn share the statement and its commit (DataLoader does the batching). Resolves to undefined when a
 * complaint of the same form won a race to the insert. A batch that fails is tried again one complaint at a time,
 * so that one bad complaint fails alone.
 */
export function createComplaintInserts(
  db: Database,
): (complaint: NewComplaint, outboxJobs: readonly OutboxJob[]) => Promise<FiledRow | undefined> {
  const loader = new DataLoader<ComplaintInsert, FiledRow | undefined>(
    async (inserts) => {
      try {
        return await insertBatch(db, inserts)
      } catch (error) {
        if (inserts.length === 1) throw error
        return Promise.all(
          inserts.map((insert) =>
            insertBatch(db, [insert]).then(
              ([row]) => row,
              (single: unknown) => single as Error,
            ),
          ),
        )
      }
    },
    { cache: false, maxBatchSize: MAX_BATCH },
  )
  return (complaint, outboxJobs) => loader.load({ complaint, outboxJobs })
}

const FILED_BY_FORM: PreparedStatement = {
  name: 'filing-filed-by-form',
  text: `SELECT ${FILED_COLUMNS} FROM complaint WHERE form_id = $1`,
}

/** A filed complaint as stored, by its form (after losing a race to the insert). */
export async function filedByForm(db: Database, formId: string): Promise<FiledRow | undefined> {
  const [row] = await queryRows<FiledRow>(db, FILED_BY_FORM, [formId])
  return row
}
