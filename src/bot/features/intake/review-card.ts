// The review card: every answer of the form, an edit button per answer, confirm and cancel.
import { InlineKeyboard } from 'grammy'
import { formatFen } from '../../../domain/intake/amount.ts'
import { parentOf } from '../../../domain/intake/categories.ts'
import { maskIdNumberForDisplay } from '../../../domain/intake/masking.ts'
import type { FormState } from '../../../domain/intake-form/form-state.ts'
import { reviewSteps, type StepId } from '../../../domain/intake-form/steps.ts'
import type { AreaPicker } from '../../../services/intake/area-picker.ts'
import { formButtonData } from '../../../telegram/callback-data/form-button.ts'
import { formatDate } from '../../../telegram/format.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import type { BotContext } from '../../context.ts'
import { areaPath, type StepScreen } from './step-keyboards.ts'

/** Characters of the facts shown on the card; the card must stay under Telegram's 4096. */
export const FACTS_PREVIEW_LENGTH = 600

function preview(text: string, limit: number): string {
  const chars = [...text]
  return chars.length <= limit ? text : `${chars.slice(0, limit).join('')}…`
}

async function answerOf(
  ctx: BotContext,
  areas: AreaPicker,
  form: FormState,
  step: StepId,
): Promise<string | undefined> {
  const { draft } = form
  const none = ctx.t('intake:review.none')
  switch (step) {
    case 'businessName':
      return draft.respondentName
    case 'businessAddress': {
      const shopArea = draft.location?.type === 'online' ? draft.location.shopAreaCode : undefined
      if (!draft.respondentAddress) return none
      return shopArea
        ? `${draft.respondentAddress}（${await areaPath(ctx, areas, shopArea)}）`
        : draft.respondentAddress
    }
    case 'location': {
      const location = draft.location
      if (!location) return undefined
      if (location.type === 'online') return ctx.t('intake:review.online', { platform: location.platformName })
      return (await areaPath(ctx, areas, location.areaCode)) || location.areaCode
    }
    case 'category': {
      const code = draft.categoryCode
      if (!code) return undefined
      const group = parentOf(code)
      return group ? `${ctx.t(`categories:${group}`)} › ${ctx.t(`categories:${code}`)}` : ctx.t(`categories:${code}`)
    }
    case 'incidentDate':
      return draft.incidentDate && formatDate(draft.incidentDate, ctx.locale)
    case 'amount':
      return draft.amountFen == null ? none : formatFen(draft.amountFen, ctx.locale)
    case 'facts':
    case 'question':
      return draft.facts && preview(draft.facts, FACTS_PREVIEW_LENGTH)
    case 'demands': {
      const names = (draft.demands ?? []).filter((d) => d !== 'OTHER').map((d) => ctx.t(`intake:demands.${d}`))
      if (draft.demandOther)
        names.push(`${ctx.t('intake:demands.OTHER')}${ctx.t('intake:review.fieldSeparator')}${draft.demandOther}`)
      return names.join(ctx.t('intake:review.listSeparator'))
    }
    case 'violation':
      return draft.violation && preview(draft.violation, FACTS_PREVIEW_LENGTH)
    case 'evidence':
      return (draft.evidence ?? []).length === 0
        ? none
        : ctx.t('intake:review.files', { count: draft.evidence?.length ?? 0 })
    case 'anonymous':
      return draft.anonymous === undefined
        ? undefined
        : ctx.t(draft.anonymous ? 'intake:review.reportAnonymous' : 'intake:review.reportNamed')
    case 'consumerUse':
      return draft.forDailyLife ? ctx.t('intake:review.forDailyLife') : undefined
    case 'contactName':
      return draft.contactName
    case 'contactPhone':
      return draft.contactPhone
    case 'mailingAddress':
      return draft.mailingAddress
    // The number is shown masked even to its owner: the card stays in the chat.
    case 'idType':
      return (
        draft.idType &&
        `${ctx.t(`intake:idTypes.${draft.idType}`)} ${draft.idNumber ? maskIdNumberForDisplay(draft.idNumber) : ''}`.trim()
      )
    default:
      return undefined
  }
}

/** The review card of a form on its last step. */
export async function reviewCard(ctx: BotContext, areas: AreaPicker, form: FormState): Promise<StepScreen> {
  const lines = [`<b>${ctx.t(`intake:review.title.${form.kind}`)}</b>`, '']
  const keyboard = new InlineKeyboard()
  const steps = reviewSteps(form.kind, form.draft)
  for (const [index, step] of steps.entries()) {
    const answer = await answerOf(ctx, areas, form, step)
    lines.push(
      `<b>${ctx.t(`intake:fields.${step}`)}</b>${ctx.t('intake:review.fieldSeparator')}${escapeHtml(answer ?? '—')}`,
    )
    keyboard.text(`✏️ ${ctx.t(`intake:fields.${step}`)}`, formButtonData(form, 'review', 'e', step))
    if (index % 2 === 1) keyboard.row()
  }
  lines.push('', ctx.t('intake:review.hint'))
  keyboard.row().text(ctx.t('intake:buttons.confirm'), formButtonData(form, 'review', 'ok'))
  keyboard.row().text(ctx.t('intake:buttons.back'), formButtonData(form, 'review', 'back'))
  keyboard.text(ctx.t('intake:buttons.cancel'), formButtonData(form, 'review', 'cancel'))
  return { text: lines.join('\n'), keyboard }
}
