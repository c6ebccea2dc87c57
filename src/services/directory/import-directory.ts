import type { Database, Prisma } from '../../db/client.ts'
import { AREA_LEVELS } from '../../domain/directory/index.ts'
import type { AuditActor } from '../audit/audit-actor.ts'
import { recordAudit } from '../audit/audit-log.ts'
import type { AreaRow, DirectoryFile, DirectoryIssue } from './directory-file.ts'
import {
  type DirectoryImportPlan,
  type DirectorySnapshot,
  liaisonKey,
  type StoredLiaison,
  type ValidatedRows,
} from './directory-plan.ts'
import { planDirectoryImport } from './plan-directory-import.ts'
import { byLine, validateDirectoryRows } from './validate-directory-rows.ts'

type Transaction = Prisma.TransactionClient

/** How many rows (areas, stations, platforms) or links (coverage, liaison grids) an import created, updated or left alone. */
export interface EntityCounts {
  created: number
  updated: number
  unchanged: number
  /** Liaison grids of people who have no active liaison membership yet (see the warnings). */
  skipped: number
}

export type DirectoryCounts = Record<'areas' | 'stations' | 'coverage' | 'platforms' | 'liaisonGrids', EntityCounts>

export interface DirectoryImportOptions {
  /** Validate and count, but write nothing. */
  dryRun?: boolean
  /** Who imports, for the audit log (a dry run is not recorded). */
  by: AuditActor
  /** The file's name, for the audit log. */
  source?: string | undefined
}

export type DirectoryImportResult =
  | { ok: true; counts: DirectoryCounts; warnings: DirectoryIssue[] }
  | { ok: false; errors: DirectoryIssue[]; warnings: DirectoryIssue[] }

// Any constant will do: it only serializes directory imports with each other.
const IMPORT_LOCK = 1_231_500_001

/**
 * Imports a directory file: validates every row and every cross-row rule (against the file and what is stored)
 * and, only if nothing is wrong, upserts everything by code in one transaction. Rows equal to what is stored
 * are not written, so a second import of the same file reports them all as unchanged. Nothing is ever deleted:
 * an area, station, coverage link or grid missing from the file stays as it is.
 *
 * An import that writes is recorded in the audit log, in the same transaction.
 *
 * @returns counts per entity (what was, or with `dryRun` would be, written), or every error with its line and nothing written.
 */
export async function importDirectory(
  db: Database,
  file: DirectoryFile,
  options: DirectoryImportOptions,
): Promise<DirectoryImportResult> {
  const validated = validateDirectoryRows(file)
  return db.$transaction(
    async (tx) => {
      // Two imports at once would each plan against a snapshot the other is changing.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IMPORT_LOCK}::bigint)`
      const snapshot = await loadSnapshot(tx, validated.rows)
      const planned = planDirectoryImport(validated.rows, snapshot)
      const errors = [...file.problems, ...validated.errors, ...(planned.ok ? [] : planned.errors)]
      if (!planned.ok || errors.length > 0)
        return { ok: false as const, errors: byLine(errors), warnings: planned.warnings }
      const counts = countsOf(planned.plan)
      if (!options.dryRun) {
        await applyPlan(tx, planned.plan)
        await recordAudit(tx, {
          by: options.by,
          action: 'directory.import',
          details: { file: options.source ?? null, counts: countsAsJson(counts) },
        })
      }
      return { ok: true as const, counts, warnings: planned.warnings }
    },
    { maxWait: 10_000, timeout: 120_000 },
  )
}

async function loadSnapshot(tx: Transaction, rows: ValidatedRows): Promise<DirectorySnapshot> {
  const telegramIds = [...new Set(rows.liaisonGrids.map((row) => row.telegramId))]
  // One after another and without nested relations: a transaction is one connection, and Prisma would otherwise
  // load relations with concurrent queries on it (pg warns about that).
  const areas = await tx.area.findMany({
    select: { code: true, level: true, name: true, nameEn: true, parentCode: true, latitude: true, longitude: true },
  })
  const stations = await tx.station.findMany({
    select: {
      id: true,
      code: true,
      kind: true,
      name: true,
      nameEn: true,
      address: true,
      addressEn: true,
      phone: true,
      districtCode: true,
    },
  })
  const coverage = await tx.stationCoverage.findMany({ select: { stationId: true, areaCode: true } })
  const platforms = await tx.platform.findMany({
    select: { code: true, name: true, aliases: true, districtCode: true },
  })
  const people = await tx.person.findMany({
    where: { telegramId: { in: telegramIds } },
    select: { id: true, telegramId: true },
  })
  const memberships = await tx.membership.findMany({
    where: { role: 'LIAISON', personId: { in: people.map((person) => person.id) } },
    select: { id: true, revokedAt: true, personId: true, stationId: true },
  })
  const grids = await tx.liaisonGrid.findMany({
    where: { membershipId: { in: memberships.map((membership) => membership.id) } },
  })

  const stationCode = new Map(stations.map((station) => [station.id, station.code]))
  const telegramIdOf = new Map(people.map((person) => [person.id, person.telegramId]))
  const coverageByStation = new Map<string, Set<string>>()
  for (const link of coverage) {
    const code = stored(stationCode, link.stationId, 'station')
    const set = coverageByStation.get(code) ?? new Set<string>()
    set.add(link.areaCode)
    coverageByStation.set(code, set)
  }
  const liaisons = new Map<string, StoredLiaison>()
  for (const membership of memberships) {
    const telegramId = stored(telegramIdOf, membership.personId, 'person')
    const code = stored(stationCode, membership.stationId, 'station')
    liaisons.set(liaisonKey(telegramId, code), {
      membershipId: membership.id,
      telegramId,
      stationCode: code,
      active: membership.revokedAt === null,
      gridCodes: new Set(grids.filter((grid) => grid.membershipId === membership.id).map((grid) => grid.areaCode)),
    })
  }
  return {
    areas: new Map(areas.map((area) => [area.code, area])),
    stations: new Map(stations.map((station) => [station.code, station])),
    coverage: coverageByStation,
    platforms: new Map(platforms.map((platform) => [platform.code, platform])),
    people: new Set(people.map((person) => person.telegramId)),
    liaisons,
  }
}

