import type { Database } from '../../db/client.ts'
import { type PreparedStatement, queryRows } from '../../db/sql.ts'
import { type CaseStatus, OPEN_STATUSES, type StationKind } from '../../domain/lifecycle/index.ts'
import { ADDED_INFORMATION_SHOWN } from '../../telegram/render/card-hand-over.ts'
import type { AreaName, TicketCardView, TicketRedirectReason } from '../../telegram/render/ticket-card.ts'
import { NOTICE_UNDELIVERED_SQL } from '../deadlines/owed-notice-query.ts'
import { messageLink, RELATED_COMPLAINTS, sameBusiness } from './related-complaints.ts'

/** The complaint does not exist (deleted, or a forged id in callback data). */
export class ComplaintNotFoundError extends Error {
  override name = 'ComplaintNotFoundError'
  constructor(complaintId: string) {
    super(`Complaint ${complaintId} does not exist.`)
  }
}

/** The columns stored as the card shows them. */
type StoredAsShown =
  | 'trackingNumber'
  | 'kind'
  | 'status'
  | 'categoryCode'
  | 'respondentName'
  | 'respondentAddress'
  | 'incidentDate'
  | 'facts'
  | 'violation'
  | 'demands'
  | 'demandOther'
  | 'contactName'
  | 'contactPhone'
  | 'anonymous'
  | 'decisionDueOn'
  | 'dueDatesFinal'
  | 'idType'
  | 'idNumberMasked'
  | 'localTargetOn'
  | 'filingExtensionNote'
  | 'mediationDueOn'
  | 'runningPause'
  | 'noticeUndelivered'

/** One row of {@link ticketCardViewSelect}: the card's complaint, with everything around it already joined. */
export interface TicketCardViewRow extends Pick<TicketCardView, StoredAsShown> {
  id: string
  isOnline: boolean
  platformName: string | null
  /** int8, as text. */
  amountFen: string | null
  stationId: string | null
  stationName: string | null
  stationNameEn: string | null
  stationKind: StationKind | null
  /** int8, as text. */
  stationChatId: string | null
  liaisonName: string | null
  evidenceCount: number
  /** From the district down to the picked area; the city is left out (every ticket is in it). */
  path: AreaName[] | null
  redirectedFromName: string | null
  redirectedFromNameEn: string | null
  redirectReason: TicketRedirectReason | null
  /** The enforcement case opened from the ticket (penaltyFen as text). */
  enforcementCase: { caseNumber: string; status: CaseStatus; penaltyFen: string | null } | null
  /** Why the ticket reached its station (the latest escalation or staff transfer to it), if it says. */
  handOverReason: { action: 'ESCALATE' | 'TRANSFER'; note: string } | null
  /** The consumer's added texts: how many, and the latest few (created_at as JSON text). */
  addedInformation: { count: number; latest: Array<{ at: string; text: string }> } | null
  /** Open complaints at the same station (oldest first, at most 500), with the id of their card in its group. */
  candidates: Array<{ id: string; trackingNumber: string; respondentName: string; cardMessageId: number | null }> | null
}

/**
 * The card's view as ONE select with $1 the complaint id (the ticket-card job embeds it in its own statement):
 * the complaint, its station, its evidence count, its place (district → picked area), the station it was
 * redirected from by the latest routing or hand-over event, and the candidates for related complaints.
 * Columns as {@link TicketCardViewRow}; int8 columns as text (node-postgres reads them so).
 */
