import { describe, expect, it } from 'vitest'
import { parseLocalDate as d } from '../../../src/domain/calendar/local-date.ts'
import { cnHolidayTable, createWorkingDayCalendar } from '../../../src/domain/calendar/working-day-calendar.ts'
import {
  isTimeBarred,
  mediationDeadline,
  reporterNoticeDeadline,
  reportFilingDecisionDeadline,
  statutoryDeadlines,
  terminationNoticeDeadline,
  timeBarLastDay,
} from '../../../src/domain/rules/statutory-deadlines.ts'

describe('statutoryDeadlines', () => {
  it('gives 7 working days from receipt across National Day 2026', () => {
    expect(statutoryDeadlines(new Date('2026-09-28T02:00:00Z'))).toEqual({
      rule: 'ORDER_121',
      receivedOn: '2026-09-28',
      decisionDue: '2026-10-13',
      calendarPublished: true,
    })
  })

  it('picks the rule from the Asia/Shanghai date: 2026-04-14T16:30Z is 2026-04-15, so Order 121', () => {
    expect(statutoryDeadlines(new Date('2026-04-14T16:30:00Z'))).toMatchObject({
      rule: 'ORDER_121',
      receivedOn: '2026-04-15',
      decisionDue: '2026-04-24',
    })
    expect(statutoryDeadlines(new Date('2026-04-14T15:30:00Z')).rule).toBe('ORDER_20')
  })

  it('honours an explicitly given rule', () => {
    expect(statutoryDeadlines(new Date('2026-09-28T02:00:00Z'), 'ORDER_20').rule).toBe('ORDER_20')
  })

  it('flags a deadline that runs into an unpublished year', () => {
    expect(statutoryDeadlines(new Date('2026-12-28T02:00:00Z'))).toMatchObject({
      decisionDue: '2027-01-07',
      calendarPublished: false,
    })
  })

  it('uses the calendar it is given', () => {
    const calendar = createWorkingDayCalendar({
      ...cnHolidayTable,
      years: { ...cnHolidayTable.years, '2027': { holidays: ['2027-01-01'], makeUpWorkdays: [] } },
    })
    expect(statutoryDeadlines(new Date('2026-12-28T02:00:00Z'), undefined, { calendar })).toMatchObject({
      decisionDue: '2027-01-07',
      calendarPublished: true,
    })
  })
})

describe('mediationDeadline', () => {
  it('is 45 working days after acceptance under Order 20 (Qingming and May Day skipped)', () => {
    expect(mediationDeadline(d('2026-03-02'), 'ORDER_20')).toEqual({ date: '2026-05-08', calendarPublished: true })
  })

  it('is 60 calendar days after acceptance under Order 121', () => {
    expect(mediationDeadline(d('2026-04-16'), 'ORDER_121')).toEqual({ date: '2026-06-15', calendarPublished: true })
  })

  it('moves an Order 121 period ending in the National Day holiday to the next working day', () => {
    expect(mediationDeadline(d('2026-08-05'), 'ORDER_121')).toEqual({ date: '2026-10-08', calendarPublished: true })
  })
})

describe('other deadlines', () => {
  it('gives 7 working days to notify a termination', () => {
    expect(terminationNoticeDeadline(d('2026-09-28'), 'ORDER_121').date).toBe('2026-10-13')
  })

  it('gives 15 working days to decide on filing a report, 30 with the extension', () => {
    expect(reportFilingDecisionDeadline(d('2026-09-28'), 'ORDER_121').date).toBe('2026-10-23')
    expect(reportFilingDecisionDeadline(d('2026-09-28'), 'ORDER_121', { extended: true }).date).toBe('2026-11-13')
  })

  it('gives 5 working days to tell a named reporter after the filing decision', () => {
    expect(reporterNoticeDeadline(d('2026-09-24'), 'ORDER_20').date).toBe('2026-10-09')
  })
})

describe('time bar', () => {
  it('ends 3 years after the harm was known, on the corresponding day', () => {
    expect(timeBarLastDay(d('2023-05-09'), 'ORDER_121')).toEqual({ date: '2026-05-09', calendarPublished: true })
  })

  it('moves off a rest day to the next working day', () => {
    expect(timeBarLastDay(d('2023-05-10'), 'ORDER_121').date).toBe('2026-05-11')
  })

  it('bars a complaint received after the last day only', () => {
    expect(isTimeBarred(d('2023-05-10'), d('2026-05-11'), 'ORDER_121')).toBe(false)
    expect(isTimeBarred(d('2023-05-10'), d('2026-05-12'), 'ORDER_121')).toBe(true)
  })
})
