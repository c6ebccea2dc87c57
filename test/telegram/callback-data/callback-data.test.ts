import { describe, expect, it } from 'vitest'
import { monthPeriod } from '../../../src/domain/statistics/period.ts'
import { bindStationCallback } from '../../../src/telegram/callback-data/access.ts'
import { clockPauseCallback } from '../../../src/telegram/callback-data/clock-pause.ts'
import { MAX_CALLBACK_DATA_BYTES } from '../../../src/telegram/callback-data/define-callback-data.ts'
import { formButtonCallback } from '../../../src/telegram/callback-data/form-button.ts'
import { hotSpotCallback } from '../../../src/telegram/callback-data/hot-spot.ts'
import { languageCallback, menuCallback, menuData } from '../../../src/telegram/callback-data/menu.ts'
import { myComplaintsCallback, myData } from '../../../src/telegram/callback-data/my-complaints.ts'
import { ratingCallback } from '../../../src/telegram/callback-data/rating.ts'
import { showContactCallback } from '../../../src/telegram/callback-data/show-contact.ts'
import { statisticsCallback } from '../../../src/telegram/callback-data/statistics.ts'
import { ticketActionCallback } from '../../../src/telegram/callback-data/ticket-action.ts'
import { ticketChoiceCallback } from '../../../src/telegram/callback-data/ticket-choice.ts'
import {
  broadcastControlCallback,
  composeCallback,
  subscriptionCallback,
  unsubscribeCallback,
  warningOfferCallback,
} from '../../../src/telegram/callback-data/warnings.ts'

const ID = '0195f3c2-7a1b-7c3d-8e4f-5a6b7c8d9e0f'

