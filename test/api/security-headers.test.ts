import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFrameAncestors } from '../../src/api/plugins/security-headers.js';
import { type Running, startCoupond } from '../harness.js';

const HTML_PAGES = ['component/receive?token=abc', 'component/demo', 'console'];

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | null): Map<string, string[]> {
  const parsed = (header ?? '').split(';').map((d) => d.trim().split(/\s+/));
  return new Map(parsed.filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
}

async function htmlAnswers(c: Running): Promise<Response[]> {
  const answers = await Promise.all(HTML_PAGES.map((p) => fetch(`${c.baseURL}${p}`)));
  const html = answers.filter((r) => r.headers.get('content-type')?.startsWith('text/html'));
  await Promise.all(answers.filter((r) => !html.includes(r)).map((r) => r.arrayBuffer()));
  return html;
}

describe('security headers (D-44)', () => {
  let c: Running;
  beforeAll(async () => {
    c = await startCoupond({ sandbox: false });
  });
  afterAll(() => c.close());

  it('every HTML page: scripts from its own origin only, no inline script, no eval; frames from itself', async () => {
    const pages = await htmlAnswers(c);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) {
      const csp = directives(page.headers.get('content-security-policy'));
      expect(csp.get('script-src'), page.url).toEqual(["'self'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
      expect(page.headers.get('content-security-policy')).not.toContain('unsafe-eval');
      const html = await page.text();
      expect(html.match(/<script(?![^>]*\ssrc=)[^>]*>/g) ?? [], `inline script in ${page.url}`).toEqual([]);
    }
  });

  it('nosniff on every kind of answer; the element stays loadable from merchants’ pages', async () => {
    const answers = await Promise.all([
      fetch(`${c.baseURL}component/assets/coupon-receiver.js`),
      fetch(`${c.baseURL}component/v1/tokens/abc`),
      fetch(`${c.baseURL}v3/marketing/partner/product-coupon/notify-configs`),
      c.send('GET', '/v3/marketing/partner/product-coupon/notify-configs'),
      fetch(`${c.baseURL}v3/nothing/here`),
      fetch(`${c.baseURL}metrics`),
      fetch(`${c.baseURL}healthz`),
      fetch(`${c.baseURL}admin/v1/merchants`),
    ]);
    for (const res of answers) {
      expect(res.headers.get('x-content-type-options'), res.url).toBe('nosniff');
      await res.arrayBuffer();
    }
    expect(answers[0]!.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('frame-ancestors is configurable and checked', async () => {
    const framed = await startCoupond({
      sandbox: false,
      exposure: { frameAncestors: parseFrameAncestors("'self', https://shop.example https://*.mall.example:8443") },
    });
    try {
      const [page] = await htmlAnswers(framed);
      await page?.text();
      expect(directives(page!.headers.get('content-security-policy')).get('frame-ancestors')).toEqual([
        "'self'",
        'https://shop.example',
        'https://*.mall.example:8443',
      ]);
    } finally {
      await framed.close();
    }
    for (const bad of ['', "https://a.example; script-src 'unsafe-inline'", 'javascript:', "'unsafe-inline'"])
      expect(() => parseFrameAncestors(bad), bad).toThrow(/frame-ancestors/);
  });

  it('the sandbox lets any page frame the demo', async () => {
    const sandbox = await startCoupond();
    try {
      const [page] = await htmlAnswers(sandbox);
      await page?.text();
      expect(directives(page!.headers.get('content-security-policy')).get('frame-ancestors')).toEqual(['*']);
    } finally {
      await sandbox.close();
    }
  });
});

describe('/metrics access (D-44)', () => {
  it('with a bearer token: 401 in WeChat’s shape without it, metrics with it', async () => {
    const c = await startCoupond({ exposure: { metrics: { token: 'm-secret-token' } } });
    try {
      const anonymous = await fetch(`${c.baseURL}metrics`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHORIZED' });
      const wrong = await fetch(`${c.baseURL}metrics`, { headers: { authorization: 'Bearer m-secret-tokeN' } });
      expect(wrong.status).toBe(401);
      const allowed = await fetch(`${c.baseURL}metrics`, { headers: { authorization: 'Bearer m-secret-token' } });
      expect(allowed.status).toBe(200);
      expect(await allowed.text()).toContain('coupond_http_requests_total');
    } finally {
      await c.close();
    }
  });

  it('on a separate address: not on the API server, served (and counted) on its own', async () => {
    const c = await startCoupond({ exposure: { metrics: { separate: true } } });
    try {
      const own = c.app.metricsServer;
      expect(own).not.toBeNull();
      const address = await own!.listen({ host: '127.0.0.1', port: 0 });
      expect((await fetch(`${c.baseURL}metrics`)).status).toBe(404);
      await fetch(`${c.baseURL}healthz`);
      const res = await fetch(`${address}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/coupond_http_requests_total\{route="\/healthz"/);
    } finally {
      await c.close();
    }
  });
});
