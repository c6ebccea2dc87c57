import type { TestProject } from 'vitest/node'
import { adminQuery, databaseUrl, migrateDatabase } from './postgres-admin.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string
  }
}

/**
 * Migrates a template database once per run; each test file clones it (CREATE DATABASE … TEMPLATE).
 * The name is per run so that two runs on one machine never drop each other's template.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = `grid_tpl_${process.pid}_${Date.now().toString(36)}`
  await adminQuery(`CREATE DATABASE "${template}"`)
  migrateDatabase(databaseUrl(template))
  project.provide('templateDatabase', template)
  return async () => {
    await adminQuery(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`)
  }
}
