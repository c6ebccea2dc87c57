/**
 * Text normalization shared by the intake parsers.
 *
 * Chinese input methods often produce full-width ASCII (`１３８`, `（`, `－`, `．`)
 * and the ideographic space; every parser folds them to their ASCII forms first.
 */

const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/g
const FULL_WIDTH_OFFSET = 0xfee0

/**
 * Folds full-width ASCII characters (U+FF01–U+FF5E) to ASCII and the
 * ideographic space (U+3000) to a plain space. Other characters are kept.
 *
 * @example toHalfWidth('１３８（０）') === '138(0)'
 */
export function toHalfWidth(input: string): string {
  return input
    .replace(FULL_WIDTH_ASCII, (ch) => String.fromCharCode(ch.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(/\u3000/g, ' ')
}
