import { CONSOLE_API, get } from '../api.js';
import { label, num, t } from '../i18n.js';
import type { ViewFactory } from '../view.js';
import { errorBox, h, heading, link, stat, time } from '../widgets.js';

export interface Overview {
  now: string;
  day: string;
  sandbox: boolean;
  merchants: number;
  brands: number;
  product_coupons: Record<string, number>;
  issued: number;
  issued_today: number;
  webhooks: Record<string, number>;
  fault_apis: string[];
}

export const loadOverview = () => get<Overview>(`${CONSOLE_API}/overview`);

function body(o: Overview): HTMLElement[] {
  const byState = (
    title: string,
    kind: 'state' | 'delivery',
    counts: Record<string, number>,
    href: (state: string) => string,
  ) =>
    h(
      'section',
      { class: 'card' },
      h('h2', {}, title),
      h(
        'ul',
        { class: 'states' },
        ...Object.entries(counts).map(([state, n]) =>
          h('li', { 'data-state': state }, link(href(state), label(kind, state)), h('strong', {}, num(n))),
        ),
      ),
    );
  return [
    h(
      'div',
      { class: 'stats' },
      stat('issued', o.issued, { 'data-stat': 'issued' }),
      stat('issued_today', o.issued_today, { 'data-stat': 'issued_today' }),
      stat('merchants', o.merchants, { 'data-stat': 'merchants' }),
      stat('brands', o.brands, { 'data-stat': 'brands' }),
    ),
    h(
      'div',
      { class: 'grid-2' },
      byState(t('coupons_by_state'), 'state', o.product_coupons, (s) => `/console/product-coupons?state=${s}`),
      byState(t('webhooks_by_state'), 'delivery', o.webhooks, (s) => `/console/webhooks?state=${s}`),
    ),
    h('p', { class: 'meta' }, `${o.sandbox ? t('sandbox_on') : t('sandbox_off')} · ${t('clock')} `, time(o.now)),
  ];
}

/** `/console`: live totals of the platform. */
export const overviewView: ViewFactory = async (root) => {
  const live = h('div', { class: 'live', 'aria-live': 'off' });
  root.append(heading(t('nav_overview'), h('span', { class: 'pill' }, t('live'))), live);
  const draw = async () => {
    try {
      live.replaceChildren(...body(await loadOverview()));
    } catch (error) {
      live.replaceChildren(errorBox(error));
    }
  };
  await draw();
  return { refresh: draw };
};
