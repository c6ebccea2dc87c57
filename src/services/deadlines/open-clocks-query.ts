import type { Database, Prisma } from '../../db/client.ts'
import type { LocalDate } from '../../domain/calendar/local-date.ts'
import { type Clock, type OpenClock, openClocks } from '../../domain/deadlines/index.ts'
import type { ComplaintKind } from '../../domain/lifecycle/kinds.ts'
import type { StationKind } from '../../domain/lifecycle/station-powers.ts'
import type { ComplaintStatus } from '../../domain/lifecycle/statuses.ts'
import { NOTICE_GIVEN_SQL } from './owed-notice-query.ts'

type Db = Database | Prisma.TransactionClient

/** A ticket with running clocks, and what the deadline work needs to know about where it is. */
export interface TicketWithClocks {
  complaintId: string
  trackingNumber: string
  kind: ComplaintKind
  status: ComplaintStatus
  respondentName: string
  stationId: string | null
  stationKind: StationKind | null
  stationDistrict: string | null
  liaisonId: number | null
  clocks: OpenClock[]
}

interface Row {
  id: string
  tracking_number: string
  kind: ComplaintKind
  status: ComplaintStatus
  respondent_name: string
  station_id: string | null
  station_kind: StationKind | null
  district_code: string | null
  liaison_id: number | null
  bureau_received: boolean
  decision_due_on: LocalDate | null
  due_dates_final: boolean
  mediation_due_on: LocalDate | null
  mediation_due_final: boolean
  termination_notice_due_on: LocalDate | null
  termination_notice_due_final: boolean
  reporter_notice_due_on: LocalDate | null
  reporter_notice_due_final: boolean
  local_target_on: LocalDate | null
  paused_clock: Clock | null
  ending_notice_given: boolean
}

const date = (column: string) => `to_char(c.${column}, 'YYYY-MM-DD') AS ${column}`

// The statuses in which some clock can run (clocks.ts decides which); cases opened from complaints are not tickets.
const SQL = `
  SELECT c.id, c.tracking_number, c.kind::text AS kind, c.status::text AS status, c.respondent_name, c.station_id,
    s.kind::text AS station_kind, s.district_code, c.liaison_id, c.bureau_received_at IS NOT NULL AS bureau_received,
    ${date('decision_due_on')}, c.due_dates_final, ${date('mediation_due_on')}, c.mediation_due_final,
    ${date('termination_notice_due_on')}, c.termination_notice_due_final,
    ${date('reporter_notice_due_on')}, c.reporter_notice_due_final, ${date('local_target_on')},
    (SELECT p.clock FROM clock_pause p WHERE p.complaint_id = c.id AND p.ended_on IS NULL LIMIT 1) AS paused_clock,
    ${NOTICE_GIVEN_SQL} AS ending_notice_given
  FROM complaint c LEFT JOIN station s ON s.id = c.station_id
  WHERE c.origin_id IS NULL
    AND c.status IN ('RECEIVED', 'ESCALATED', 'LOCAL_MEDIATION', 'ACCEPTED', 'MEDIATING', 'VERIFYING', 'MEDIATION_ENDED',
                     'CASE_FILED', 'NOT_FILED')`

/**
 * Every ticket with a running clock, read from PostgreSQL (the one source of the schedule); only the station's
 * when `stationId` is given, only the listed tickets when `complaintIds` is.
 */
export async function ticketsWithClocks(
  db: Db,
  filter: { stationId?: string; complaintIds?: readonly string[] } = {},
): Promise<TicketWithClocks[]> {
  const values: unknown[] = []
  let where = ''
  if (filter.stationId) {
    values.push(filter.stationId)
    where += ` AND c.station_id = $${values.length}`
  }
  if (filter.complaintIds) {
    values.push([...filter.complaintIds])
    where += ` AND c.id = ANY($${values.length}::text[])`
  }
  const rows = await db.$queryRawUnsafe<Row[]>(`${SQL}${where} ORDER BY c.tracking_number`, ...values)
  return rows
    .map((row) => ({
      complaintId: row.id,
      trackingNumber: row.tracking_number,
      kind: row.kind,
      status: row.status,
      respondentName: row.respondent_name,
      stationId: row.station_id,
      stationKind: row.station_kind,
      stationDistrict: row.district_code,
      liaisonId: row.liaison_id,
      clocks: openClocks({
        kind: row.kind,
        status: row.status,
        bureauReceived: row.bureau_received,
        decisionDueOn: row.decision_due_on,
        dueDatesFinal: row.due_dates_final,
        mediationDueOn: row.mediation_due_on,
        mediationDueFinal: row.mediation_due_final,
        terminationNoticeDueOn: row.termination_notice_due_on,
        terminationNoticeDueFinal: row.termination_notice_due_final,
        reporterNoticeDueOn: row.reporter_notice_due_on,
        reporterNoticeDueFinal: row.reporter_notice_due_final,
        localTargetOn: row.local_target_on,
        endingNoticeGiven: row.ending_notice_given,
        pausedClock: row.paused_clock,
      }),
    }))
    .filter((ticket) => ticket.clocks.length > 0)
}
