import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { HostMessage } from '../../src/schemas/component.js';

/** Debian's chromium (`.ci/run` installs it with apt-get when missing); override with CHROMIUM_PATH. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Set COUPOND_SKIP_BROWSER=1 to skip browser suites on a machine without chromium. */
export const skipBrowser = process.env.COUPOND_SKIP_BROWSER === '1';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** A phone-sized page (iPhone 12-like viewport) in zh-CN. */
export async function newMobilePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return context.newPage();
}

export interface RecordedEvent {
  type: string;
  detail: HostMessage;
}

declare global {
  interface Window {
    __couponEvents?: RecordedEvent[];
  }
}

/**
 * Records the component's DOM events (`coupon-receiver:*`, caught on `document`) and any `postMessage` the
 * page receives from a framed component (type `message`). Call before navigating.
 */
export async function recordHostEvents(page: Page): Promise<() => Promise<RecordedEvent[]>> {
  await page.addInitScript(() => {
    const events: RecordedEvent[] = [];
    window.__couponEvents = events;
    for (const type of ['coupon-receiver:result', 'coupon-receiver:claim']) {
      document.addEventListener(type, (e) => events.push({ type, detail: (e as CustomEvent<HostMessage>).detail }));
    }
    window.addEventListener('message', (e: MessageEvent<HostMessage>) => {
      if (e.source !== window) events.push({ type: 'message', detail: e.data });
    });
  });
  return () => page.mainFrame().evaluate(() => window.__couponEvents ?? []);
}

const ARTIFACTS = fileURLToPath(new URL('../artifacts/component/', import.meta.url));

/**
 * Saves what the phone screen shows under `test/artifacts/component/` (git-ignored). Full-page captures would
 * paint the sticky action bar in the middle of the page, so they are opt-in.
 */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = `${ARTIFACTS}${name}.png`;
  await page.screenshot({ path, fullPage });
  return path;
}
