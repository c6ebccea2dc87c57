/**
 * Tracking numbers reserved in batches: every filing of a day takes its number from the same row of
 * `tracking_sequence`, and a row lock held through a commit's disk flush made concurrent filings queue one by one
 * (500 confirms at once took half a second in that queue). The filings that ask within the same event-loop turn
 * now take their numbers in ONE statement, which moves the row once by their count (DataLoader does the batching).
 */
import DataLoader from 'dataloader'
import type { Database } from '../../db/client.ts'
import { type PreparedStatement, queryRows } from '../../db/sql.ts'
import type { LocalDate } from '../../domain/calendar/local-date.ts'
import { FILED_COLUMNS, type FiledRow } from './filing-statements.ts'

export type Reservation =
  | { outcome: 'reserved'; sequence: number }
  | { outcome: 'already-filed'; filed: FiledRow }
  | { outcome: 'daily-limit' }

export interface ReservationRequest {
  formId: string
  consumerId: number
  day: LocalDate
  /** The day's bounds as instants (Asia/Shanghai midnight to midnight). */
  dayStart: Date
  dayEnd: Date
  maxPerDay: number
}

type ReservationRow = { position: number; outcome: Reservation['outcome']; sequence: number | null } & {
  [K in keyof FiledRow]: FiledRow[K] | null
}

/**
 * $1 form ids and $2 consumer ids (arrays, one entry per filing), $3 and $4 the day's bounds, $5 the day, $6 the
 * daily cap. A filing whose form was filed already, or whose consumer reached the cap, takes no number; the others
 * take consecutive numbers in their order, so a double tap leaves no gap. One row per filing, by its position.
 */
const RESERVE_TRACKING_NUMBERS: PreparedStatement = {
  name: 'filing-reserve-tracking-numbers',
  text: `
    WITH request AS (
      SELECT form_id, consumer_id, position::int AS position
      FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS request(form_id, consumer_id, position)
    ), existing AS (
      SELECT request.position, ${FILED_COLUMNS} FROM request JOIN complaint ON complaint.form_id = request.form_id
    ), over_limit AS (
      SELECT request.position FROM request
      WHERE NOT EXISTS (SELECT 1 FROM existing WHERE existing.position = request.position)
        AND (SELECT count(*) FROM complaint WHERE complaint.consumer_id = request.consumer_id
               AND submitted_at >= $3::timestamp AND submitted_at < $4::timestamp) >= $6::int
    ), eligible AS (
      SELECT request.position, row_number() OVER (ORDER BY request.position)::int AS rank FROM request
      WHERE NOT EXISTS (SELECT 1 FROM existing WHERE existing.position = request.position)
        AND NOT EXISTS (SELECT 1 FROM over_limit WHERE over_limit.position = request.position)
    ), reserved AS (
      INSERT INTO tracking_sequence (day, last)
      SELECT $5::date, count(*) FROM eligible HAVING count(*) > 0
      ON CONFLICT (day) DO UPDATE SET last = tracking_sequence.last + EXCLUDED.last
      RETURNING last
    )
    SELECT eligible.position, 'reserved' AS outcome, reserved.last - (SELECT count(*) FROM eligible)::int + eligible.rank AS sequence,
           NULL::text AS id, NULL::text AS tracking_number, NULL::text AS kind, NULL::text AS rule,
           NULL::text AS decision_due_on, NULL::boolean AS due_dates_final
    FROM eligible, reserved
    UNION ALL SELECT position, 'already-filed', NULL, id, tracking_number, kind, rule, decision_due_on, due_dates_final FROM existing
    UNION ALL SELECT position, 'daily-limit', NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM over_limit`,
}

/** Filings per statement at most. */
const MAX_BATCH = 200

/**
 * Reserves the numbers of one batch of filings of the same day and cap, in one statement. The same form twice in
 * a batch (two confirms of it at the same moment) gets one number: both inserts then
 * carry it, and the unique form id keeps one.
 */
async function reserveBatch(
  db: Database,
  requests: readonly ReservationRequest[],
): Promise<Array<[ReservationRequest, Reservation]>> {
  const [{ dayStart, dayEnd, day, maxPerDay }] = requests as [ReservationRequest, ...ReservationRequest[]]
  const forms = [...new Map(requests.map((request) => [request.formId, request])).values()]
  const rows = await queryRows<ReservationRow>(db, RESERVE_TRACKING_NUMBERS, [
    forms.map((request) => request.formId),
    forms.map((request) => request.consumerId),
    dayStart.toISOString(),
    dayEnd.toISOString(),
    day,
    maxPerDay,
  ])
  const byForm = new Map(
    rows.map((row) => {
      const form = forms[row.position - 1]
      if (!form) throw new Error(`tracking number reservation returned a row for no form (position ${row.position})`)
      return [form.formId, row]
    }),
  )
  return requests.map((request) => [request, reservationOf(request, byForm.get(request.formId))])
}

function reservationOf(request: ReservationRequest, row: ReservationRow | undefined): Reservation {
  if (row?.outcome === 'reserved' && row.sequence !== null) return { outcome: 'reserved', sequence: row.sequence }
  if (row?.outcome === 'already-filed') return { outcome: 'already-filed', filed: row as FiledRow }
  if (row?.outcome === 'daily-limit') return { outcome: 'daily-limit' }
  throw new Error(`tracking number reservation returned no row for form ${request.formId}`)
}

/**
 * Takes the day's next tracking number unless the form was filed already or the consumer reached the daily cap.
 * The number is taken apart from the complaint's insert: there, the row lock would last until that insert commits.
 */
export function createTrackingNumberReservations(db: Database): (request: ReservationRequest) => Promise<Reservation> {
  const loader = new DataLoader<ReservationRequest, Reservation>(
    async (requests) => {
      // A batch spans one day and cap; only a batch across midnight (or a cap changed in a test) has two groups.
      const groups = new Map<string, ReservationRequest[]>()
      for (const request of requests) {
        const key = `${request.day}|${request.maxPerDay}`
        const group = groups.get(key)
        if (group) group.push(request)
        else groups.set(key, [request])
      }
      const answers = new Map<ReservationRequest, Reservation>()
      for (const group of groups.values()) {
        for (const [request, reservation] of await reserveBatch(db, group)) answers.set(request, reservation)
      }
      return requests.map((request) => answers.get(request) ?? new Error(`no reservation for form ${request.formId}`))
    },
    { cache: false, maxBatchSize: MAX_BATCH },
  )
  return (request) => loader.load(request)
}
