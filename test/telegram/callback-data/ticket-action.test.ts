import { describe, expect, it } from 'vitest'
import { parseShowContactData, showContactData } from '../../../src/telegram/callback-data/show-contact.ts'
import { parseTicketActionData, ticketActionData } from '../../../src/telegram/callback-data/ticket-action.ts'
import { ID } from '../render/ticket-card-view.ts'

describe('ticket action callback data', () => {
  it('round-trips every action within 64 bytes', () => {
    for (const action of ['ACCEPT', 'REJECT', 'START_LOCAL_MEDIATION', 'ADD_NOTE', 'TRANSFER'] as const) {
      const data = ticketActionData(action, ID)
      expect(Buffer.byteLength(data, 'utf8')).toBeLessThanOrEqual(64)
      expect(parseTicketActionData(data)).toEqual({ action, complaintId: ID })
    }
  })

  it('rejects stale or forged data', () => {
    expect(parseTicketActionData(`t:zz:${ID}`)).toBeUndefined()
    expect(parseTicketActionData('t:ac:not-a-uuid')).toBeUndefined()
    expect(parseTicketActionData(`f:ac:${ID}`)).toBeUndefined()
    expect(() => ticketActionData('ACCEPT', 'x'.repeat(70))).toThrow(RangeError)
  })

  it('keeps the show-contact button within 64 bytes and refuses forged data', () => {
    expect(Buffer.byteLength(showContactData(ID), 'utf8')).toBeLessThanOrEqual(64)
    expect(parseShowContactData(showContactData(ID))).toEqual({ complaintId: ID })
    expect(parseShowContactData('sc:not-a-uuid')).toBeUndefined()
    expect(parseShowContactData(`t:ac:${ID}`)).toBeUndefined()
  })
})
