/** The guided walk-through: its steps tick themselves off from the latest complaint's events. */
import { demoApi } from './api-client.ts'
import { h } from './dom.ts'
import { STEP_LABELS, t, uiLang } from './i18n.ts'

export async function renderWalkthroughPanel(): Promise<HTMLElement[]> {
  const w = await demoApi.walkthrough()
  const list = h('ol', { 'data-testid': 'walkthrough' })
  for (const [step, done] of Object.entries(w.done)) {
    list.append(
      h(
        'li',
        { class: done ? 'done' : '', 'data-step': step, 'data-done': String(done) },
        `${done ? '✅' : '⬜'} ${STEP_LABELS[step]?.[uiLang()] ?? step}`,
      ),
    )
  }
  return [h('h3', {}, t('steps')), h('p', {}, `${t('ticket')}: ${w.trackingNumber ?? '—'} ${w.status ?? ''}`), list]
}
