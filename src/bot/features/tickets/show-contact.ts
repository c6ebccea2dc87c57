import { Composer, GrammyError } from 'grammy'
import type { Services } from '../../../services/services.ts'
import { parseShowContactData, SHOW_CONTACT_PREFIX } from '../../../telegram/callback-data/show-contact.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import type { BotContext } from '../../context.ts'

/**
 * The card's "show contact" button (`sc:<complaint id>`): the card shows the consumer's name and phone masked to
 * the whole group; the button sends them in full, privately, to the handler who pressed it, and records that on
 * the ticket. Whether the presser may see them is decided by the server (access-policy canSeeContact); anyone
 * else gets an alert and nothing is sent.
 */
export function showContact(services: Services): Composer<BotContext> {
  const composer = new Composer<BotContext>()
  composer.callbackQuery(new RegExp(`^${SHOW_CONTACT_PREFIX}`), async (ctx) => {
    const alert = (key: string, options: Record<string, unknown> = {}) =>
      ctx.answerCallbackQuery({ text: ctx.t(key, options), show_alert: true })
    const data = parseShowContactData(ctx.callbackQuery.data)
    if (!data || !ctx.person) return void (await alert('tickets:answers.staleButton'))
    const lookup = await services.tickets.contact.contactFor(ctx.person.id, data.complaintId)
    if (lookup.status === 'not-found') return void (await alert('tickets:answers.notFound'))
    if (lookup.status === 'forbidden') {
      ctx.log.info({ complaintId: data.complaintId }, 'contact refused: the presser does not handle the ticket')
      return void (await alert('tickets:contact.forbidden'))
    }
    if (lookup.status === 'confidential') return void (await alert('tickets:contact.confidentialReporter'))
    if (lookup.status === 'no-contact')
      return void (await alert('tickets:contact.none', { trackingNumber: lookup.trackingNumber }))
    const { contact } = lookup
    let text = ctx.t('tickets:contact.message', {
      who: ctx.t(`tickets:contact.who.${contact.kind}`),
      trackingNumber: escapeHtml(contact.trackingNumber),
      name: escapeHtml(contact.name ?? '—'),
      phone: escapeHtml(contact.phone ?? '—'),
    })
    const identity = [
      ...(contact.mailingAddress
        ? [ctx.t('tickets:contact.mailingAddress', { address: escapeHtml(contact.mailingAddress) })]
        : []),
      ...(contact.idDocument
        ? [
            ctx.t(contact.idDocument.masked ? 'tickets:contact.idDocumentMasked' : 'tickets:contact.idDocument', {
              type: ctx.t(`intake:idTypes.${contact.idDocument.type}`),
              number: escapeHtml(contact.idDocument.number),
            }),
          ]
        : []),
    ]
    if (identity.length > 0) text = `${text}\n\n${identity.join('\n')}`
    try {
      await ctx.api.sendMessage(ctx.from.id, text, { parse_mode: 'HTML' })
    } catch (error) {
      // 403: the staff member never started the bot (or blocked it), so the bot cannot write to them privately.
      if (!(error instanceof GrammyError) || error.error_code !== 403) throw error
      return void (await alert('tickets:contact.startPrivately', { bot: ctx.me.username }))
    }
    // Recorded once it reached them: a contact that never left the bot was not disclosed.
    await services.tickets.contact.recordContactShown(ctx.person.id, contact)
    await ctx.answerCallbackQuery({ text: ctx.t('tickets:contact.sent', { trackingNumber: contact.trackingNumber }) })
  })
  return composer
}
