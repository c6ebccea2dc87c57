/**
 * "Share location": a clickable map of 眉山 drawn from the directory's coordinates (no tiles: the demo runs
 * offline), and preset places. A click drops a pin; "send" shares it, as Telegram's location picker does.
 */
import { demoApi } from './api-client.ts'
import { h } from './dom.ts'
import { t, type UiLang, uiLang } from './i18n.ts'
import type { MapArea } from './types.ts'

export interface MapView {
  centerLat: number
  centerLon: number
  /** Degrees of longitude across the map. */
  spanLon: number
  pin?: { latitude: number; longitude: number }
}

export interface Place {
  latitude: number
  longitude: number
}

/** Preset places in 眉山, for a quick share without the map. */
const PRESETS: (Place & Record<UiLang, string>)[] = [
  { zh: '诗书社区（东坡区通惠街道）', en: 'Shishu Community, Tonghui', latitude: 30.046, longitude: 103.841 },
  { zh: '东坡湖社区', en: 'Dongpohu Community', latitude: 30.05, longitude: 103.836 },
  { zh: '三苏祠', en: 'Sansu Shrine', latitude: 30.0505, longitude: 103.8305 },
  { zh: '彭山区凤鸣街道', en: 'Fengming, Pengshan', latitude: 30.19, longitude: 103.87 },
]

const SVG = 'http://www.w3.org/2000/svg'
/** Height over width of the map. */
const ASPECT = 0.7
const ZOOM = 3

let areas: MapArea[] = []
let loading: Promise<void> | undefined

/** The directory's areas with coordinates, fetched once; `then` runs when they are there. */
export function loadMapAreas(then: () => void): void {
  loading ??= demoApi.map().then((r) => {
    areas = r.areas
  })
  void loading.then(then)
}

/** The whole city, with a margin. */
export function initialView(): MapView {
  if (areas.length === 0) return { centerLat: 30.05, centerLon: 103.84, spanLon: 1 }
  const lats = areas.map((a) => a.latitude)
  const lons = areas.map((a) => a.longitude)
  const [minLat, maxLat, minLon, maxLon] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)]
  const cos = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180)
  return {
    centerLat: (minLat + maxLat) / 2,
    centerLon: (minLon + maxLon) / 2,
    spanLon: Math.max(maxLon - minLon, (maxLat - minLat) / cos / ASPECT) * 1.15,
  }
}

const areaName = (a: MapArea): string => (uiLang() === 'en' ? (a.nameEn ?? a.name) : a.name)

function nearestCommunity(p: Place): MapArea | undefined {
  const cos = Math.cos((p.latitude * Math.PI) / 180)
  const d = (a: MapArea) => ((a.longitude - p.longitude) * cos) ** 2 + (a.latitude - p.latitude) ** 2
  return areas.filter((a) => a.level === 'COMMUNITY').sort((a, b) => d(a) - d(b))[0]
}

/** A round step (1, 2 or 5 × 10ⁿ degrees) that draws at most six lines across the map. */
function gridStep(span: number): number {
  const power = 10 ** Math.floor(Math.log10(span / 5))
  return [1, 2, 5, 10].map((m) => m * power).find((step) => span / step <= 6) ?? power * 10
}

function svgEl(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(SVG, tag)
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v))
  if (text !== undefined) el.textContent = text
  return el
}

