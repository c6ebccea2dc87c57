// What the directory import tests share: an empty directory before each test, and importing a file's text.
import type { Database } from '../../../src/db/client.ts'
import { importDirectory } from '../../../src/services/directory/import-directory.ts'
import { readDirectoryFile } from '../../../src/services/directory/read-directory-file.ts'
import { TEST_OPERATOR as by } from '../../support/operator.ts'
import { GOOD_CSV_ROWS } from './directory-fixtures.ts'

/** The good rows with the row on `line` replaced. */
export const withRow = (line: number, row: Record<string, string>) =>
  GOOD_CSV_ROWS.map((original, index) => (index + 2 === line ? row : original))

/** The helpers, bound to the file's database (created in its beforeAll). */
export function directoryImportKit(database: () => Database) {
  async function clearDirectory() {
    const db = database()
    await db.invite.deleteMany()
    await db.liaisonGrid.deleteMany()
    await db.membership.deleteMany()
    await db.person.deleteMany()
    await db.stationCoverage.deleteMany()
    await db.station.deleteMany()
    await db.platform.deleteMany()
    // Children before parents.
    for (const level of ['GRID', 'COMMUNITY', 'STREET', 'DISTRICT', 'CITY'] as const)
      await db.area.deleteMany({ where: { level } })
  }
  const importCsv = (text: string) => importDirectory(database(), readDirectoryFile(text, 'csv'), { by })
  const importJson = (text: string) => importDirectory(database(), readDirectoryFile(text, 'json'), { by })
  return { clearDirectory, importCsv, importJson }
}
