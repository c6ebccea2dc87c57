import { pauseUnit } from '../../../domain/deadlines/clock-pause.ts'
import type { Clock } from '../../../domain/deadlines/clocks.ts'
import { consumerNextStep, isDecisionPending, isInMediation } from '../../../domain/lifecycle/index.ts'
import type { Locale } from '../../../i18n/locales.ts'
import type { TFunction } from '../../../i18n/translator.ts'
import { clockLabel } from '../../../services/deadlines/due-list.ts'
import type { ClockPauseView, ComplaintDetail } from '../../../services/tickets/consumer-complaints.ts'
import { formatDate, formatMoney, formatShanghaiTime, pausedDaysContext } from '../../../telegram/format.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import { caseStepOf } from '../../../telegram/render/consumer-status.ts'
import { groundListOf, groundText } from '../../../telegram/render/ground-text.ts'
import type { BotContext } from '../../context.ts'
import { statusLabel } from './answers.ts'

/**
 * One of the consumer's complaints as /my shows it: the station, the due dates and a paused clock, the money
 * recovered or the ground, the next step, and the timeline.
 */
export function detailText(ctx: BotContext, detail: ComplaintDetail): string {
  const t = ctx.t
  const lines = [
    t('tickets:my.detail.title', {
      kind: t(`delivery:kind.${detail.kind}`),
      trackingNumber: escapeHtml(detail.trackingNumber),
    }),
    // An inquiry need not name a business.
    ...(detail.respondentName.trim()
      ? [t(`tickets:my.detail.business.${detail.kind}`, { name: escapeHtml(detail.respondentName) })]
      : []),
    t('tickets:my.detail.status', { status: statusLabel(ctx, detail.status) }),
  ]
  if (detail.station) {
    lines.push(
      t('tickets:my.detail.station', {
        name: escapeHtml(ctx.locale === 'en' && detail.station.nameEn ? detail.station.nameEn : detail.station.name),
      }),
    )
    if (detail.station.phone)
      lines.push(t('tickets:my.detail.stationPhone', { phone: escapeHtml(detail.station.phone) }))
  }
  const provisional = (final: boolean) => (final ? '' : t('tickets:my.detail.provisional'))
  const decisionPending = isDecisionPending(detail.status) && detail.kind !== 'INQUIRY'
  if (detail.decisionDueOn && decisionPending) {
    const key = detail.kind === 'REPORT' ? 'tickets:my.detail.filingDecisionDue' : 'tickets:my.detail.decisionDue'
    lines.push(t(key, { date: formatDate(detail.decisionDueOn, ctx.locale) }) + provisional(detail.decisionDueFinal))
  } else if (decisionPending && !detail.bureauReceived) lines.push(t(`tickets:my.detail.localFirst.${detail.kind}`))
  if (detail.mediationDueOn && isInMediation(detail.status))
    lines.push(
      t('tickets:my.detail.mediationDue', { date: formatDate(detail.mediationDueOn, ctx.locale) }) +
        provisional(detail.mediationDueFinal),
    )
  if (detail.pause && detail.open) lines.push(pauseLine(t, ctx.locale, detail, detail.pause))
  if (detail.recoveredFen !== null)
    lines.push(t('tickets:my.detail.recovered', { amount: formatMoney(detail.recoveredFen, ctx.locale) }))
  if (detail.ground) {
    const ground = groundText(t, ctx.locale, detail.rule, groundListOf(detail.accepted), detail.ground)
    lines.push(
      t('tickets:my.detail.ground', {
        ground: `${ground.label}${ground.article ? t('delivery:consumer.article', { article: ground.article }) : ''}`,
      }),
    )
  }
  if (detail.previousTrackingNumber)
    lines.push(t('tickets:my.detail.previous', { trackingNumber: escapeHtml(detail.previousTrackingNumber) }))
  if (detail.satisfaction !== null)
    lines.push(t('tickets:my.detail.rating', { stars: '⭐'.repeat(detail.satisfaction) }))
  // Rated already: nothing is left for the consumer to do.
  const next = consumerNextStep(detail.status)
  const step = next === 'RATE_HANDLING' && detail.satisfaction !== null ? 'NONE' : next
  lines.push(t('tickets:my.detail.nextStep', { step: t(`status:nextSteps.${step}`) }))
  lines.push('', t('tickets:my.detail.timeline'))
  for (const entry of detail.timeline.slice(-30)) {
    const caseStep = caseStepOf(detail.kind, entry.action)
    const step = caseStep
      ? t(`tickets:case.steps.${caseStep}`)
      : t(`tickets:steps.${entry.action}`, { defaultValue: entry.action })
    lines.push(t('tickets:my.timelineEntry', { time: formatShanghaiTime(entry.at), step }))
  }
  return lines.join('\n')
}

/** A paused clock as the consumer reads it: running since when, or how long it stopped and the new due date. */
function pauseLine(t: TFunction, locale: Locale, detail: ComplaintDetail, pause: ClockPauseView): string {
  const clock = clockLabel(t, pause.clock as Clock, detail.kind)
  const reason = t(`deadlines:pause.reason.${pause.reason}`)
  if (!pause.endedOn) return t('deadlines:card.paused', { clock, reason, date: formatDate(pause.startedOn, locale) })
  const due = pause.clock === 'MEDIATION' ? detail.mediationDueOn : detail.decisionDueOn
  return t('deadlines:card.resumed', {
    reason,
    from: formatDate(pause.startedOn, locale),
    to: formatDate(pause.endedOn, locale),
    days: pause.pausedDays ?? 0,
    date: due ? formatDate(due, locale) : '—',
    ...pausedDaysContext(pauseUnit(pause.clock, detail.rule)),
  })
}
