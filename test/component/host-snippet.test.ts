import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

/** Runs the host snippet of docs/component.md as written, with a stand-in `document` and `location`. */
async function loadSnippet(href: string) {
  const doc = await readFile(new URL('../../docs/component.md', import.meta.url), 'utf8');
  const code = doc.match(/```js\n(document\.addEventListener\('coupon-receiver:result'[\s\S]*?)```/)?.[1];
  if (!code) throw new Error('host snippet not found in docs/component.md');
  const handlers = new Map<string, (e: unknown) => void>();
  const listen = (type: string, handler: (e: unknown) => void) => handlers.set(type, handler);
  const location = { href, origin: new URL(href).origin };
  new Function('document', 'window', 'location', code)(
    { addEventListener: listen },
    { addEventListener: listen },
    location,
  );
  const use = (productPath: string) => {
    location.href = href;
    handlers.get('coupon-receiver:result')?.({ detail: { action: 'useCouponInReceiving', productPath } });
    return location.href;
  };
  return use;
}

describe('the documented host snippet (D-42)', () => {
  it('follows page paths on its own origin', async () => {
    const use = await loadSnippet('https://shop.example/coupons/receive');
    expect(use('/pages/product?id=latte')).toBe('https://shop.example/pages/product?id=latte');
    expect(use('pages/product')).toBe('https://shop.example/coupons/pages/product');
    expect(use('')).toBe('https://shop.example/my-coupons');
  });

  it.each([
    'javascript:alert(9)',
    'JavaScript:alert(9)',
    'data:text/html,<script>alert(9)</script>',
    'vbscript:msgbox(9)',
    '//evil.example/steal',
    '/\\evil.example/steal',
    'https://evil.example/',
    ' javascript:alert(9)',
  ])('never navigates to %s', async (productPath) => {
    const use = await loadSnippet('https://shop.example/coupons/receive');
    expect(use(productPath)).toBe('https://shop.example/coupons/receive');
  });
});
