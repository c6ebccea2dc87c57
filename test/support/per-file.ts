/**
 * Runs around every test file (vitest `setupFiles`). Test files share their worker process and its module cache
 * (`isolate: false` in vitest.config.ts), so whatever a file leaves in a module's state is reset here.
 */
import { afterAll, beforeAll } from 'vitest'
import { defaultWorkingDayCalendar, useWorkingDayCalendar } from '../../src/domain/calendar/working-day-calendar.ts'
import { killSpawnedProcesses } from './spawn-bot.ts'

beforeAll(() => {
  // The process's working-day calendar: a file that imported a holiday year must not count another file's days.
  useWorkingDayCalendar(defaultWorkingDayCalendar)
})

afterAll(async () => {
  // A bot or worker child a failing test left running.
  await killSpawnedProcesses()
})
