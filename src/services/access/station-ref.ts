import type { StationKind } from '../../generated/prisma/enums.ts'

/** A station as people are shown it: its code and names, no contact details. */
export interface StationRef {
  id: string
  code: string
  kind: StationKind
  name: string
  nameEn: string | null
}

/** An area (usually a grid) as people are shown it. */
export interface AreaRef {
  code: string
  name: string
  nameEn: string | null
}

/** The Prisma `select` that yields a {@link StationRef}. */
export const STATION_REF_SELECT = { id: true, code: true, kind: true, name: true, nameEn: true } as const

/** The Prisma `select` that yields an {@link AreaRef}. */
export const AREA_REF_SELECT = { code: true, name: true, nameEn: true } as const
