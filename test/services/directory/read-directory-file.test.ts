import { describe, expect, it } from 'vitest'
import { readCsv } from '../../../src/services/directory/csv-reader.ts'
import { decodeDirectoryBytes, readDirectoryFile } from '../../../src/services/directory/read-directory-file.ts'

describe('readCsv', () => {
  it('keeps the physical line a record starts on when a quoted cell spans lines', () => {
    const result = readCsv('a,b\r\n"x\ny","say ""hi"""\r\nlast,row')
    expect(result).toEqual({
      ok: true,
      records: [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['x\ny', 'say "hi"'] },
        { line: 4, cells: ['last', 'row'] },
      ],
    })
  })

  it('reports a quote that never closes at the line it opened', () => {
    expect(readCsv('a,b\nc,"d\ne\n')).toEqual({ ok: false, line: 2, message: expect.stringContaining('never closed') })
  })
})

describe('readDirectoryFile', () => {
  it('skips blank and comment rows, splits lists and reads numbers from CSV', () => {
    const file = readDirectoryFile(
      '\uFEFFtype,code,name,aliases,latitude\n\n# note,,,\n,,,,\nplatform,jd,京东, 京东商城；JD ;,\narea,x,y,,30.5\n',
      'csv',
    )
    expect(file.problems).toEqual([])
    expect(file.rows).toEqual([
      { section: 'platforms', line: 5, fields: { code: 'jd', name: '京东', aliases: ['京东商城', 'JD'] } },
      { section: 'areas', line: 6, fields: { code: 'x', name: 'y', latitude: 30.5 } },
    ])
  })

  it('accepts snake_case column names', () => {
    const file = readDirectoryFile('type,code,name_en,parent_code\narea,1,x,2\n', 'csv')
    expect(file.rows[0]?.fields).toEqual({ code: '1', nameEn: 'x', parentCode: '2' })
  })

  it('gives each JSON element the line of its opening brace, and flags unknown keys', () => {
    const file = readDirectoryFile(
      '{\n "$schema": "x",\n "areas": [\n  {"code": "1"},\n\n  {\n   "code": "2"}\n ],\n "stations": 3, "zones": []\n}',
      'json',
    )
    expect(file.rows.map((row) => row.line)).toEqual([4, 6])
    expect(file.problems.map((problem) => problem.value)).toEqual(['number', 'zones'])
  })

  it('decodes GB18030 bytes that Excel writes on Chinese Windows', () => {
    const gbk = Uint8Array.from([0xc3, 0xbc, 0xc9, 0xbd, 0xca, 0xd0, 0xb6, 0xab, 0xc6, 0xc2, 0xc7, 0xf8]) // 眉山市东坡区
    expect(decodeDirectoryBytes(gbk)).toEqual({ text: '眉山市东坡区', encoding: 'gb18030' })
    expect(decodeDirectoryBytes(new TextEncoder().encode('\uFEFF眉山'))).toEqual({ text: '眉山', encoding: 'utf-8' })
  })
})
