/** A station's name in the reader's language: the English name for English readers when there is one. */
export function stationName(station: { name: string; nameEn: string | null }, locale: string): string {
  return locale === 'en' && station.nameEn ? station.nameEn : station.name
}
