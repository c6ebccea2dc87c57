/**
 * Article references as each language writes them. The rules store them in the English form, `Art. 16(5)` (an
 * article's item) or `Art. 21(1)(5)` (paragraph, then item); Chinese texts write 第十六条第（五）项 and
 * 第二十一条第一款第（五）项.
 */

const DIGITS = '零一二三四五六七八九'

/** 1–99 as Chinese numerals (十六, 二十一, 四十二). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`chineseNumeral: ${n} is outside 1–99`)
  if (n < 10) return DIGITS.charAt(n)
  const tens = Math.floor(n / 10)
  const ones = n % 10
  return `${tens === 1 ? '' : DIGITS.charAt(tens)}十${ones === 0 ? '' : DIGITS.charAt(ones)}`
}

const ARTICLE = /^Art\. (\d+)(?:\((\d+)\))?(?:\((\d+)\))?$/

/**
 * `article` (e.g. `Art. 16(5)`) in the language of a text: unchanged in English, 第十六条第（五）项 in Chinese.
 * @throws RangeError for a reference not in the stored form (a data defect).
 */
export function formatArticle(article: string, language: 'zh' | 'en'): string {
  if (language === 'en') return article
  const match = ARTICLE.exec(article)
  if (!match) throw new RangeError(`formatArticle: "${article}" is not of the form Art. N(M)(K)`)
  const [, articleNo, first, second] = match
  const head = `第${chineseNumeral(Number(articleNo))}条`
  if (first === undefined) return head
  if (second === undefined) return `${head}第（${chineseNumeral(Number(first))}）项`
  return `${head}第${chineseNumeral(Number(first))}款第（${chineseNumeral(Number(second))}）项`
}
