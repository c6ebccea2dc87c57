import { describe, expect, it } from 'vitest'
import type { LocalDate } from '../../../src/domain/calendar/local-date.ts'
import { defaultWorkingDayCalendar } from '../../../src/domain/calendar/working-day-calendar.ts'
import { calendarDaysPaused, calendarDueAfterPauses, pauseUnit } from '../../../src/domain/deadlines/index.ts'

const day = (iso: string) => iso as LocalDate

describe('a pause of a period counted in calendar days (Order 121: mediation within 60 days)', () => {
  it('is kept out in calendar days for Order 121’s mediation, in working days for every other pausable period', () => {
    expect(pauseUnit('MEDIATION', 'ORDER_121')).toBe('CALENDAR_DAYS')
    expect(pauseUnit('MEDIATION', 'ORDER_20')).toBe('WORKING_DAYS')
    expect(pauseUnit('DECISION', 'ORDER_121')).toBe('WORKING_DAYS')
    expect(calendarDaysPaused(day('2026-11-19'), day('2026-11-30'))).toBe(11)
    expect(calendarDaysPaused(day('2026-11-19'), day('2026-11-19'))).toBe(0)
  })

  it('counts from acceptance and moves off a holiday once, never twice', () => {
    // Accepted Sunday 2 August 2026: the 60th day is 1 October (国庆), so the period ends Thursday 8 October.
    const accepted = day('2026-08-02')
    expect(calendarDueAfterPauses(accepted, 60, [], defaultWorkingDayCalendar).date).toBe('2026-10-08')
    // Testing from 1 to 4 September (3 days): the 63rd day is 4 October, still in the holiday, so still 8 October;
    // not the 8 October moved on by 3 working days (12 October).
    const testing = [{ startedOn: day('2026-09-01'), endedOn: day('2026-09-04') }]
    expect(calendarDueAfterPauses(accepted, 60, testing, defaultWorkingDayCalendar).date).toBe('2026-10-08')
    // Two pauses add up: 3 + 10 days, the 73rd day is Wednesday 14 October.
    const twice = [...testing, { startedOn: day('2026-09-10'), endedOn: day('2026-09-20') }]
    expect(calendarDueAfterPauses(accepted, 60, twice, defaultWorkingDayCalendar).date).toBe('2026-10-14')
  })
})
