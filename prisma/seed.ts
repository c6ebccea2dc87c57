/**
 * `npm run db:seed`: loads the demo region (眉山市, prisma/seed/meishan.json) through the same importDirectory
 * the admin command line uses, so the seed obeys every rule of a real import and running it twice changes nothing.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { fileURLToPath } from 'node:url'
import { cliActor } from '../src/admin/cli-actor.ts'
import { createDatabase, type Database } from '../src/db/client.ts'
import { type DirectoryImportResult, importDirectory } from '../src/services/directory/import-directory.ts'
import { readDirectoryFile } from '../src/services/directory/read-directory-file.ts'

export const DEMO_REGION_FILE = fileURLToPath(new URL('./seed/meishan.json', import.meta.url))

/** Imports the demo region into `db`, recorded in the audit log as an import by the OS user. */
export async function seedDemoRegion(db: Database, file = DEMO_REGION_FILE): Promise<DirectoryImportResult> {
  const text = await readFile(file, 'utf8')
  return importDirectory(db, readDirectoryFile(text, 'json'), { by: cliActor(process.env), source: basename(file) })
}

async function main(): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env')
  const url = process.env.DATABASE_URL?.trim()
  if (!url) {
    console.error('error: DATABASE_URL is not set (put it in the environment or in .env)')
    return 1
  }
  const db = createDatabase(url, { maxConnections: 2 })
  try {
    const result = await seedDemoRegion(db)
    if (!result.ok) {
      for (const issue of result.errors)
        console.error(
          `  line ${issue.line}: ${issue.section}${issue.field ? `.${issue.field}` : ''} ${issue.value ?? ''}: ${issue.message}`,
        )
      console.error(`error: ${DEMO_REGION_FILE} has ${result.errors.length} errors; nothing was seeded`)
      return 1
    }
    for (const [entity, counts] of Object.entries(result.counts)) {
      console.log(
        `${entity.padEnd(13)} created ${counts.created}, updated ${counts.updated}, unchanged ${counts.unchanged}`,
      )
    }
    return 0
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message.trim().split('\n').at(-1) : String(error)}`)
    return 1
  } finally {
    await db.$disconnect()
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = await main()
