/** The admin panel: queue depths, a form to create invites, the invites so far, stations with their coverage. */
import { demoApi } from './api-client.ts'
import { $, h } from './dom.ts'
import { t, uiLang } from './i18n.ts'
import type { AdminState } from './types.ts'

function queuesTable(a: AdminState): HTMLElement {
  const table = h('table', { 'data-testid': 'queues' })
  for (const [name, counts] of Object.entries(a.queues)) {
    const line = Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(' · ')
    table.append(h('tr', {}, `${name}: ${line}`))
  }
  return table
}

function inviteForm(a: AdminState, refresh: () => void): HTMLElement {
  const form = h('form', { 'data-testid': 'invite-form' }) as HTMLFormElement
  const role = h('select', { name: 'role' })
  for (const r of ['STAFF', 'LIAISON', 'ADMIN']) role.append(h('option', {}, r))
  const station = h('select', { name: 'station' })
  for (const s of a.stations) station.append(h('option', {}, s.code))
  const label = (text: string, field: HTMLElement) => {
    const l = h('label', {}, `${text} `)
    l.append(field)
    return l
  }
  form.append(
    label(t('role'), role),
    label(t('station'), station),
    label(t('grids'), h('input', { name: 'grids' })),
    h('button', {}, t('createInvite')),
    h('output', {}),
  )
  form.onsubmit = async (e) => {
    e.preventDefault()
    const data = new FormData(form)
    const grids = String(data.get('grids') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    const result = await demoApi.createInvite({
      role: data.get('role'),
      stationCode: data.get('station'),
      gridCodes: grids,
    })
    $('output', form).textContent = result.ok ? `/start ${result.code}` : `✖ ${result.reason}`
    refresh()
  }
  return form
}

function stationsTable(a: AdminState): HTMLElement {
  const table = h('table', { 'data-testid': 'stations' })
  for (const s of a.stations) {
    const row = h('tr', {})
    row.append(
      h('td', {}, s.code),
      h('td', {}, uiLang() === 'en' ? (s.nameEn ?? s.name) : s.name),
      h('td', {}, s.coverage.join(' ')),
      h('td', {}, `${s.bound ? `✅ ${t('bound')}` : ''} ${s.members} ${t('members')}`),
    )
    table.append(row)
  }
  return table
}

export async function renderAdminPanel(refresh: () => void): Promise<HTMLElement[]> {
  const a = await demoApi.admin()
  const invites = h('ul', {})
  for (const i of a.invites) invites.append(h('li', {}, `${i.code} ${i.role} @ ${i.station}${i.redeemed ? ' ✓' : ''}`))
  return [
    h('h3', {}, t('queues')),
    queuesTable(a),
    h('h3', {}, t('createInvite')),
    inviteForm(a, refresh),
    h('h3', {}, t('invites')),
    invites,
    h('h3', {}, t('stations')),
    stationsTable(a),
  ]
}
