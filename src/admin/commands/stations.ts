import { listStations } from '../../services/directory/directory-listings.ts'
import type { AdminCommand } from '../command.ts'
import { renderTable } from '../table.ts'

const KIND_LABELS = {
  CITY_CENTER: 'city center',
  COUNTY_CENTER: 'county center',
  MARKET_SUPERVISION_OFFICE: 'market supervision office',
  COMMUNITY_LIAISON_STATION: 'liaison station',
  COMPLAINT_STATION: 'complaint station',
} as const

export const stationsCommand: AdminCommand = {
  name: 'stations',
  summary: 'list stations with their group chat, coverage and members',
  usage: [
    'stations',
    '  One line per station: kind, district, whether its Telegram group is bound, areas covered, active members.',
  ],
  options: {},
  async run(context) {
    const stations = await listStations(context.database())
    if (stations.length === 0) {
      context.stdout('No stations yet: import a directory file first (admin import <file>).')
      return
    }
    const rows = stations.map((station) => [
      station.code,
      KIND_LABELS[station.kind],
      station.districtCode ?? '-',
      station.chatBound ? 'yes' : 'no',
      String(station.coverageCount),
      String(station.members.STAFF),
      String(station.members.LIAISON),
      String(station.members.ADMIN),
      station.name,
    ])
    for (const line of renderTable(
      ['code', 'kind', 'district', 'chat', 'areas', 'staff', 'liaisons', 'admins', 'name'],
      rows,
    )) {
      context.stdout(line)
    }
    context.stdout(`${stations.length} station${stations.length === 1 ? '' : 's'}`)
  },
}
