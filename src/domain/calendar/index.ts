export * from './holiday-table.ts'
export * from './local-date.ts'
export * from './working-day-calendar.ts'
