/**
 * The SQL statements that write and read a filed complaint (see src/db/sql.ts for why filing is plain SQL; its
 * tracking number is reserved by tracking-number-reservations.ts before). A statement is atomic on its own (its
 * data-modifying CTEs commit together or not at all), so no explicit transaction is needed.
 */
import type { ConfirmedIntake } from '../../domain/intake-form/draft.ts'
import type { LocalDate } from '../../domain/calendar/local-date.ts'
import type { RuleId } from '../../domain/rules/statutory-rules.ts'
import type { Database } from '../../db/client.ts'
import { queryRows, type PreparedStatement } from '../../db/sql.ts'
import { outboxJobsJson, recordJobsSql, type OutboxJob } from '../outbox/outbox.ts'

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
  decisionDue: LocalDate
  dueDatesFinal: boolean
}

/** The complaint, its evidence ($27, jsonb), its first event and its outbox jobs ($28, jsonb), in one statement. */
const INSERT_COMPLAINT: PreparedStatement = {
  name: 'filing-insert-complaint',
  text: `
    WITH inserted AS (
      INSERT INTO complaint (
        id, tracking_number, form_id, kind, status, consumer_id, locale,
        respondent_name, respondent_address, area_code, is_online, platform_name, platform_code,
        category_code, incident_date, amount_fen, facts, demands, demand_other, violation,
        contact_name, contact_phone, anonymous, rule, submitted_at, decision_due_on, due_dates_final, created_at, updated_at
      ) VALUES (
        $1, $2, $3, $4::"ComplaintKind", 'SUBMITTED', $5::int, $6,
        $7, $8, $9, $10::boolean, $11, $12,
        $13, $14::date, $15::bigint, $16, ARRAY(SELECT jsonb_array_elements_text($17::jsonb)), $18, $19,
        $20, $21, $22::boolean, $23::"StatutoryRule", $24::timestamp, $25::date, $26::boolean, $24::timestamp, $24::timestamp
      )
      ON CONFLICT (form_id) DO NOTHING
      RETURNING ${FILED_COLUMNS}
    ), evidence AS (
      INSERT INTO attachment (complaint_id, kind, file_id, file_unique_id, file_name, mime_type, size_bytes, added_by_id, created_at)
      SELECT inserted.id, file.kind::"AttachmentKind", file.file_id, file.file_unique_id, file.file_name, file.mime_type,
             file.size_bytes, $5::int, $24::timestamp
      FROM inserted, jsonb_to_recordset($27::jsonb)
        AS file(kind text, file_id text, file_unique_id text, file_name text, mime_type text, size_bytes int)
      ON CONFLICT (complaint_id, file_unique_id) DO NOTHING
    ), first_event AS (
      INSERT INTO complaint_event (complaint_id, actor_id, actor_role, action, to_status, created_at)
      SELECT id, $5::int, 'CONSUMER', 'SUBMIT', 'SUBMITTED', $24::timestamp FROM inserted
    ), jobs AS (
      ${recordJobsSql('$28', '$24::timestamp', 'inserted')}
    )
    SELECT * FROM inserted`,
}

/**
 * Writes the complaint, its evidence, its first event and its outbox jobs. Returns undefined when a complaint
 * of the same form won a race to the insert (the unique form id lets exactly one win).
 */
export async function insertComplaint(db: Database, complaint: NewComplaint, outboxJobs: readonly OutboxJob[]): Promise<FiledRow | undefined> {
  const { intake: { draft, ...intake }, consumerId } = complaint
  const location = draft.location ?? null
  const evidence = (draft.evidence ?? []).map((file) => ({
    kind: file.kind, file_id: file.fileId, file_unique_id: file.fileUniqueId,
    file_name: file.fileName ?? null, mime_type: file.mimeType ?? null, size_bytes: file.sizeBytes ?? null,
  }))
  const [row] = await queryRows<FiledRow>(db, INSERT_COMPLAINT, [
    complaint.id, complaint.trackingNumber, intake.formId, intake.kind, consumerId, intake.locale,
    draft.respondentName ?? '', draft.respondentAddress ?? null, location?.type === 'area' ? location.areaCode : null,
    location?.type === 'online', location?.type === 'online' ? location.platformName : null,
    location?.type === 'online' ? (location.platformCode ?? null) : null,
    draft.categoryCode ?? null, draft.incidentDate ?? null, draft.amountFen == null ? null : String(draft.amountFen), draft.facts ?? '',
    JSON.stringify(draft.demands ?? []), draft.demandOther ?? null, draft.violation ?? null,
    draft.contactName ?? null, draft.contactPhone ?? null, draft.anonymous ?? false,
    complaint.rule, complaint.submittedAt.toISOString(), complaint.decisionDue, complaint.dueDatesFinal,
    JSON.stringify(evidence), outboxJobsJson(outboxJobs),
  ])
  return row
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
