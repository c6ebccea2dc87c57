/**
 * parse_mode as Telegram applies it: what a client shows (plain text and entities) for HTML, MarkdownV2 and legacy
 * Markdown, and Telegram's "can't parse entities" answers for malformed input, byte offsets included.
 */
import { Api } from 'grammy'
import type { ParseMode } from 'grammy/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeTelegram } from '../../src/simulator/bot-api/index.ts'

let tg: FakeTelegram
let api: Api
let chatId: number

beforeAll(async () => {
  tg = await FakeTelegram.start()
  api = new Api(tg.token, { apiRoot: tg.apiRoot })
  chatId = tg.user({ firstName: '王小明', startedBot: true }).id
})
afterAll(async () => {
  await tg.stop()
})

/** What the user's client shows for a message the bot sent with this parse_mode. */
async function shown(text: string, parseMode: ParseMode) {
  const sent = await api.sendMessage(chatId, text, { parse_mode: parseMode })
  return { text: sent.text, entities: sent.entities ?? [] }
}

describe('HTML', () => {
  it('shows every supported tag as its entity', async () => {
    const html =
      '<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>x</s><strike>k</strike><del>d</del>' +
      '<span class="tg-spoiler">p</span><tg-spoiler>q</tg-spoiler><code>c</code><tg-emoji emoji-id="42">😀</tg-emoji>'
    const { text, entities } = await shown(html, 'HTML')
    expect(text).toBe('bsieunxkdpqc😀')
    expect(entities.map((e) => e.type)).toEqual([
      'bold',
      'bold',
      'italic',
      'italic',
      'underline',
      'underline',
      'strikethrough',
      'strikethrough',
      'strikethrough',
      'spoiler',
      'spoiler',
      'code',
      'custom_emoji',
    ])
    expect(entities.at(-1)).toMatchObject({ custom_emoji_id: '42' })
  })

  it('shows links, mentions of a user by id, and drops a link without an address', async () => {
    const { text, entities } = await shown(
      '<a href="https://12315.example/a?x=1&amp;y=2">站</a> <a href=\'tg://user?id=42\'>王</a> <a>空</a>',
      'HTML',
    )
    expect(text).toBe('站 王 空')
    expect(entities).toEqual([
      { type: 'text_link', offset: 0, length: 1, url: 'https://12315.example/a?x=1&y=2' },
      { type: 'text_mention', offset: 2, length: 1, user: { id: 42, is_bot: false, first_name: '' } },
    ])
  })

  it('keeps the language of <pre><code class="language-…"> and of a pre alone', async () => {
    const nested = await shown('<pre><code class="language-python">print(1)</code></pre>', 'HTML')
    expect(nested).toEqual({ text: 'print(1)', entities: [{ type: 'pre', offset: 0, length: 8, language: 'python' }] })
    const plain = await shown('<pre>x = 1</pre>', 'HTML')
    expect(plain.entities).toEqual([{ type: 'pre', offset: 0, length: 5 }])
  })

  it('shows an expandable quote for the bare attribute, and a plain quote without it', async () => {
    const expandable = await shown('<blockquote expandable>第一行\n第二行</blockquote>', 'HTML')
    expect(expandable.entities).toEqual([{ type: 'expandable_blockquote', offset: 0, length: 7 }])
    const plain = await shown('<blockquote>引用</blockquote>', 'HTML')
    expect(plain.entities).toEqual([{ type: 'blockquote', offset: 0, length: 2 }])
  })

  it('decodes named and numeric character references and leaves an unknown one as written', async () => {
    const { text } = await shown('&lt;b&gt; &amp; &quot;&apos; &#65;&#x42; &copy; & 1', 'HTML')
    expect(text).toBe('<b> & "\' AB &copy; & 1')
  })

  it('strips the whitespace around the text and moves the entities with it', async () => {
    const { text, entities } = await shown('  <b>投诉</b> 已提交  ', 'HTML')
    expect(text).toBe('投诉 已提交')
    expect(entities).toEqual([{ type: 'bold', offset: 0, length: 2 }])
  })

  it.each([
    ['投诉<br>', 'Unsupported start tag "br" at byte offset 6'],
    ['a <b', 'Unclosed start tag at byte offset 2'],
    ['a</b>', 'Unexpected end tag at byte offset 1'],
    ['<b>x</i>', 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'],
    ['<span>x</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
    ['<b>x', 'Can\'t find end tag corresponding to start tag "b"'],
  ])('refuses %j: %s', async (html, detail) => {
    await expect(api.sendMessage(chatId, html, { parse_mode: 'HTML' })).rejects.toMatchObject({
      error_code: 400,
      description: `Bad Request: can't parse entities: ${detail}`,
    })
  })
})

describe('MarkdownV2', () => {
  it('shows bold, italic, underline, strikethrough, spoiler, code and escaped characters', async () => {
    const { text, entities } = await shown('*b* _i_ __u__ ~s~ ||p|| `c\\`` 1\\.5\\!', 'MarkdownV2')
    expect(text).toBe('b i u s p c` 1.5!')
    expect(entities).toEqual([
      { type: 'bold', offset: 0, length: 1 },
      { type: 'italic', offset: 2, length: 1 },
      { type: 'underline', offset: 4, length: 1 },
      { type: 'strikethrough', offset: 6, length: 1 },
      { type: 'spoiler', offset: 8, length: 1 },
      { type: 'code', offset: 10, length: 2 },
    ])
  })

  it('shows nested entities, the longer first', async () => {
    const { entities } = await shown('*bold _both_*', 'MarkdownV2')
    expect(entities).toEqual([
      { type: 'bold', offset: 0, length: 9 },
      { type: 'italic', offset: 5, length: 4 },
    ])
  })

  it('shows a pre block with its language, and one without', async () => {
    const withLanguage = await shown('```python\nprint(1)\n```', 'MarkdownV2')
    expect(withLanguage).toEqual({
      text: 'print(1)',
      entities: [{ type: 'pre', offset: 0, length: 8, language: 'python' }],
    })
    const bare = await shown('```a b```', 'MarkdownV2')
    expect(bare.entities).toEqual([{ type: 'pre', offset: 0, length: 3 }])
  })

  it('shows a link whose address holds an escaped ")"', async () => {
    const { text, entities } = await shown('[说明](https://12315.example/a_\\(b\\))', 'MarkdownV2')
    expect(text).toBe('说明')
    expect(entities).toEqual([{ type: 'text_link', offset: 0, length: 2, url: 'https://12315.example/a_(b)' }])
  })

  it('takes ">" at the start of a line as a quote marker', async () => {
    const { text } = await shown('>引用\n>第二行', 'MarkdownV2')
    expect(text).toBe('引用\n第二行')
  })

  it.each([
    ['Done.', "Character '.' is reserved and must be escaped with the preceding '\\'"],
    ['a\\', "Character '\\' is reserved and must be escaped with the preceding '\\'"],
    ['投诉 *已提交', "Can't find end of Bold entity at byte offset 7"],
    ['__u', "Can't find end of Underline entity at byte offset 0"],
    ['`code', "Can't find end of Code entity at byte offset 0"],
    ['```pre', "Can't find end of Pre entity at byte offset 0"],
    ['[a] b', "Character ']' is reserved and must be escaped with the preceding '\\'"],
    ['[a](https://x', "Can't find end of a URL at byte offset 4"],
    ['[a', "Can't find end of TextUrl entity at byte offset 0"],
  ])('refuses %j: %s', async (markdown, detail) => {
    await expect(api.sendMessage(chatId, markdown, { parse_mode: 'MarkdownV2' })).rejects.toMatchObject({
      description: `Bad Request: can't parse entities: ${detail}`,
    })
  })
})

describe('legacy Markdown', () => {
  it('shows bold, italic, code, pre and links, and takes other characters as they are', async () => {
    const { text, entities } = await shown('*b* _i_ `c` [l](https://x.example) 1.5! \\* [x] y', 'Markdown')
    expect(text).toBe('b i c l 1.5! * x y')
    expect(entities).toEqual([
      { type: 'bold', offset: 0, length: 1 },
      { type: 'italic', offset: 2, length: 1 },
      { type: 'code', offset: 4, length: 1 },
      { type: 'text_link', offset: 6, length: 1, url: 'https://x.example' },
    ])
  })

  it('refuses an entity that is never closed, naming where it starts', async () => {
    await expect(api.sendMessage(chatId, '投诉 _未完', { parse_mode: 'Markdown' })).rejects.toMatchObject({
      description: "Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 7",
    })
    await expect(api.sendMessage(chatId, '`x', { parse_mode: 'Markdown' })).rejects.toMatchObject({
      description: "Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 0",
    })
  })
})

describe('texts that are not formatted', () => {
  it('refuses an unknown parse_mode and a text that formats to nothing', async () => {
    await expect(api.sendMessage(chatId, 'x', { parse_mode: 'BBCode' as ParseMode })).rejects.toMatchObject({
      description: 'Bad Request: unsupported parse_mode',
    })
    await expect(api.sendMessage(chatId, '<b> </b>', { parse_mode: 'HTML' })).rejects.toMatchObject({
      description: 'Bad Request: message text is empty',
    })
    await expect(api.sendMessage(chatId, '   ')).rejects.toMatchObject({
      description: 'Bad Request: message text is empty',
    })
  })

  it('keeps the entities a bot passes itself', async () => {
    const sent = await api.sendMessage(chatId, 'MS-1 已受理', { entities: [{ type: 'code', offset: 0, length: 4 }] })
    expect(sent.entities).toEqual([{ type: 'code', offset: 0, length: 4 }])
  })
})
