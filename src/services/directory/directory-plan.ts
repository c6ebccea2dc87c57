/**
 * The shapes of a directory import: the validated rows, the snapshot of what is stored, and the plan of what to
 * create and update (plan-directory-import.ts computes it; import-directory.ts applies it).
 */
import type { AreaLevel } from '../../domain/directory/index.ts'
import type { StationKind } from '../../generated/prisma/enums.ts'
import type { AreaRow, CoverageRow, DirectoryIssue, LiaisonGridRow, PlatformRow, StationRow } from './directory-file.ts'

export type Located<T> = T & { line: number }

/** The rows of a file that passed their own schema, each with its line. */
export interface ValidatedRows {
  areas: Array<Located<AreaRow>>
  stations: Array<Located<StationRow>>
  coverage: Array<Located<CoverageRow>>
  platforms: Array<Located<PlatformRow>>
  liaisonGrids: Array<Located<LiaisonGridRow>>
  /** Codes of area and station rows that failed their schema: references to them are not reported again. */
  rejected: { areas: ReadonlySet<string>; stations: ReadonlySet<string> }
}

export interface StoredArea {
  code: string
  level: AreaLevel
  name: string
  nameEn: string | null
  parentCode: string | null
  latitude: number | null
  longitude: number | null
}

export interface StoredStation {
  id: string
  code: string
  kind: StationKind
  name: string
  nameEn: string | null
  address: string | null
  addressEn: string | null
  phone: string | null
  districtCode: string | null
}

export interface StoredPlatform {
  code: string
  name: string
  aliases: string[]
  districtCode: string | null
}

/** A LIAISON membership of one of the people the file names. */
export interface StoredLiaison {
  membershipId: number
  telegramId: bigint
  stationCode: string
  active: boolean
  gridCodes: ReadonlySet<string>
}

/** What the database holds that the file's rules depend on. */
export interface DirectorySnapshot {
  areas: ReadonlyMap<string, StoredArea>
  stations: ReadonlyMap<string, StoredStation>
  /** Station code → the codes of the areas it covers. */
  coverage: ReadonlyMap<string, ReadonlySet<string>>
  platforms: ReadonlyMap<string, StoredPlatform>
  /** Telegram ids of existing people, among those the file names. */
  people: ReadonlySet<bigint>
  /** Keyed by {@link liaisonKey}. */
  liaisons: ReadonlyMap<string, StoredLiaison>
}

/** The key of a liaison in {@link DirectorySnapshot.liaisons}: a person at a station. */
export function liaisonKey(telegramId: bigint, stationCode: string): string {
  return `${telegramId}:${stationCode}`
}

export interface EntityPlan<T> {
  create: T[]
  update: T[]
  unchanged: number
}

export interface CoverageLink {
  stationCode: string
  areaCode: string
}

export interface LiaisonGridLink {
  membershipId: number
  areaCode: string
}

/** Everything an import will write; counts of coverage and grids are per link (one station × one area). */
export interface DirectoryImportPlan {
  areas: EntityPlan<AreaRow>
  stations: EntityPlan<StationRow>
  platforms: EntityPlan<PlatformRow>
  coverage: { create: CoverageLink[]; unchanged: number }
  liaisonGrids: { create: LiaisonGridLink[]; unchanged: number; skipped: number }
}

export type DirectoryPlanResult =
  | { ok: true; plan: DirectoryImportPlan; warnings: DirectoryIssue[] }
  | { ok: false; errors: DirectoryIssue[]; warnings: DirectoryIssue[] }