async function applyPlan(tx: Transaction, plan: DirectoryImportPlan): Promise<void> {
  // Parents before children: the plan lists areas from CITY down to GRID.
  for (const level of AREA_LEVELS) {
    const data = plan.areas.create.filter((area) => area.level === level)
    if (data.length > 0) await tx.area.createMany({ data })
  }
  await updateAreas(tx, plan.areas.update)

  if (plan.stations.create.length > 0) await tx.station.createMany({ data: plan.stations.create })
  for (const { code, ...data } of plan.stations.update) await tx.station.update({ where: { code }, data })

  if (plan.platforms.create.length > 0) await tx.platform.createMany({ data: plan.platforms.create })
  for (const { code, ...data } of plan.platforms.update) await tx.platform.update({ where: { code }, data })

  if (plan.coverage.create.length > 0) {
    const codes = [...new Set(plan.coverage.create.map((link) => link.stationCode))]
    const stations = await tx.station.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } })
    const idOf = new Map(stations.map((station) => [station.code, station.id]))
    await tx.stationCoverage.createMany({
      data: plan.coverage.create.map((link) => ({
        stationId: stored(idOf, link.stationCode, 'station'),
        areaCode: link.areaCode,
      })),
    })
  }
  if (plan.liaisonGrids.create.length > 0) await tx.liaisonGrid.createMany({ data: plan.liaisonGrids.create })
}

/** Areas changed per statement: one UPDATE per area took ~90 s for 150,000 of them, near the transaction's limit. */
const AREA_UPDATES_PER_STATEMENT = 5_000

/** The changed areas (a level never changes: area-tree-rules.ts), a few thousand per statement. */
async function updateAreas(tx: Transaction, areas: readonly AreaRow[]): Promise<void> {
  for (let first = 0; first < areas.length; first += AREA_UPDATES_PER_STATEMENT) {
    const batch = areas.slice(first, first + AREA_UPDATES_PER_STATEMENT).map((area) => ({
      code: area.code,
      name: area.name,
      name_en: area.nameEn,
      parent_code: area.parentCode,
      latitude: area.latitude,
      longitude: area.longitude,
    }))
    await tx.$executeRawUnsafe(
      `UPDATE area a SET name = v.name, name_en = v.name_en, parent_code = v.parent_code, latitude = v.latitude,
         longitude = v.longitude, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb)
         AS v(code text, name text, name_en text, parent_code text, latitude float8, longitude float8)
       WHERE a.code = v.code`,
      JSON.stringify(batch),
    )
  }
}

/** A row the foreign keys (or the plan just written) guarantee; its absence is a bug, not a user's mistake. */
function stored<K, V>(rows: ReadonlyMap<K, V>, key: K, what: string): V {
  const row = rows.get(key)
  if (row === undefined) throw new Error(`directory import: no ${what} ${String(key)} in the snapshot`)
  return row
}

function countsAsJson(counts: DirectoryCounts): Record<string, Record<string, number>> {
  return Object.fromEntries(
    Object.entries(counts).map(([entity, { created, updated, unchanged, skipped }]) => [
      entity,
      { created, updated, unchanged, skipped },
    ]),
  )
}

function countsOf(plan: DirectoryImportPlan): DirectoryCounts {
  const entity = (created: number, updated: number, unchanged: number, skipped = 0): EntityCounts => ({
    created,
    updated,
    unchanged,
    skipped,
  })
  return {
    areas: entity(plan.areas.create.length, plan.areas.update.length, plan.areas.unchanged),
    stations: entity(plan.stations.create.length, plan.stations.update.length, plan.stations.unchanged),
    coverage: entity(plan.coverage.create.length, 0, plan.coverage.unchanged),
    platforms: entity(plan.platforms.create.length, plan.platforms.update.length, plan.platforms.unchanged),
    liaisonGrids: entity(plan.liaisonGrids.create.length, 0, plan.liaisonGrids.unchanged, plan.liaisonGrids.skipped),
  }
}
