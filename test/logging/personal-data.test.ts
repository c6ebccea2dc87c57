import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/logging/logger.ts'
import { scrubRecord, scrubText } from '../../src/logging/personal-data.ts'

function capture() {
  const lines: string[] = []
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean))
      done()
    },
  })
  return { log: createLogger({ level: 'trace', destination }), lines }
}

describe('masking personal data in free text', () => {
  it('masks mobile numbers however they are written', () => {
    for (const written of [
      '13912345678',
      '+8613912345678',
      '+86 139 1234 5678',
      '0086-139-1234-5678',
      '电话13912345678。',
    ]) {
      const masked = scrubText(written)
      expect(masked, written).not.toMatch(/1234/)
      expect(masked).toContain('*******5678')
    }
  })

  it('masks landlines and ID numbers, and leaves short numbers alone', () => {
    expect(scrubText('028-38123456')).toBe('***-****3456')
    expect(scrubText('身份证 51010219900101123X')).toBe('身份证 5****************X')
    expect(scrubText('旧身份证 510102900101123')).toBe('旧身份证 5*************3')
    expect(scrubText('order 12315, ¥499')).toBe('order 12315, ¥499')
  })

  it('masks passport, permit and foreign-resident card numbers, but not tracking numbers', () => {
    expect(scrubText('护照 E12345678，通行证 H1234567890')).toBe('护照 E*******8，通行证 H*********0')
    expect(scrubText('card USA110012345678 ok')).toBe('card U*************8 ok')
    expect(scrubText('MS-20261128-0042 route 511402001001-02')).toBe('MS-20261128-0042 route 511402001001-02')
  })

  it('keeps only the first letter of each part of a name in name fields', () => {
    expect(scrubRecord({ contactName: '欧阳娜娜', displayName: 'John Smith' })).toEqual({
      contactName: '欧***',
      displayName: 'J*** S****',
    })
  })
})

describe('log records', () => {
  it('mask names and phones in known fields, at any depth', () => {
    const record = scrubRecord({
      contact: { contactName: '张三', contactPhone: '13912345678' },
      user: { first_name: 'Li', username: 'lisi' },
    })
    expect(JSON.stringify(record)).not.toMatch(/张三|13912345678|lisi/)
  })

  it('never let a phone or ID number through the logger, in fields, messages, format arguments or errors', () => {
    const { log, lines } = capture()
    log.info({ text: '我的电话13912345678' }, 'consumer wrote')
    log.info('calling %s now', '13912345678')
    log.warn('ID 510102199001011234 seen')
    log.error(new Error('sendMessage failed for +86 139 1234 5678'))
    log.error({ err: new Error('chat 13912345678 not found'), displayName: '欧阳娜娜' }, 'Bot API call failed')
    expect(lines).toHaveLength(5)
    for (const line of lines) {
      expect(line.replace(/\D/g, '')).not.toContain('13912345678')
      expect(line).not.toContain('1234 5678')
      expect(line).not.toContain('510102199001011234')
      expect(line).not.toContain('欧阳娜娜')
    }
  })
})
