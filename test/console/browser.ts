import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/console/', import.meta.url));

/** The CSP the hardened server sends; added to console pages that arrive without one, so tests hold it either way. */
const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export interface ConsolePage {
  page: Page;
  /** Uncaught errors, console errors (CSP violations among them) and failed requests of the page. */
  errors: string[];
  /** Paths of every admin or sandbox API call the page made. */
  apiCalls: string[];
}

const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** A fresh browser context on `path`; `token` pre-signs it in (sessionStorage), as a returning tab would be. */
export async function openConsole(
  browser: Browser,
  baseURL: string,
  path: string,
  options: { token?: string; viewport?: { width: number; height: number }; lang?: 'zh-CN' | 'en' } = {},
): Promise<ConsolePage> {
  const phone = options.viewport === PHONE;
  const context = await browser.newContext({
    viewport: options.viewport ?? DESKTOP,
    ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const apiCalls: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (/^\/(admin|sandbox)\//.test(pathname)) apiCalls.push(pathname);
  });
  await page.route(/\/console(\/[^.]*)?(\?.*)?$/, async (route) => {
    try {
      const response = await route.fetch();
      const headers = response.headers();
      if (!headers['content-security-policy']) headers['content-security-policy'] = STRICT_CSP;
      await route.fulfill({ response, headers });
    } catch {
      // The page closed while its document was in flight.
    }
  });
  await page.addInitScript(
    ({ token, lang }) => {
      if (token && !sessionStorage.getItem('coupond.console.signed')) {
        sessionStorage.setItem('coupond.console.token', token);
        sessionStorage.setItem('coupond.console.signed', '1');
      }
      if (lang) localStorage.setItem('coupond.console.lang', lang);
    },
    { token: options.token, lang: options.lang },
  );
  await page.goto(new URL(path, baseURL).href);
  return { page, errors, apiCalls };
}

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.x A/AA rules). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(await axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: object): Promise<{ violations: AxeResult[] }> } }).axe;
    type AxeResult = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** Saves the page under `test/artifacts/console/` (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}
