/**
 * The directory file: areas, stations, their coverage, e-commerce platforms and liaisons' grids, as an
 * administrator writes them (JSON, or CSV from a spreadsheet). Row schemas live here so that both formats
 * are validated by the same rules; docs-drafts/directory.md describes the format for people.
 */
import { z } from 'zod'
import { ANY_AREA_CODE, AREA_CODE_PATTERNS, AREA_LEVELS, describeAreaCode } from '../../domain/directory/index.ts'
import { toHalfWidth } from '../../domain/intake/normalize.ts'
import { parseContactPhone } from '../../domain/intake/phone.ts'

/** The arrays of a JSON directory file, in the order they are applied. */
export const DIRECTORY_SECTIONS = ['areas', 'stations', 'coverage', 'platforms', 'liaisonGrids'] as const
export type DirectorySection = (typeof DIRECTORY_SECTIONS)[number]

/** The `type` column of a CSV directory file, and the section each value stands for. */
export const CSV_ROW_TYPES: Readonly<Record<string, DirectorySection>> = {
  area: 'areas',
  station: 'stations',
  coverage: 'coverage',
  platform: 'platforms',
  liaison_grid: 'liaisonGrids',
}

/** One problem found in a directory file; `line` is the physical line (CSV) or where the array element starts (JSON). */
export interface DirectoryIssue {
  line: number
  /** The section of the row, or `file` for a problem with the file as a whole. */
  section: DirectorySection | 'file'
  field?: string | undefined
  /** The offending value, as written in the file (shortened). */
  value?: string | undefined
  message: string
}

/** One row of the file before validation, with where it came from. */
export interface DirectorySourceRow {
  section: DirectorySection
  line: number
  fields: Record<string, unknown>
}

/** A directory file read from text: its rows, and the problems met while reading it (syntax, unknown columns…). */
export interface DirectoryFile {
  format: 'csv' | 'json'
  rows: DirectorySourceRow[]
  problems: DirectoryIssue[]
}

const KINDS = [
  'COMMUNITY_LIAISON_STATION',
  'COMPLAINT_STATION',
  'COUNTY_CENTER',
  'MARKET_SUPERVISION_OFFICE',
  'CITY_CENTER',
] as const

