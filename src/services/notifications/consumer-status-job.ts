import type { Database } from '../../db/client.ts'
import { type PreparedStatement, queryRows } from '../../db/sql.ts'
import type { ComplaintKind, ComplaintStatus } from '../../domain/lifecycle/index.ts'
import type { RuleId } from '../../domain/rules/statutory-rules.ts'

/** Everything a consumer-status job reads before it sends, from ONE query. */
export interface ConsumerStatusJob {
  /** The job's outbox entry is done: a re-enqueued job that already finished. */
  done: boolean
  event:
    | {
        action: string
        toStatus: ComplaintStatus | null
        note: string | null
        ground: string | null
        amountFen: bigint | null
      }
    | undefined
  complaint: StatusComplaint | undefined
}

export interface StatusComplaint {
  id: string
  kind: ComplaintKind
  trackingNumber: string
  status: ComplaintStatus
  locale: string
  stationId: string | null
  decisionDueOn: string | null
  mediationDueOn: string | null
  dueDatesFinal: boolean
  mediationDueFinal: boolean
  rule: RuleId
  /** Whether a bureau station has received the ticket (the statutory clocks run). */
  bureauReceived: boolean
  ground: string | null
  recoveredFen: bigint | null
  consumer: { id: number; telegramId: bigint; reachable: boolean; locale: string | null }
  station: {
    name: string
    nameEn: string | null
    address: string | null
    addressEn: string | null
    phone: string | null
  } | null
}

// int8 columns come back as text (node-postgres reads them so).
type Row = {
  entryStatus: string | null
  eventId: string | null
  action: string
  toStatus: ComplaintStatus | null
  note: string | null
  eventGround: string | null
  eventAmountFen: string | null
  consumerId: number
  consumerTelegramId: string
  consumerReachable: boolean
  consumerLocale: string | null
  recoveredFen: string | null
  stationName: string | null
  stationNameEn: string | null
  stationAddress: string | null
  stationAddressEn: string | null
  stationPhone: string | null
} & Omit<StatusComplaint, 'consumer' | 'station' | 'id' | 'recoveredFen'> & { id: string | null }

/** $1 the job id, $2 the complaint id, $3 the event id. */
const CONSUMER_STATUS_JOB: PreparedStatement = {
  name: 'consumer-status-job',
  text: `
    SELECT (SELECT o.status::text FROM outbox_entry o WHERE o.job_id = $1) AS "entryStatus",
      e.id::text AS "eventId", e.action, e.to_status::text AS "toStatus", e.note, e.ground AS "eventGround", e.amount_fen::text AS "eventAmountFen",
      c.id, c.kind::text AS kind, c.tracking_number AS "trackingNumber", c.status::text AS status, c.locale, c.station_id AS "stationId",
      to_char(c.decision_due_on, 'YYYY-MM-DD') AS "decisionDueOn", to_char(c.mediation_due_on, 'YYYY-MM-DD') AS "mediationDueOn",
      c.due_dates_final AS "dueDatesFinal", c.mediation_due_final AS "mediationDueFinal", c.rule::text AS rule, c.bureau_received_at IS NOT NULL AS "bureauReceived", c.ground, c.recovered_fen::text AS "recoveredFen",
      c.consumer_id AS "consumerId", p.telegram_id::text AS "consumerTelegramId", p.reachable AS "consumerReachable", p.locale AS "consumerLocale",
      s.name AS "stationName", s.name_en AS "stationNameEn", s.address AS "stationAddress", s.address_en AS "stationAddressEn", s.phone AS "stationPhone"
    FROM (SELECT 1) AS one
    LEFT JOIN complaint_event e ON e.id = $3::bigint
    LEFT JOIN complaint c ON c.id = $2
    LEFT JOIN person p ON p.id = c.consumer_id
    LEFT JOIN station s ON s.id = c.station_id`,
}

const bigintOrNull = (text: string | null) => (text === null ? null : BigInt(text))

/** Reads the outbox entry, the event, the complaint, its consumer and its station in one round trip. */
export async function loadConsumerStatusJob(
  db: Database,
  jobId: string,
  complaintId: string,
  eventId: bigint,
): Promise<ConsumerStatusJob> {
  const [row] = await queryRows<Row>(db, CONSUMER_STATUS_JOB, [jobId, complaintId, eventId.toString()])
  if (!row) throw new Error(`consumer-status job ${jobId}: the context query returned no row`)
  return {
    done: row.entryStatus === 'DONE',
    event:
      row.eventId === null
        ? undefined
        : {
            action: row.action,
            toStatus: row.toStatus,
            note: row.note,
            ground: row.eventGround,
            amountFen: bigintOrNull(row.eventAmountFen),
          },
    complaint:
      row.id === null
        ? undefined
        : {
            id: row.id,
            kind: row.kind,
            trackingNumber: row.trackingNumber,
            status: row.status,
            locale: row.locale,
            stationId: row.stationId,
            decisionDueOn: row.decisionDueOn,
            mediationDueOn: row.mediationDueOn,
            dueDatesFinal: row.dueDatesFinal,
            mediationDueFinal: row.mediationDueFinal,
            rule: row.rule,
            bureauReceived: row.bureauReceived,
            ground: row.ground,
            recoveredFen: bigintOrNull(row.recoveredFen),
            consumer: {
              id: row.consumerId,
              telegramId: BigInt(row.consumerTelegramId),
              reachable: row.consumerReachable,
              locale: row.consumerLocale,
            },
            station:
              row.stationName === null
                ? null
                : {
                    name: row.stationName,
                    nameEn: row.stationNameEn,
                    address: row.stationAddress,
                    addressEn: row.stationAddressEn,
                    phone: row.stationPhone,
                  },
          },
  }
}
