import type { IssuanceSeries } from '../../../services/console/series.js';
import { CONSOLE_API, get } from '../api.js';
import { IssuanceChart } from '../chart.js';
import { budgetGauge } from '../gauge.js';
import { label, num, t } from '../i18n.js';
import type { ViewFactory } from '../view.js';
import { badge, errorBox, h, heading, link } from '../widgets.js';

interface StockView {
  stock_id: string;
  index: number;
  state: string;
  max_count: number;
  max_count_per_day: number | null;
  max_count_per_user: number;
  issued: number;
  issued_today: number;
}

interface Detail {
  product_coupon_id: string;
  mchid: string;
  brand_id: string;
  name: string;
  mode: string;
  state: string;
  create_time: string;
  bundles: { stock_bundle_id: string; stocks: StockView[] }[];
  stocks_truncated: boolean;
}

const fact = (term: string, value: Node | string) => [h('dt', {}, term), h('dd', {}, value)];

function stockCard(s: StockView): HTMLElement {
  return h(
    'article',
    { class: 'stock card', 'data-stock-id': s.stock_id },
    h('h4', {}, `#${s.index} `, h('code', {}, s.stock_id), ' ', badge(s.state)),
    budgetGauge(s.issued, s.max_count),
    h(
      'dl',
      { class: 'facts' },
      ...fact(t('max_count'), num(s.max_count)),
      ...fact(t('max_count_per_day'), s.max_count_per_day === null ? t('unlimited') : num(s.max_count_per_day)),
      ...fact(t('max_count_per_user'), num(s.max_count_per_user)),
      ...fact(t('issued'), h('span', { 'data-count': 'issued' }, num(s.issued))),
      ...fact(t('issued_today'), h('span', { 'data-count': 'issued_today' }, num(s.issued_today))),
    ),
  );
}

function bundles(d: Detail): HTMLElement[] {
  return d.bundles.map((b) =>
    h(
      'section',
      { class: 'bundle', 'data-stock-bundle-id': b.stock_bundle_id },
      h('h3', {}, `${t('stock_bundle')} `, h('code', {}, b.stock_bundle_id)),
      h('div', { class: 'stocks' }, ...b.stocks.map(stockCard)),
    ),
  );
}

function summary(d: Detail): HTMLElement {
  return h(
    'dl',
    { class: 'facts card' },
    ...fact(t('product_coupon'), h('code', {}, d.product_coupon_id)),
    ...fact(t('state'), badge(d.state)),
    ...fact(t('mode'), label('mode', d.mode)),
    ...fact(t('mchid'), link(`/console/product-coupons?mchid=${encodeURIComponent(d.mchid)}`, d.mchid)),
    ...fact(t('brand_id'), link(`/console/product-coupons?brand_id=${encodeURIComponent(d.brand_id)}`, d.brand_id)),
  );
}

type Granularity = IssuanceSeries['granularity'];

/** `/console/product-coupons/{id}`: bundles and stocks with limits, counts and gauges, and the issuance chart. */
export const couponView: ViewFactory = async (root, ctx) => {
  const id = ctx.params.id!;
  const base = `${CONSOLE_API}/product-coupons/${encodeURIComponent(id)}`;
  let granularity: Granularity = ctx.search.get('granularity') === 'day' ? 'day' : 'hour';
  const chart = new IssuanceChart();
  const head = h('div', {});
  const detail = h('div', { class: 'detail' });
  const chartTitle = h('h2', { id: 'chart-title' });
  const toggles = (['hour', 'day'] as const).map((g) => {
    const button = h(
      'button',
      { type: 'button', class: 'toggle', 'data-granularity': g },
      t(g === 'hour' ? 'per_hour' : 'per_day'),
    );
    button.addEventListener('click', () => {
      granularity = g;
      void drawChart();
    });
    return button;
  });
  root.append(
    head,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'chart-title' },
      h('div', { class: 'chart-head' }, chartTitle, h('div', { class: 'toggles' }, ...toggles)),
      chart.element,
    ),
    detail,
  );

  const drawChart = async () => {
    for (const b of toggles) b.setAttribute('aria-pressed', String(b.dataset.granularity === granularity));
    chartTitle.textContent = t(granularity === 'hour' ? 'chart_hour' : 'chart_day');
    chart.show(await get<IssuanceSeries>(`${base}/issuance?granularity=${granularity}`));
  };
  const draw = async () => {
    const d = await get<Detail>(base);
    head.replaceChildren(heading(d.name || d.product_coupon_id, h('span', { class: 'pill' }, t('live'))), summary(d));
    detail.replaceChildren(...bundles(d), ...(d.stocks_truncated ? [h('p', { class: 'meta' }, t('truncated'))] : []));
  };
  try {
    await draw();
    await drawChart();
  } catch (error) {
    root.replaceChildren(heading(id), errorBox(error));
    return {};
  }
  return {
    refresh: async () => {
      await draw();
      await drawChart();
    },
    dispose: () => chart.dispose(),
  };
};
