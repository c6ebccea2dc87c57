import type { TFunction } from 'i18next'

/**
 * A translation function that remembers: texts that come out the same every time are translated once — those
 * without parameters (labels, notices, statuses; also with only a `defaultValue`), and those whose parameters are
 * a frozen object (a question with its length limits: `Object.freeze` marks parameters that never change), and
 * plurals of a small `count` alone ("3 files"). Texts
 * with other parameters keep their template, and plain `{{name}}` placeholders are filled in here. The locale files
 * are loaded at start-up and never change while the process runs, and an i18next call costs some 20 µs: a
 * measurable part of every update and every ticket card. Plurals, nesting, formats and other options go to i18next
 * as they are.
 */
export function remembering(t: TFunction): TFunction {
  const translate = t as unknown as (...args: unknown[]) => unknown
  const plain = new Map<string, unknown>()
  const withParams = new WeakMap<object, Map<string, unknown>>()
  const templates = new Map<string, Template | null>()
  // A function of its own (not rest parameters): an array per call is measurable at this call rate.
  const remembered = function (key: unknown, params?: unknown): unknown {
    if (typeof key !== 'string' || arguments.length > 2 || (params !== undefined && !isObject(params)))
      return translate(...arguments)
    if (params === undefined || isEmpty(params)) return lookup(plain, key, () => translate(key))
    const count = onlySmallCount(params)
    if (count !== undefined) return lookup(plain, `${key}\u0000#${count}`, () => translate(key, params))
    const defaultValue = onlyDefaultValue(params)
    if (defaultValue !== undefined) return lookup(plain, `${key}\u0000${defaultValue}`, () => translate(key, params))
    if (Object.isFrozen(params)) {
      let texts = withParams.get(params)
      if (!texts) {
        texts = new Map()
        withParams.set(params, texts)
      }
      return lookup(texts, key, () => translate(key, params))
    }
    let template = templates.get(key)
    if (template === undefined) {
      template = simpleTemplate(translate(key, { skipInterpolation: true }))
      if (templates.size < MAX_REMEMBERED_TEXTS) templates.set(key, template)
    }
    return (template && fill(template, params as Record<string, unknown>)) ?? translate(key, params)
  }
  // i18next's fixed t carries its language (and namespace, key prefix); so does this one, for code that asks.
  const { lng, ns, keyPrefix } = t as unknown as Record<string, unknown>
  return Object.assign(remembered, { lng, ns, keyPrefix }) as unknown as TFunction
}

/** A text whose only i18next syntax is `{{name}}` placeholders: its literal parts and the names between them. */
interface Template {
  parts: string[]
  names: string[]
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g

/** The template of a text, or null when it uses more than plain placeholders (nesting, formats): i18next's job. */
function simpleTemplate(text: unknown): Template | null {
  if (typeof text !== 'string' || text.includes('$t(')) return null
  const parts: string[] = []
  const names: string[] = []
  let last = 0
  for (const match of text.matchAll(PLACEHOLDER)) {
    parts.push(text.slice(last, match.index))
    names.push(match[1] ?? '')
    last = match.index + match[0].length
  }
  parts.push(text.slice(last))
  return parts.some((part) => part.includes('{{')) ? null : { parts, names }
}

/**
 * The text with the parameters put in, as i18next would (values unescaped, as configured); undefined when the call
 * needs i18next itself: plurals (`count`), another language (`lng`), options, or a parameter missing.
 */
function fill(template: Template, params: Record<string, unknown>): string | undefined {
  let text = template.parts[0] ?? ''
  for (const [index, name] of template.names.entries()) {
    const value = params[name]
    if (value === undefined || value === null || typeof value === 'object') return undefined
    text += String(value) + (template.parts[index + 1] ?? '')
  }
  for (const option in params)
    if (option === 'count' || option === 'lng' || option === 'context' || option === 'defaultValue') return undefined
  return text
}

/** Texts remembered per map at most: the locale files' keys are far fewer; a key made of input would stop here. */
const MAX_REMEMBERED_TEXTS = 20_000

function lookup(texts: Map<string, unknown>, key: string, translate: () => unknown): unknown {
  let text = texts.get(key)
  if (text === undefined) {
    text = translate()
    if (texts.size < MAX_REMEMBERED_TEXTS) texts.set(key, text)
  }
  return text
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null
}

/** Counts up to this are remembered with their plural text; larger ones (statistics) are too many to keep. */
const MAX_REMEMBERED_COUNT = 100

/** The `count` of parameters that hold nothing else, when it is a small whole number. */
function onlySmallCount(params: object): number | undefined {
  let count: unknown
  for (const name in params) {
    if (name !== 'count') return undefined
    count = (params as { count: unknown }).count
  }
  return typeof count === 'number' && Number.isInteger(count) && count >= 0 && count < MAX_REMEMBERED_COUNT
    ? count
    : undefined
}

/** The `defaultValue` of parameters that hold nothing else. */
function onlyDefaultValue(params: object): string | undefined {
  const { defaultValue, ...rest } = params as { defaultValue?: unknown }
  return typeof defaultValue === 'string' && isEmpty(rest) ? defaultValue : undefined
}

function isEmpty(value: object): boolean {
  for (const _ in value) return false
  return true
}
