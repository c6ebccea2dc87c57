import { describe, expect, it } from 'vitest'
import { checkEvidence } from '../../../src/domain/intake/evidence.ts'

const MB = 1024 * 1024

describe('checkEvidence', () => {
  it('accepts a photo while there is room', () => {
    expect(checkEvidence(0, { kind: 'photo', size: 2 * MB })).toEqual({ ok: true })
    expect(checkEvidence(8, { kind: 'photo' })).toEqual({ ok: true })
  })

  it('rejects a tenth attachment with TOO_MANY and the limit', () => {
    expect(checkEvidence(9, { kind: 'photo', size: 1 })).toEqual({ ok: false, error: 'TOO_MANY', limit: 9 })
  })

  it('rejects a file over 20 MB with TOO_LARGE, the limit and the size', () => {
    expect(checkEvidence(0, { kind: 'document', size: 20 * MB, mimeType: 'application/pdf' })).toEqual({ ok: true })
    expect(checkEvidence(0, { kind: 'document', size: 20 * MB + 1, mimeType: 'application/pdf' })).toEqual({
      ok: false,
      error: 'TOO_LARGE',
      limit: 20 * MB,
      size: 20 * MB + 1,
    })
  })

  it('accepts a document of unknown size', () => {
    expect(checkEvidence(0, { kind: 'document', mimeType: 'application/pdf' })).toEqual({ ok: true })
  })

  it.each([
    'application/pdf',
    'image/jpeg',
    'image/heic',
    'text/plain; charset=utf-8',
    'APPLICATION/MSWORD',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ])('accepts a %s document', (mimeType) => {
    expect(checkEvidence(0, { kind: 'document', mimeType })).toEqual({ ok: true })
  })

  it.each([
    'application/zip',
    'application/x-msdownload',
    'video/mp4',
    'audio/mpeg',
    'application/vnd.android.package-archive',
  ])('rejects a %s document with UNSUPPORTED_TYPE', (mimeType) => {
    expect(checkEvidence(0, { kind: 'document', mimeType, fileName: 'x.pdf' })).toEqual({
      ok: false,
      error: 'UNSUPPORTED_TYPE',
    })
  })

  it('falls back to the file name when the MIME type is missing or generic', () => {
    expect(checkEvidence(0, { kind: 'document', fileName: '发票.PDF' })).toEqual({ ok: true })
    expect(checkEvidence(0, { kind: 'document', mimeType: 'application/octet-stream', fileName: '合同.wps' })).toEqual({
      ok: true,
    })
    expect(checkEvidence(0, { kind: 'document', mimeType: 'application/octet-stream', fileName: 'setup.exe' })).toEqual(
      {
        ok: false,
        error: 'UNSUPPORTED_TYPE',
      },
    )
    expect(checkEvidence(0, { kind: 'document' })).toEqual({ ok: false, error: 'UNSUPPORTED_TYPE' })
  })

  it('checks the count before size and type', () => {
    expect(checkEvidence(9, { kind: 'document', size: 30 * MB, mimeType: 'application/zip' })).toMatchObject({
      error: 'TOO_MANY',
    })
    expect(checkEvidence(0, { kind: 'document', size: 30 * MB, mimeType: 'application/zip' })).toMatchObject({
      error: 'TOO_LARGE',
    })
  })
})
