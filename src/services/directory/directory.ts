import type { Database } from '../../db/client.ts'
import type { DirectoryFile } from './directory-file.ts'
import { listPeople, listStations } from './directory-listings.ts'
import { type DirectoryImportOptions, importDirectory } from './import-directory.ts'

/** The region and station directory: importing it from a file, and the read-only views the admin command line shows. */
export function createDirectory({ db }: { db: Database }) {
  return {
    /** See {@link importDirectory}: validates everything, then upserts by code in one transaction. */
    importDirectory: (file: DirectoryFile, options: DirectoryImportOptions) => importDirectory(db, file, options),
    /** Every station with its bound chat, coverage and member counts. */
    listStations: () => listStations(db),
    /** People with a role, optionally at one station. */
    listPeople: (options: { stationCode?: string | undefined; includeRevoked?: boolean } = {}) =>
      listPeople(db, options),
  }
}
