/**
 * The lifecycle written out by hand, independently of src/domain/lifecycle/transitions.ts,
 * so that an accidental edit to the table fails a test. Edit both on purpose.
 *
 * Line format: `kinds | from statuses | ACTION | to (= for unchanged) | roles | requirements | extras`.
 * Extras: `outcome=X`; `case=FROM>TO` (the row applies while the ticket's case is FROM, NONE for no case yet, and
 * moves it to TO); `ground=X` (a ground the path implies); `restores` (back to the status before the closing).
 */
export const EXPECTED_LIFECYCLE: readonly string[] = [
  'COMPLAINT,REPORT,INQUIRY | SUBMITTED | ROUTE | RECEIVED | SYSTEM,STAFF,ADMIN | TARGET_STATION |',
  'COMPLAINT | RECEIVED,LOCAL_MEDIATION | ASSIGN_LIAISON | = | STAFF,ADMIN | LIAISON |',
  'REPORT,INQUIRY | RECEIVED | ASSIGN_LIAISON | = | STAFF,ADMIN | LIAISON |',
  'COMPLAINT | RECEIVED | START_LOCAL_MEDIATION | LOCAL_MEDIATION | LIAISON,STAFF,ADMIN | |',
  'COMPLAINT | LOCAL_MEDIATION | SETTLE_LOCALLY | SETTLED_LOCALLY | LIAISON,STAFF,ADMIN | AMOUNT |',
  'COMPLAINT | RECEIVED,LOCAL_MEDIATION | ESCALATE | ESCALATED | LIAISON,STAFF,ADMIN | NOTE |',
  'REPORT,INQUIRY | RECEIVED | ESCALATE | ESCALATED | LIAISON,STAFF,ADMIN | NOTE |',
  'COMPLAINT | RECEIVED,ESCALATED | ACCEPT | ACCEPTED | STAFF,ADMIN | |',
  'COMPLAINT | RECEIVED,ESCALATED | REJECT | NOT_ACCEPTED | STAFF,ADMIN | NOT_ACCEPTED_GROUND |',
  'COMPLAINT | ACCEPTED | START_MEDIATION | MEDIATING | STAFF,ADMIN | |',
  'COMPLAINT | MEDIATING | RECORD_AGREEMENT | AGREED | STAFF,ADMIN | AMOUNT |',
  'COMPLAINT | ACCEPTED,MEDIATING | END_MEDIATION | MEDIATION_ENDED | STAFF,ADMIN | MEDIATION_ENDED_GROUND |',
  'REPORT | RECEIVED,ESCALATED | START_VERIFICATION | VERIFYING | STAFF,ADMIN | |',
  'REPORT | RECEIVED,ESCALATED,VERIFYING | EXTEND_FILING_DECISION | = | STAFF,ADMIN | NOTE |',
  'REPORT | VERIFYING | FILE_CASE | CASE_FILED | STAFF,ADMIN | | case=NONE>FILED',
  'COMPLAINT | ACCEPTED,NOT_ACCEPTED,MEDIATING,AGREED,MEDIATION_ENDED,CLOSED | FILE_CASE | = | STAFF,ADMIN | | case=NONE>VERIFYING',
  'REPORT | VERIFYING | NOT_FILE | NOT_FILED | STAFF,ADMIN | NOTE |',
  'COMPLAINT | ACCEPTED,NOT_ACCEPTED,MEDIATING,AGREED,MEDIATION_ENDED,CLOSED | CASE_FILE | = | STAFF,ADMIN | NOTE | case=VERIFYING>FILED',
  'COMPLAINT | ACCEPTED,NOT_ACCEPTED,MEDIATING,AGREED,MEDIATION_ENDED,CLOSED | CASE_NOT_FILE | = | STAFF,ADMIN | NOTE | case=VERIFYING>NOT_FILED',
  'COMPLAINT | ACCEPTED,NOT_ACCEPTED,MEDIATING,AGREED,MEDIATION_ENDED,CLOSED | CASE_DECIDE | = | STAFF,ADMIN | AMOUNT | case=FILED>DECIDED',
  'REPORT | CASE_FILED | CASE_DECIDE | = | STAFF,ADMIN | AMOUNT | case=FILED>DECIDED',
  'INQUIRY | RECEIVED,ESCALATED | ANSWER | ANSWERED | LIAISON,STAFF,ADMIN | NOTE |',
  'COMPLAINT | MEDIATION_ENDED | RECORD_NOTICE | = | STAFF,ADMIN | NOTE |',
  'REPORT | CASE_FILED,NOT_FILED | RECORD_NOTICE | = | STAFF,ADMIN | NOTE |',
  'COMPLAINT | AGREED | CLOSE | CLOSED | STAFF,ADMIN | | outcome=RESOLVED',
  'COMPLAINT | MEDIATION_ENDED | CLOSE | CLOSED | STAFF,ADMIN | | outcome=UNRESOLVED',
  'COMPLAINT | ACCEPTED | CLOSE | CLOSED | STAFF,ADMIN | OUTCOME,NOTE | outcome=FROM_INPUT',
  'INQUIRY | ANSWERED | CLOSE | CLOSED | LIAISON,STAFF,ADMIN | | outcome=RESOLVED',
  'COMPLAINT | CLOSED | CORRECT_CLOSING | = | STAFF,ADMIN | NOTE | restores',
  'COMPLAINT | RECEIVED,ESCALATED,ACCEPTED,MEDIATING | TRANSFER | = | STAFF,ADMIN | TARGET_STATION,NOTE |',
  'REPORT | RECEIVED,ESCALATED,VERIFYING | TRANSFER | = | STAFF,ADMIN | TARGET_STATION,NOTE |',
  'INQUIRY | RECEIVED,ESCALATED | TRANSFER | = | STAFF,ADMIN | TARGET_STATION,NOTE |',
  'COMPLAINT | SUBMITTED,RECEIVED,LOCAL_MEDIATION,SETTLED_LOCALLY,ESCALATED,ACCEPTED,NOT_ACCEPTED,MEDIATING,AGREED,MEDIATION_ENDED,CLOSED,WITHDRAWN | ADD_NOTE | = | LIAISON,STAFF,ADMIN | NOTE |',
  'REPORT | SUBMITTED,RECEIVED,ESCALATED,VERIFYING,CASE_FILED,NOT_FILED,WITHDRAWN | ADD_NOTE | = | LIAISON,STAFF,ADMIN | NOTE |',
  'INQUIRY | SUBMITTED,RECEIVED,ESCALATED,ANSWERED,CLOSED,WITHDRAWN | ADD_NOTE | = | LIAISON,STAFF,ADMIN | NOTE |',
  'COMPLAINT | SUBMITTED,RECEIVED,LOCAL_MEDIATION,ESCALATED | WITHDRAW | WITHDRAWN | CONSUMER | |',
  'COMPLAINT | ACCEPTED,MEDIATING | WITHDRAW | MEDIATION_ENDED | CONSUMER | | ground=WITHDRAWN_OR_SETTLED',
  'REPORT | SUBMITTED,RECEIVED,ESCALATED | WITHDRAW | WITHDRAWN | CONSUMER | |',
  'REPORT | VERIFYING | WITHDRAW | = | CONSUMER | |',
  'INQUIRY | SUBMITTED,RECEIVED,ESCALATED | WITHDRAW | WITHDRAWN | CONSUMER | |',
]