/** The map itself: graticule with degrees, districts, communities (named when zoomed in), the pin. */
function drawMap(view: MapView, onPick: (p: Place) => void): SVGSVGElement {
  const cos = Math.cos((view.centerLat * Math.PI) / 180)
  const w = view.spanLon * cos
  const ht = w * ASPECT
  const x = (lon: number) => lon * cos
  const y = (lat: number) => -lat
  const svg = svgEl('svg', {
    viewBox: `${x(view.centerLon) - w / 2} ${y(view.centerLat) - ht / 2} ${w} ${ht}`,
    class: 'map',
    'data-testid': 'map',
    role: 'img',
    'aria-label': t('mapLabel'),
  }) as SVGSVGElement
  svg.append(
    svgEl('rect', { x: x(view.centerLon) - w / 2, y: y(view.centerLat) - ht / 2, width: w, height: ht, class: 'land' }),
  )
  const unit = w / 100
  const step = gridStep(view.spanLon)
  const decimals = Math.max(0, Math.ceil(-Math.log10(step)))
  const [west, east] = [view.centerLon - view.spanLon / 2, view.centerLon + view.spanLon / 2]
  const [south, north] = [view.centerLat - ht / 2, view.centerLat + ht / 2]
  for (let lon = Math.ceil(west / step) * step; lon < east; lon += step) {
    svg.append(svgEl('line', { x1: x(lon), x2: x(lon), y1: y(north), y2: y(south), class: 'grid' }))
    svg.append(
      svgEl(
        'text',
        { x: x(lon) + unit / 2, y: y(south) - unit, 'font-size': unit * 2.6, class: 'deg' },
        `${lon.toFixed(decimals)}°E`,
      ),
    )
  }
  for (let lat = Math.ceil(south / step) * step; lat < north; lat += step) {
    svg.append(svgEl('line', { x1: x(west), x2: x(east), y1: y(lat), y2: y(lat), class: 'grid' }))
    svg.append(
      svgEl(
        'text',
        { x: x(west) + unit, y: y(lat) - unit / 2, 'font-size': unit * 2.6, class: 'deg' },
        `${lat.toFixed(decimals)}°N`,
      ),
    )
  }
  const named = view.spanLon < 0.2
  for (const a of areas) {
    const level = a.level.toLowerCase()
    const g = svgEl('g', { class: `area ${level}`, 'data-area': a.code })
    if (a.level === 'COMMUNITY') {
      g.append(svgEl('circle', { cx: x(a.longitude), cy: y(a.latitude), r: unit * 0.9 }))
      if (named)
        g.append(
          svgEl(
            'text',
            { x: x(a.longitude) + unit * 1.4, y: y(a.latitude) + unit, 'font-size': unit * 2.4 },
            areaName(a),
          ),
        )
    } else if (a.level === 'DISTRICT' && !named) {
      g.append(
        svgEl(
          'text',
          { x: x(a.longitude), y: y(a.latitude) - unit * 2, 'font-size': unit * 4, 'text-anchor': 'middle' },
          areaName(a),
        ),
      )
    } else if (a.level === 'STREET' && named) {
      g.append(
        svgEl(
          'text',
          { x: x(a.longitude), y: y(a.latitude) - unit * 3, 'font-size': unit * 3.4, 'text-anchor': 'middle' },
          areaName(a),
        ),
      )
    }
    svg.append(g)
  }
  if (view.pin) {
    const px = x(view.pin.longitude)
    const py = y(view.pin.latitude)
    svg.append(
      svgEl('path', {
        d: `M${px} ${py} l${-unit * 1.5} ${-unit * 4} h${unit * 3} z`,
        class: 'pin',
        'data-testid': 'pin',
      }),
    )
  }
  svg.addEventListener('click', (e) => {
    const screen = svg.getScreenCTM()
    if (!screen) return
    const at = new DOMPoint(e.clientX, e.clientY).matrixTransform(screen.inverse())
    onPick({ latitude: -at.y, longitude: at.x / cos })
  })
  return svg
}

/**
 * The picker under a private chat: the map with its controls, and the presets. `redraw` draws the pane again after
 * the view changed; `share` sends a location; `close` closes the picker.
 */
export function renderLocationPicker(
  view: MapView,
  actions: { redraw: () => void; share: (p: Place) => void; close: () => void },
): HTMLElement {
  const box = h('div', { class: 'places', 'data-testid': 'places' })
  const zoom = (factor: number) => {
    const focus = view.pin ?? { latitude: view.centerLat, longitude: view.centerLon }
    view.centerLat = focus.latitude
    view.centerLon = focus.longitude
    view.spanLon = Math.min(initialView().spanLon, view.spanLon * factor)
    actions.redraw()
  }
  box.append(
    h('div', { class: 'hint' }, t('mapHint')),
    drawMap(view, (p) => {
      view.pin = p
      actions.redraw()
    }),
  )
  const near = view.pin && nearestCommunity(view.pin)
  const where = view.pin
    ? `📍 ${view.pin.latitude.toFixed(4)}, ${view.pin.longitude.toFixed(4)}${near ? ` · ${t('near')} ${areaName(near)}` : ''}`
    : t('noPin')
  const controls = h('div', { class: 'map-controls' })
  const button = (label: string, attrs: Record<string, string>, onClick: () => void) => {
    const b = h('button', { type: 'button', ...attrs }, label)
    b.onclick = onClick
    controls.append(b)
    return b
  }
  controls.append(h('span', { 'data-testid': 'pin-coordinates' }, where))
  button('＋', { 'data-action': 'zoom-in', title: t('zoomIn') }, () => zoom(1 / ZOOM))
  button('－', { 'data-action': 'zoom-out', title: t('zoomOut') }, () => zoom(ZOOM))
  const send = button(t('sendLocation'), { 'data-action': 'send-location' }, () => view.pin && actions.share(view.pin))
  if (!view.pin) send.setAttribute('disabled', '')
  button('✖', { 'data-action': 'close-map', title: t('cancel') }, actions.close)
  const presets = h('div', { class: 'presets' }, t('choosePlace'))
  for (const place of PRESETS) {
    const b = h('button', { type: 'button' }, place[uiLang()])
    b.onclick = () => actions.share(place)
    presets.append(b)
  }
  box.append(controls, presets)
  return box
}