describe('callback data', () => {
  it('keeps the wire format of the buttons already sent', () => {
    expect(ticketActionCallback.encode({ action: 'ACCEPT', complaintId: ID })).toBe(`t:ac:${ID}`)
    expect(showContactCallback.encode({ complaintId: ID })).toBe(`sc:${ID}`)
    expect(ratingCallback.encode({ type: 'rate', stars: 4, complaintId: ID })).toBe(`rate:4:${ID}`)
    expect(ratingCallback.encode({ type: 'skip-comment', complaintId: ID })).toBe(`rate:skip:${ID}`)
    expect(ticketChoiceCallback.encode({ nonce: 'a1b2c3', choice: 2 })).toBe('tc:a1b2c3:2')
    expect(ticketChoiceCallback.encode({ nonce: 'a1b2c3', choice: 'x' })).toBe('tc:a1b2c3:x')
    expect(myData.list(3)).toBe('my:list:3')
    expect(myData.withdrawConfirmed(ID)).toBe(`my:wy:${ID}`)
    expect(menuData.start('REPORT')).toBe('m:r')
    expect(menuData.startAnew('COMPLAINT')).toBe('m:new:c')
    expect([menuData.resume, menuData.help, menuData.language, menuData.menu]).toEqual([
      'm:resume',
      'm:help',
      'm:lang',
      'm:menu',
    ])
    expect(languageCallback.encode({ locale: 'en' })).toBe('lang:en')
    expect(bindStationCallback.encode({ stationId: ID })).toBe(`a:bind:${ID}`)
    expect(formButtonCallback.encode({ fragment: '0195f3c2', step: 'location', action: 'a', args: ['1'] })).toBe(
      'f:0195f3c2:lo:a:1',
    )
  })

  it('reads back what it wrote, and complaint ids in lower case', () => {
    expect(ticketActionCallback.decode(`t:rj:${ID.toUpperCase()}`)).toEqual({ action: 'REJECT', complaintId: ID })
    expect(myComplaintsCallback.decode(`my:d:${ID}`)).toEqual({ type: 'detail', complaintId: ID })
    expect(menuCallback.decode('m:new:i')).toEqual({ type: 'start', kind: 'INQUIRY', anew: true })
    expect(menuCallback.decode('m:help')).toEqual({ type: 'help' })
    expect(ratingCallback.decode(`rate:5:${ID}`)).toEqual({ type: 'rate', stars: 5, complaintId: ID })
  })

  it('writes and reads the statistics buttons: a view, a period and a scope', () => {
    const march = monthPeriod(2026, 3)
    const station = statisticsCallback.encode({ view: 's', period: march, scope: { level: 'STATION', stationId: ID } })
    expect(station).toBe(`st:s:M2026-03:S${ID}`)
    expect(statisticsCallback.decode(station)).toEqual({
      view: 's',
      period: march,
      scope: { level: 'STATION', stationId: ID },
    })
    expect(statisticsCallback.decode('st:w:M2026-03:D511402')).toEqual({
      view: 'w',
      period: march,
      scope: { level: 'COUNTY', districtCode: '511402' },
    })
    for (const forged of ['st:x:M2026-03:C', 'st:s:M2026-13:C', 'st:s:M2026-03:Z', 'st:s:M2026-03:C:1', 'st:s'])
      expect(statisticsCallback.decode(forged), forged).toBeUndefined()
  })

  it('refuses to write a field that would not split back', () => {
    expect(() =>
      formButtonCallback.encode({ fragment: '0195f3c2', step: 'location', action: 'a', args: ['a:b'] }),
    ).toThrow(/separator/)
  })

  it('reads back every button it writes', () => {
    const written = [
      ticketActionCallback.encode({ action: 'ACCEPT', complaintId: ID }),
      ratingCallback.encode({ type: 'rate', stars: 3, complaintId: ID }),
      ticketChoiceCallback.encode({ nonce: 'a1b2c3', choice: 2 }),
      formButtonCallback.encode({ fragment: '0195f3c2', step: 'category', action: 'c', args: ['FOOD_PACKAGED'] }),
      statisticsCallback.encode({ view: 'w', period: monthPeriod(2026, 3), scope: { level: 'CITY' } }),
    ]
    expect(ticketActionCallback.decode(written[0])).toEqual({ action: 'ACCEPT', complaintId: ID })
    expect(ratingCallback.decode(written[1])).toEqual({ type: 'rate', stars: 3, complaintId: ID })
    expect(ticketChoiceCallback.decode(written[2])).toEqual({ nonce: 'a1b2c3', choice: 2 })
    expect(formButtonCallback.decode(written[3])).toEqual({
      fragment: '0195f3c2',
      step: 'category',
      action: 'c',
      args: ['FOOD_PACKAGED'],
    })
    expect(statisticsCallback.decode(written[4])).toEqual({
      view: 'w',
      period: monthPeriod(2026, 3),
      scope: { level: 'CITY' },
    })
  })

  it(`refuses to write data over Telegram's ${MAX_CALLBACK_DATA_BYTES} bytes`, () => {
    expect(() =>
      formButtonCallback.encode({ fragment: '0195f3c2', step: 'location', action: 'a', args: ['x'.repeat(60)] }),
    ).toThrow(RangeError)
    expect(() => ticketActionCallback.encode({ action: 'ACCEPT', complaintId: 'x'.repeat(70) })).toThrow(RangeError)
  })

  it('gives every codec a prefix of its own', () => {
    const prefixes = [
      ticketActionCallback,
      ratingCallback,
      ticketChoiceCallback,
      myComplaintsCallback,
      menuCallback,
      showContactCallback,
      bindStationCallback,
      formButtonCallback,
      languageCallback,
      statisticsCallback,
      subscriptionCallback,
      warningOfferCallback,
      unsubscribeCallback,
      composeCallback,
      broadcastControlCallback,
      clockPauseCallback,
      hotSpotCallback,
    ].map((codec) => codec.prefix)
    for (const prefix of prefixes) expect(prefixes.filter((other) => other.startsWith(prefix))).toEqual([prefix])
  })
})
