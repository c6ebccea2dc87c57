export * from './local-date.ts'
export * from './holiday-table.ts'
export * from './working-day-calendar.ts'
