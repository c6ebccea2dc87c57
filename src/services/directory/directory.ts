import type { Database } from '../../db/client.ts'
import type { DirectoryFile } from './directory-file.ts'
import { listPeople, listStations } from './directory-listings.ts'
import { type DirectoryImportOptions, importDirectory } from './import-directory.ts'

export type { DirectoryFile, DirectoryIssue } from './directory-file.ts'
export type { MembershipListing, PeopleListingResult, PersonListing, StationListing } from './directory-listings.ts'
export type {
  DirectoryCounts,
  DirectoryImportOptions,
  DirectoryImportResult,
  EntityCounts,
} from './import-directory.ts'
export type { DirectoryFormat } from './read-directory-file.ts'

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

export type Directory = ReturnType<typeof createDirectory>
