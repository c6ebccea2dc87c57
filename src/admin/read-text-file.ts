import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { decodeDirectoryBytes } from '../services/directory/read-directory-file.ts'
import { AdminError } from './command.ts'

/**
 * The text of a file an operator hands the admin commands, as the spreadsheet and text tools of a Chinese office
 * save it: UTF-8 (with or without a BOM) or GB18030. UTF-16 (Excel's "Unicode text") and NUL characters are refused
 * with one line saying so, instead of a wall of garbled columns or a database error.
 */
export async function readTextFile(path: string): Promise<{ text: string; encoding: 'utf-8' | 'gb18030' }> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(path)
  } catch (error) {
    throw new AdminError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  }
  const name = basename(path)
  if (isUtf16(bytes))
    throw new AdminError(`${name}: the file is UTF-16 (Excel's "Unicode text"); save it as "CSV UTF-8" or as GB18030`)
  const decoded = decodeDirectoryBytes(bytes)
  const nul = decoded.text.indexOf('\u0000')
  if (nul >= 0) {
    const line = decoded.text.slice(0, nul).split('\n').length
    throw new AdminError(`${name}: line ${line} contains a NUL character; nothing was read`)
  }
  return decoded
}

/** A UTF-16 byte-order mark, or the NUL bytes every ASCII character of UTF-16 text carries. */
function isUtf16(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true
  const head = bytes.subarray(0, 200)
  let nuls = 0
  for (const byte of head) if (byte === 0) nuls++
  return head.length >= 4 && nuls * 4 >= head.length
}