export const TICKET_CARD_VIEW_SELECT = `
  SELECT c.id, c.tracking_number AS "trackingNumber", c.kind::text AS kind, c.status::text AS status, c.category_code AS "categoryCode",
    c.respondent_name AS "respondentName", c.respondent_address AS "respondentAddress", c.is_online AS "isOnline", c.platform_name AS "platformName",
    to_char(c.incident_date, 'YYYY-MM-DD') AS "incidentDate", c.facts, c.violation, c.demands, c.demand_other AS "demandOther",
    c.amount_fen::text AS "amountFen", c.contact_name AS "contactName", c.contact_phone AS "contactPhone", c.anonymous,
    c.id_type::text AS "idType", c.id_number_masked AS "idNumberMasked",
    to_char(c.decision_due_on, 'YYYY-MM-DD') AS "decisionDueOn", c.due_dates_final AS "dueDatesFinal",
    to_char(c.local_target_on, 'YYYY-MM-DD') AS "localTargetOn", c.filing_extension_note AS "filingExtensionNote",
    to_char(c.mediation_due_on, 'YYYY-MM-DD') AS "mediationDueOn",
    (SELECT json_build_object('clock', p.clock, 'reason', p.reason) FROM clock_pause p
      WHERE p.complaint_id = c.id AND p.ended_on IS NULL LIMIT 1) AS "runningPause",
    ${NOTICE_UNDELIVERED_SQL} AS "noticeUndelivered",
    s.id AS "stationId", s.kind::text AS "stationKind", s.name AS "stationName", s.name_en AS "stationNameEn", s.chat_id::text AS "stationChatId",
    (SELECT p.display_name FROM person p JOIN membership m ON m.person_id = p.id AND m.station_id = c.station_id
       AND m.role = 'LIAISON' AND m.revoked_at IS NULL WHERE p.id = c.liaison_id) AS "liaisonName",
    (SELECT count(*)::int FROM attachment a WHERE a.complaint_id = c.id) AS "evidenceCount",
    (SELECT json_build_object('action', e.action, 'note', e.note) FROM complaint_event e
      WHERE e.complaint_id = c.id AND e.note IS NOT NULL AND e.data->>'toStationId' = c.station_id
        AND (e.action = 'ESCALATE' OR (e.action = 'TRANSFER' AND e.actor_role <> 'SYSTEM'))
      ORDER BY e.id DESC LIMIT 1) AS "handOverReason",
    (SELECT json_build_object('count', count(*),
        'latest', COALESCE(json_agg(json_build_object('at', x.created_at, 'text', x.note) ORDER BY x.id DESC)
          FILTER (WHERE x.rank <= ${ADDED_INFORMATION_SHOWN}), '[]'::json))
       FROM (SELECT e.id, e.note, e.created_at, row_number() OVER (ORDER BY e.id DESC) AS rank FROM complaint_event e
              WHERE e.complaint_id = c.id AND e.action = 'ADD_INFORMATION' AND e.note IS NOT NULL) x) AS "addedInformation",
    (SELECT json_build_object('caseNumber', ec.case_number, 'status', ec.status, 'penaltyFen', ec.penalty_fen::text)
       FROM enforcement_case ec WHERE ec.origin_complaint_id = c.id) AS "enforcementCase",
    (WITH RECURSIVE chain AS (
       SELECT a.code, a.level, a.name, a.name_en, a.parent_code, 0 AS depth FROM area a WHERE a.code = c.area_code
       UNION ALL
       SELECT a.code, a.level, a.name, a.name_en, a.parent_code, ch.depth + 1 FROM chain ch JOIN area a ON a.code = ch.parent_code WHERE ch.depth < 10
     )
     SELECT json_agg(json_build_object('name', name, 'nameEn', name_en) ORDER BY depth DESC) FROM chain WHERE level <> 'CITY') AS path,
    rs.name AS "redirectedFromName", rs.name_en AS "redirectedFromNameEn",
    CASE WHEN rs.id IS NOT NULL THEN COALESCE(ev.reason, 'STATION_UNBOUND') END AS "redirectReason",
    (SELECT json_agg(json_build_object('id', r.id, 'trackingNumber', r.tracking_number, 'respondentName', r.respondent_name, 'cardMessageId', card.message_id) ORDER BY r.created_at)
       FROM (SELECT o.id, o.tracking_number, o.respondent_name, o.created_at FROM complaint o
              WHERE o.station_id = c.station_id AND o.status = ANY('{${OPEN_STATUSES.join(',')}}'::"ComplaintStatus"[]) AND o.id <> c.id
              ORDER BY o.created_at LIMIT ${RELATED_COMPLAINTS.candidates}) r
       LEFT JOIN LATERAL (SELECT m.message_id FROM chat_message m WHERE m.complaint_id = r.id AND m.purpose = 'TICKET_CARD' AND m.chat_id = s.chat_id ORDER BY m.id LIMIT 1) card ON true
    ) AS candidates
  FROM complaint c
  LEFT JOIN station s ON s.id = c.station_id
  LEFT JOIN LATERAL (
    SELECT NULLIF(e.data->>'redirectedFrom', '') AS code, e.data->>'redirectReason' AS reason FROM complaint_event e
     WHERE e.complaint_id = c.id AND e.action IN ('ROUTE', 'TRANSFER') ORDER BY e.id DESC LIMIT 1
  ) ev ON true
  LEFT JOIN station rs ON rs.code = ev.code
  WHERE c.id = $1`

