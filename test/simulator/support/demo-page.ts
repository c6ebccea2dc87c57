/** Driving the demo page in headless Chromium (Debian's chromium, through playwright-core). */
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'

export const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url))

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

/** Opens the page and waits until every pane has loaded its chat. */
export async function openDemo(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.locator('body[data-ready="1"]').waitFor({ timeout: 20_000 })
}

const exact = (label: string | RegExp): RegExp =>
  typeof label === 'string' ? new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) : label

/** One pane of the page (a chat), acting as its selected person. */
export class PaneDriver {
  constructor(
    readonly page: Page,
    readonly key: string,
  ) {}

  private get root() {
    return this.page.locator(`[data-pane="${this.key}"]`)
  }

  async send(text: string): Promise<void> {
    const input = this.root.locator('[data-role=composer]')
    await input.fill(text)
    await input.press('Enter')
    await this.waitFor(text)
  }

  /** Replies (↩) to the newest message containing `to`. */
  async reply(to: string | RegExp, text: string): Promise<void> {
    await this.waitFor(to)
    await this.root.locator('.msg', { hasText: to }).last().locator('.reply-btn').click()
    await this.send(text)
  }

  /** Waits for a message containing `text` (the newest one). */
  async waitFor(text: string | RegExp, timeout = 20_000): Promise<void> {
    try {
      await this.root.locator('.msg', { hasText: text }).last().waitFor({ state: 'visible', timeout })
    } catch (error) {
      throw new Error(
        `pane ${this.key}: no message with ${String(text)} within ${timeout} ms.\nPane shows:\n${await this.transcript()}`,
        { cause: error },
      )
    }
  }

  /** Taps the newest inline button with this label, waiting for it to appear. */
  async tap(label: string | RegExp, timeout = 20_000): Promise<void> {
    const button = this.root.locator('.ikb button', { hasText: exact(label) }).last()
    try {
      await button.waitFor({ state: 'visible', timeout })
    } catch (error) {
      throw new Error(
        `pane ${this.key}: no button ${String(label)} within ${timeout} ms.\nPane shows:\n${await this.transcript()}`,
        { cause: error },
      )
    }
    await button.click()
  }

  async tapReplyKeyboard(label: string | RegExp): Promise<void> {
    await this.root.locator('[data-testid=reply-keyboard] button', { hasText: label }).first().click()
  }

  /** A click on the map of "share location" where it draws this area (a community's dot). */
  async clickMapAt(areaCode: string): Promise<void> {
    const dot = this.root.locator(`[data-testid=map] [data-area="${areaCode}"] circle`)
    const box = await dot.boundingBox()
    if (!box) throw new Error(`pane ${this.key}: the map does not show area ${areaCode}`)
    await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  }

  async control(action: string): Promise<void> {
    await this.root.locator(`[data-action="${action}"]`).click()
  }

  /** The language the pane's person speaks to the bot (the header's selector). */
  async speak(languageCode: 'zh-hans' | 'en'): Promise<void> {
    const done = this.page.waitForResponse((r) => r.url().includes('/language') && r.ok())
    await this.root.locator('[data-role=person-language]').selectOption(languageCode)
    await done
  }

  async upload(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.root.locator('[data-role=attach]').setInputFiles(file)
  }

  async count(): Promise<number> {
    return Number(await this.root.getAttribute('data-count'))
  }

  async transcript(): Promise<string> {
    const texts = await this.root.locator('.msg').allInnerTexts()
    return texts
      .slice(-8)
      .map((t) => `  | ${t.replace(/\n+/g, ' ⏎ ').slice(0, 300)}`)
      .join('\n')
  }

  /** Keeps a picture of the pane in test/artifacts/ (gitignored); returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(ARTIFACTS, { recursive: true })
    const path = `${ARTIFACTS}${name}.png`
    await this.root.screenshot({ path })
    return path
  }
}

/** A tiny valid PNG (a 2×2 red square), as a consumer's photo of the receipt. */
export const RECEIPT_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
)
