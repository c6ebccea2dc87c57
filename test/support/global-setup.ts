import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { adminQuery, databaseUrl } from './database.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

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
  execFileSync('npx', ['prisma', 'migrate', 'deploy', '--config', 'prisma/prisma.config.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl(template) },
    stdio: 'pipe',
  })
  project.provide('templateDatabase', template)
  return async () => {
    await adminQuery(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`)
  }
}