const TICKET_CARD_VIEW: PreparedStatement = { name: 'ticket-card-view', text: TICKET_CARD_VIEW_SELECT }

/**
 * Reads what a ticket card shows, in one query: the complaint, its place (district → grid names), its station,
 * how many pieces of evidence it has, why it was redirected, if it was, and the related open complaints.
 * @throws ComplaintNotFoundError when there is no such complaint.
 */
export async function loadTicketCardView(db: Database, complaintId: string): Promise<TicketCardView> {
  const rows = await queryRows<TicketCardViewRow>(db, TICKET_CARD_VIEW, [complaintId])
  const row = rows[0]
  if (!row) throw new ComplaintNotFoundError(complaintId)
  return toTicketCardView(row)
}

export function toTicketCardView(row: TicketCardViewRow): TicketCardView {
  const path = row.path ?? []
  return {
    complaintId: row.id,
    trackingNumber: row.trackingNumber,
    kind: row.kind,
    status: row.status,
    categoryCode: row.categoryCode,
    respondentName: row.respondentName,
    respondentAddress: row.respondentAddress,
    place: row.isOnline
      ? { type: 'online', platformName: row.platformName ?? '' }
      : path.length > 0
        ? { type: 'area', path }
        : { type: 'unknown' },
    incidentDate: row.incidentDate,
    facts: row.facts,
    violation: row.violation,
    demands: row.demands,
    demandOther: row.demandOther,
    amountFen: row.amountFen === null ? null : BigInt(row.amountFen),
    evidenceCount: row.evidenceCount,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    idType: row.idType,
    idNumberMasked: row.idNumberMasked,
    anonymous: row.anonymous,
    decisionDueOn: row.decisionDueOn,
    dueDatesFinal: row.dueDatesFinal,
    localTargetOn: row.localTargetOn,
    filingExtensionNote: row.filingExtensionNote,
    mediationDueOn: row.mediationDueOn,
    runningPause: row.runningPause,
    noticeUndelivered: row.noticeUndelivered,
    liaisonName: row.liaisonName,
    handOverReason: row.handOverReason,
    addedInformation: row.addedInformation && {
      count: row.addedInformation.count,
      latest: row.addedInformation.latest.map((entry) => ({ at: new Date(entry.at), text: entry.text })),
    },
    station:
      row.stationId === null
        ? null
        : {
            id: row.stationId,
            name: row.stationName ?? '',
            nameEn: row.stationNameEn,
            kind: row.stationKind ?? 'COUNTY_CENTER',
          },
    redirectedFrom:
      row.redirectedFromName === null
        ? null
        : {
            stationName: { name: row.redirectedFromName, nameEn: row.redirectedFromNameEn },
            reason: row.redirectReason ?? 'STATION_UNBOUND',
          },
    related: related(row),
    enforcementCase: row.enforcementCase && {
      caseNumber: row.enforcementCase.caseNumber,
      status: row.enforcementCase.status,
      penaltyFen: row.enforcementCase.penaltyFen === null ? null : BigInt(row.enforcementCase.penaltyFen),
    },
  }
}

/** The candidates about a business of the same (normalized) name: a possible group dispute, linked to their cards. */
function related(row: TicketCardViewRow): NonNullable<TicketCardView['related']> {
  if (row.stationId === null) return []
  return sameBusiness(row.respondentName, row.candidates ?? []).map((candidate) => ({
    trackingNumber: candidate.trackingNumber,
    link:
      row.stationChatId !== null && candidate.cardMessageId !== null
        ? messageLink(row.stationChatId, candidate.cardMessageId)
        : null,
  }))
}