/** The statuses of each kind, by hand. */
export const EXPECTED_STATUSES_BY_KIND: Readonly<Record<string, readonly string[]>> = {
  COMPLAINT: [
    'SUBMITTED',
    'RECEIVED',
    'LOCAL_MEDIATION',
    'SETTLED_LOCALLY',
    'ESCALATED',
    'ACCEPTED',
    'NOT_ACCEPTED',
    'MEDIATING',
    'AGREED',
    'MEDIATION_ENDED',
    'CLOSED',
    'WITHDRAWN',
  ],
  REPORT: ['SUBMITTED', 'RECEIVED', 'ESCALATED', 'VERIFYING', 'CASE_FILED', 'NOT_FILED', 'WITHDRAWN'],
  INQUIRY: ['SUBMITTED', 'RECEIVED', 'ESCALATED', 'ANSWERED', 'CLOSED', 'WITHDRAWN'],
}

/** One allowed (kind, status, action), with everything the row says about it. */
export interface ExpectedEntry {
  readonly kind: string
  readonly from: string
  readonly action: string
  /** The resulting status; equals `from` when unchanged. */
  readonly to: string
  readonly roles: readonly string[]
  readonly requires: readonly string[]
  readonly outcome: string | undefined
  /** The case state the row needs and the one it leads to, if it acts on the case. */
  readonly caseStep: { readonly from: string; readonly to: string } | undefined
  readonly ground: string | undefined
  readonly restores: boolean
}

const list = (field: string): string[] =>
  field
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')

/** Parses the hand-written lines into one entry per (kind, from, action). */
export function parseExpected(lines: readonly string[]): ExpectedEntry[] {
  return lines.flatMap((line) => {
    const [kinds = '', froms = '', action = '', to = '', roles = '', requires = '', extras = ''] = line
      .split('|')
      .map((s) => s.trim())
    const outcome = /outcome=(\w+)/.exec(extras)?.[1]
    const caseMatch = /case=(\w+)>(\w+)/.exec(extras)
    const caseStep = caseMatch ? { from: caseMatch[1] ?? '', to: caseMatch[2] ?? '' } : undefined
    const ground = /ground=(\w+)/.exec(extras)?.[1]
    return list(kinds).flatMap((kind) =>
      list(froms).map((from) => ({
        kind,
        from,
        action,
        to: to === '=' ? from : to,
        roles: list(roles),
        requires: list(requires),
        outcome,
        caseStep,
        ground,
        restores: /\brestores\b/.test(extras),
      })),
    )
  })
}

/** A key that identifies one (kind, status, action). */
export const entryKey = (kind: string, from: string, action: string): string => `${kind}:${from}:${action}`
