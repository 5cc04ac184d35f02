import type { MessageKey } from './i18n.js';
import type { ViewFactory } from './view.js';
import { couponView } from './views/coupon.js';
import { couponsView } from './views/coupons.js';
import { overviewView } from './views/overview.js';
import { sandboxView } from './views/sandbox.js';
import { userView } from './views/user.js';
import { webhooksView } from './views/webhooks.js';

export const CONSOLE_ROOT = '/console';

interface Route {
  pattern: RegExp;
  names: string[];
  view: ViewFactory;
  /** The navigation entry that is current on this page. */
  nav: MessageKey;
}

const route = (path: string, view: ViewFactory, nav: MessageKey): Route => {
  const names: string[] = [];
  const source = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { pattern: new RegExp(`^${CONSOLE_ROOT}${source}/?$`), names, view, nav };
};

/** The deep links of the console (D-63). */
const ROUTES: Route[] = [
  route('', overviewView, 'nav_overview'),
  route('/product-coupons', couponsView, 'nav_coupons'),
  route('/product-coupons/{id}', couponView, 'nav_coupons'),
  route('/users', userView, 'nav_users'),
  route('/users/{openid}', userView, 'nav_users'),
  route('/webhooks', webhooksView, 'nav_webhooks'),
  route('/sandbox', sandboxView, 'nav_sandbox'),
];

export const NAV: [MessageKey, string][] = [
  ['nav_overview', CONSOLE_ROOT],
  ['nav_coupons', `${CONSOLE_ROOT}/product-coupons`],
  ['nav_users', `${CONSOLE_ROOT}/users`],
  ['nav_webhooks', `${CONSOLE_ROOT}/webhooks`],
  ['nav_sandbox', `${CONSOLE_ROOT}/sandbox`],
];

export function match(pathname: string): { view: ViewFactory; params: Record<string, string>; nav: MessageKey } | null {
  for (const r of ROUTES) {
    const m = r.pattern.exec(pathname);
    if (!m) continue;
    const params = Object.fromEntries(r.names.map((name, i) => [name, decodeURIComponent(m[i + 1]!)]));
    return { view: r.view, params, nav: r.nav };
  }
  return null;
}
