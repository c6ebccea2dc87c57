import { describe, expect, it } from 'vitest'
import {
  defaultWorkingDayCalendar as calendar,
  parseLocalDate as d,
  plusDays,
} from '../../../src/domain/calendar/index.ts'
import {
  dueAfterPause,
  noticeCarriedBy,
  noticeDue,
  openClocks,
  pausableClock,
  supervisingKind,
  type TicketClockState,
} from '../../../src/domain/deadlines/index.ts'

const decision = { clock: 'DECISION' as const, dueOn: d('2026-10-13'), provisional: false }

describe('noticeDue', () => {
  it('reminds a decision due 2026-10-13 on 10-09 and 10-13, never on the National Day holidays, overdue on 10-14', () => {
    const notices: string[] = []
    for (let day = d('2026-09-28'); day <= d('2026-10-20'); day = plusDays(day, 1)) {
      const kind = noticeDue(decision, day, calendar)
      if (kind) notices.push(`${day} ${kind}`)
    }
    // The caller sends each kind once per due date: the first of each is what goes out.
    const first = (kind: string) => notices.find((line) => line.endsWith(kind))
    expect(first('REMIND_BEFORE')).toBe('2026-10-09 REMIND_BEFORE')
    expect(first('REMIND_DUE')).toBe('2026-10-13 REMIND_DUE')
    expect(first('OVERDUE')).toBe('2026-10-14 OVERDUE')
    expect(notices.some((line) => line.startsWith('2026-10-0') && Number(line.slice(8, 10)) <= 7)).toBe(false)
  })
})

describe('dueAfterPause', () => {
  it('moves the due date by the working days between the start and the end of testing', () => {
    // Mediation accepted 2026-11-02 (Order 20: 45 wd). Day 3 = 11-05, day 10 = 11-16: 7 working days paused.
    const due = calendar.addWorkingDays(d('2026-11-02'), 45).date
    const start = calendar.addWorkingDays(d('2026-11-02'), 3).date
    const end = calendar.addWorkingDays(d('2026-11-02'), 10).date
    const moved = dueAfterPause(due, start, end, calendar)
    expect(moved.pausedWorkingDays).toBe(7)
    expect(moved.date).toBe(calendar.addWorkingDays(due, 7).date)
  })

  it('pauses mediation for testing and the acceptance decision for identity proof, on complaints only', () => {
    expect(pausableClock('COMPLAINT', 'MEDIATING', 'TESTING')).toBe('MEDIATION')
    expect(pausableClock('COMPLAINT', 'RECEIVED', 'IDENTITY_PROOF')).toBe('DECISION')
    expect(pausableClock('COMPLAINT', 'RECEIVED', 'TESTING')).toBeNull()
    expect(pausableClock('REPORT', 'VERIFYING', 'TESTING')).toBeNull()
  })
})

describe('openClocks and supervision', () => {
  const base: TicketClockState = {
    kind: 'COMPLAINT',
    status: 'RECEIVED',
    bureauReceived: true,
    decisionDueOn: d('2026-10-13'),
    dueDatesFinal: true,
    mediationDueOn: null,
    mediationDueFinal: true,
    terminationNoticeDueOn: null,
    terminationNoticeDueFinal: true,
    reporterNoticeDueOn: null,
    reporterNoticeDueFinal: true,
    localTargetOn: null,
    endingNoticeGiven: false,
    pausedClock: null,
  }

  it('stops a clock with the act it waits for, and while it is paused', () => {
    expect(openClocks(base).map((c) => c.clock)).toEqual(['DECISION'])
    expect(openClocks({ ...base, status: 'NOT_ACCEPTED' })).toEqual([])
    expect(openClocks({ ...base, pausedClock: 'DECISION' })).toEqual([])
    expect(
      openClocks({ ...base, bureauReceived: false, decisionDueOn: null, localTargetOn: d('2026-10-20') }).map(
        (c) => c.clock,
      ),
    ).toEqual(['LOCAL_TARGET'])
  })

  it('runs the termination and reporter notices until the notice was given', () => {
    const ended = { ...base, status: 'MEDIATION_ENDED' as const, terminationNoticeDueOn: d('2026-10-22') }
    expect(openClocks(ended).map((c) => c.clock)).toEqual(['TERMINATION_NOTICE'])
    expect(openClocks({ ...ended, endingNoticeGiven: true })).toEqual([])
    const decided = {
      ...base,
      kind: 'REPORT' as const,
      status: 'NOT_FILED' as const,
      reporterNoticeDueOn: d('2026-10-20'),
    }
    expect(openClocks(decided).map((c) => c.clock)).toEqual(['REPORTER_NOTICE'])
    expect(openClocks({ ...decided, endingNoticeGiven: true })).toEqual([])
    // An anonymous report has no notice date: nothing is owed.
    expect(openClocks({ ...decided, reporterNoticeDueOn: null })).toEqual([])
  })

  it('knows which status message carries a notice: the ending, not the steps before or after it', () => {
    expect(noticeCarriedBy('COMPLAINT', 'END_MEDIATION', 'MEDIATION_ENDED')).toBe('TERMINATION_NOTICE')
    expect(noticeCarriedBy('COMPLAINT', 'WITHDRAW', 'MEDIATION_ENDED')).toBe('TERMINATION_NOTICE')
    expect(noticeCarriedBy('COMPLAINT', 'WITHDRAW', 'WITHDRAWN')).toBeNull()
    expect(noticeCarriedBy('REPORT', 'NOT_FILE', 'NOT_FILED')).toBe('REPORTER_NOTICE')
    expect(noticeCarriedBy('REPORT', 'FILE_CASE', 'CASE_FILED')).toBe('REPORTER_NOTICE')
    expect(noticeCarriedBy('COMPLAINT', 'FILE_CASE', null)).toBeNull()
    expect(noticeCarriedBy('COMPLAINT', 'ACCEPT', 'ACCEPTED')).toBeNull()
    expect(noticeCarriedBy('COMPLAINT', 'CLOSE', 'CLOSED')).toBeNull()
  })

  it('has the county center supervise 所 and community stations, the city center the county centers', () => {
    expect(supervisingKind('MARKET_SUPERVISION_OFFICE')).toBe('COUNTY_CENTER')
    expect(supervisingKind('COMMUNITY_LIAISON_STATION')).toBe('COUNTY_CENTER')
    expect(supervisingKind('COUNTY_CENTER')).toBe('CITY_CENTER')
    expect(supervisingKind('CITY_CENTER')).toBeNull()
  })
})