/** Mainland China, generously: a coordinate outside this box is a typo or swapped latitude/longitude. */
export const CHINA_BOUNDS = { minLatitude: 3, maxLatitude: 54, minLongitude: 73, maxLongitude: 136 } as const

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`)
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .optional()
    .transform((value) => (value ? value : null))
const areaCode = z
  .string()
  .trim()
  .regex(ANY_AREA_CODE, 'must be an area code: 6, 9 or 12 digits, grids 12 digits + "-NN"')
const entityCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_" or "-"')
const codeList = (item: z.ZodType<string>, what: string) => z.array(item).min(1, `must list at least one ${what}`)

const latitude = z
  .number('must be a number')
  .min(
    CHINA_BOUNDS.minLatitude,
    `latitude must be between ${CHINA_BOUNDS.minLatitude} and ${CHINA_BOUNDS.maxLatitude} (China); swapped with longitude?`,
  )
  .max(
    CHINA_BOUNDS.maxLatitude,
    `latitude must be between ${CHINA_BOUNDS.minLatitude} and ${CHINA_BOUNDS.maxLatitude} (China); swapped with longitude?`,
  )
const longitude = z
  .number('must be a number')
  .min(
    CHINA_BOUNDS.minLongitude,
    `longitude must be between ${CHINA_BOUNDS.minLongitude} and ${CHINA_BOUNDS.maxLongitude} (China); swapped with latitude?`,
  )
  .max(
    CHINA_BOUNDS.maxLongitude,
    `longitude must be between ${CHINA_BOUNDS.minLongitude} and ${CHINA_BOUNDS.maxLongitude} (China); swapped with latitude?`,
  )

/**
 * A station's public phone: a mainland landline with area code, a mobile, or a short service number
 * such as 12315. Stored in one canonical form so that `028 3812 3456` and `028-38123456` are the same value.
 */
export const stationPhone = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const compact = toHalfWidth(value).replace(/\s/g, '')
    if (/^(?:12315|12345|95\d{3,6}|96\d{3,6})$/.test(compact)) return compact
    const parsed = parseContactPhone(value)
    if (!parsed.ok) {
      ctx.addIssue({
        code: 'custom',
        message: `is not a plausible phone number (${parsed.error}): use 028-38123456, a mobile, or 12315`,
      })
      return z.NEVER
    }
    return parsed.value.kind === 'mobile' ? parsed.value.national : parsed.value.canonical
  })

export const areaRow = z
  .strictObject({
    code: areaCode,
    level: z.enum(AREA_LEVELS, `must be one of ${AREA_LEVELS.join(', ')}`),
    name: text(64),
    nameEn: optionalText(128),
    parentCode: areaCode.optional().transform((value) => value ?? null),
    latitude: latitude.optional().transform((value) => value ?? null),
    longitude: longitude.optional().transform((value) => value ?? null),
  })
  .superRefine((row, ctx) => {
    if (!AREA_CODE_PATTERNS[row.level].test(row.code)) {
      ctx.addIssue({
        code: 'custom',
        path: ['code'],
        message: `is not a ${row.level} code (expected ${describeAreaCode(row.level)})`,
      })
    }
    if ((row.latitude === null) !== (row.longitude === null)) {
      ctx.addIssue({
        code: 'custom',
        path: [row.latitude === null ? 'latitude' : 'longitude'],
        message: 'latitude and longitude go together',
      })
    }
  })

export const stationRow = z.strictObject({
  code: entityCode,
  kind: z.enum(KINDS, `must be one of ${KINDS.join(', ')}`),
  name: text(128),
  nameEn: optionalText(256),
  address: optionalText(256),
  /** Shown to English-speaking consumers instead of `address`. */
  addressEn: optionalText(256).refine(
    (value) => value === null || !/\p{Script=Han}/u.test(value),
    'must be written in Latin letters (English or pinyin), without Chinese characters',
  ),
  phone: stationPhone.optional().transform((value) => value ?? null),
  districtCode: areaCode,
})

export const coverageRow = z.strictObject({
  stationCode: entityCode,
  areaCodes: codeList(areaCode, 'area code'),
})

export const platformRow = z.strictObject({
  code: entityCode,
  name: text(64),
  aliases: z.array(text(64)).default([]),
  districtCode: areaCode.optional().transform((value) => value ?? null),
})

export const liaisonGridRow = z.strictObject({
  telegramId: z
    .union(
      [
        z
          .string()
          .trim()
          .regex(/^\d{1,19}$/, 'must be a Telegram user id (digits)'),
        z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
      ],
      'must be a Telegram user id (digits)',
    )
    .transform((value) => BigInt(value)),
  stationCode: entityCode,
  gridCodes: codeList(areaCode, 'grid code'),
})

export type AreaRow = z.output<typeof areaRow>
export type StationRow = z.output<typeof stationRow>
export type CoverageRow = z.output<typeof coverageRow>
export type PlatformRow = z.output<typeof platformRow>
export type LiaisonGridRow = z.output<typeof liaisonGridRow>

/** The row schema of each section. */
export const ROW_SCHEMAS = {
  areas: areaRow,
  stations: stationRow,
  coverage: coverageRow,
  platforms: platformRow,
  liaisonGrids: liaisonGridRow,
} as const

/** The fields a row of each section may have; CSV uses the same names as column headers. */
export const SECTION_FIELDS: Readonly<Record<DirectorySection, readonly string[]>> = {
  areas: ['code', 'level', 'name', 'nameEn', 'parentCode', 'latitude', 'longitude'],
  stations: ['code', 'kind', 'name', 'nameEn', 'address', 'addressEn', 'phone', 'districtCode'],
  coverage: ['stationCode', 'areaCodes'],
  platforms: ['code', 'name', 'aliases', 'districtCode'],
  liaisonGrids: ['telegramId', 'stationCode', 'gridCodes'],
}

/** CSV cells holding several values, separated by `;` (or the full-width `；`). */
export const LIST_FIELDS: ReadonlySet<string> = new Set(['areaCodes', 'aliases', 'gridCodes'])
/** CSV cells holding a number. */
export const NUMBER_FIELDS: ReadonlySet<string> = new Set(['latitude', 'longitude'])
