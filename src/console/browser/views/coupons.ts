import { CONSOLE_API, get, query } from '../api.js';
import { label, num, t } from '../i18n.js';
import type { ViewFactory } from '../view.js';
import { badge, type Column, errorBox, field, h, heading, link, select, table, time, usage } from '../widgets.js';

interface Summary {
  product_coupon_id: string;
  mchid: string;
  brand_id: string;
  name: string;
  mode: string;
  state: string;
  bundles: number;
  stocks: number;
  issued: number;
  budget: number;
  create_time: string;
}

const PAGE = 20;
const FILTERS = ['mchid', 'brand_id', 'mode', 'state'] as const;

function filterForm(search: URLSearchParams, merchants: { mchid: string; name: string }[], go: (q: string) => void) {
  const choose = (name: string, values: string[], kind: 'state' | 'mode') =>
    select(name, [['', t('all')], ...values.map((v): [string, string] => [v, label(kind, v)])], search.get(name) ?? '');
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('filter') },
    field(
      t('mchid'),
      select(
        'mchid',
        [['', t('all')], ...merchants.map((m): [string, string] => [m.mchid, `${m.name} (${m.mchid})`])],
        search.get('mchid') ?? '',
      ),
    ),
    field(t('brand_id'), h('input', { name: 'brand_id', value: search.get('brand_id') ?? '', autocomplete: 'off' })),
    field(t('mode'), choose('mode', ['SINGLE', 'PROGRESSIVE_BUNDLE'], 'mode')),
    field(t('state'), choose('state', ['AUDITING', 'EFFECTIVE', 'DEACTIVATED'], 'state')),
    h('button', { type: 'submit' }, t('apply')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    go(query(Object.fromEntries(FILTERS.map((k) => [k, String(data.get(k) ?? '').trim()]))));
  });
  return form;
}

const columns = (): Column<Summary>[] => [
  {
    head: t('name'),
    cell: (s: Summary) =>
      link(`/console/product-coupons/${encodeURIComponent(s.product_coupon_id)}`, s.name || s.product_coupon_id),
  },
  { head: t('product_coupon'), cell: (s: Summary) => h('code', {}, s.product_coupon_id) },
  { head: t('mchid'), cell: (s: Summary) => s.mchid },
  { head: t('brand_id'), cell: (s: Summary) => s.brand_id },
  { head: t('mode'), cell: (s: Summary) => label('mode', s.mode) },
  { head: t('state'), cell: (s: Summary) => badge(s.state) },
  { head: t('bundles'), cell: (s: Summary) => num(s.bundles), numeric: true },
  { head: t('stocks'), cell: (s: Summary) => num(s.stocks), numeric: true },
  { head: t('budget_used'), cell: (s: Summary) => usage(s.issued, s.budget) },
  { head: t('created'), cell: (s: Summary) => time(s.create_time) },
];

/** `/console/product-coupons`: every product coupon with its budget, filtered through the URL's query. */
export const couponsView: ViewFactory = async (root, ctx) => {
  const offset = Math.max(0, Number(ctx.search.get('offset') ?? 0) || 0);
  const filters = Object.fromEntries(FILTERS.map((k) => [k, ctx.search.get(k) ?? undefined]));
  const merchants = await get<{ data: { mchid: string; name: string }[] }>('/admin/v1/merchants').catch(() => ({
    data: [],
  }));
  const list = h('div', { class: 'list' });
  root.append(
    heading(t('nav_coupons'), h('span', { class: 'pill' }, t('live'))),
    filterForm(ctx.search, merchants.data, (q) => ctx.navigate(`/console/product-coupons${q}`)),
    list,
  );
  const draw = async () => {
    try {
      const page = await get<{ total_count: number; data: Summary[] }>(
        `${CONSOLE_API}/product-coupons${query({ ...filters, limit: PAGE, offset })}`,
      );
      const pager = (to: number, key: 'prev' | 'next') =>
        link(`/console/product-coupons${query({ ...filters, offset: to || undefined })}`, t(key), { rel: key });
      list.replaceChildren(
        table(t('nav_coupons'), columns(), page.data),
        h(
          'p',
          { class: 'pager' },
          h('span', { 'data-total': page.total_count }, `${t('total')} ${num(page.total_count)}`),
          offset > 0 ? pager(Math.max(0, offset - PAGE), 'prev') : null,
          offset + PAGE < page.total_count ? pager(offset + PAGE, 'next') : null,
        ),
      );
    } catch (error) {
      list.replaceChildren(errorBox(error));
    }
  };
  await draw();
  return { refresh: draw };
};
