import { CONSOLE_API, get } from '../api.js';
import { label, num, t } from '../i18n.js';
import type { ViewFactory } from '../view.js';
import { badge, empty, errorBox, field, h, heading, link, table, time } from '../widgets.js';

interface CouponView {
  coupon_code: string;
  index: number;
  stock_id: string;
  state: string;
  valid_begin_time: string;
  valid_end_time: string;
  history: { step: string; time: string }[];
}

interface BundleView {
  user_coupon_bundle_id: string;
  mchid: string;
  brand_id: string;
  product_coupon_id: string;
  stock_bundle_id: string;
  appid: string;
  send_request_no: string;
  channel: string;
  state: string;
  total_count: number;
  used_count: number;
  create_time: string;
  coupons: CouponView[];
}

function lookup(openid: string, go: (path: string) => void): HTMLElement {
  const input = h('input', { name: 'openid', value: openid, required: true, maxlength: '128', autocomplete: 'off' });
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('openid') },
    field(t('openid'), input),
    h('button', { type: 'submit' }, t('open')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go(`/console/users/${encodeURIComponent(input.value.trim())}`);
  });
  return form;
}

const history = (c: CouponView) =>
  h(
    'ol',
    { class: 'history' },
    ...c.history.map((s) => h('li', { 'data-step': s.step }, h('span', {}, label('step', s.step)), ' ', time(s.time))),
  );

const couponColumns = () => [
  { head: t('coupon_code'), cell: (c: CouponView) => h('code', {}, c.coupon_code) },
  { head: t('index'), cell: (c: CouponView) => `#${c.index}`, numeric: true },
  { head: t('stock_id'), cell: (c: CouponView) => h('code', {}, c.stock_id) },
  { head: t('state'), cell: (c: CouponView) => badge(c.state) },
  { head: t('valid'), cell: (c: CouponView) => h('span', {}, time(c.valid_begin_time), ' – ', time(c.valid_end_time)) },
  { head: t('history'), cell: history },
];

function bundleCard(b: BundleView): HTMLElement {
  return h(
    'section',
    { class: 'card user-bundle', 'data-user-coupon-bundle-id': b.user_coupon_bundle_id },
    h('h2', {}, `${t('bundles')} `, h('code', {}, b.user_coupon_bundle_id), ' ', badge(b.state)),
    h(
      'p',
      { class: 'meta' },
      `${t('product_coupon')}: `,
      link(`/console/product-coupons/${encodeURIComponent(b.product_coupon_id)}`, b.product_coupon_id),
      ` · ${t('mchid')} ${b.mchid} · ${t('brand_id')} ${b.brand_id} · ${b.channel} · ${b.send_request_no} · ${t('used')} ${num(b.used_count)} / ${num(b.total_count)} · `,
      time(b.create_time),
    ),
    table(t('coupon_code'), couponColumns(), b.coupons),
  );
}

/** `/console/users/{openid}`: the user's bundles and coupons with their lifecycle; `/console/users` asks for one. */
export const userView: ViewFactory = async (root, ctx) => {
  const openid = ctx.params.openid ?? '';
  root.append(heading(openid ? `${t('user')} ${openid}` : t('nav_users')), lookup(openid, ctx.navigate));
  if (!openid) return {};
  const list = h('div', { class: 'list' });
  root.append(list);
  const draw = async () => {
    try {
      const view = await get<{ bundles: BundleView[] }>(`${CONSOLE_API}/users/${encodeURIComponent(openid)}`);
      list.replaceChildren(...(view.bundles.length ? view.bundles.map(bundleCard) : [empty()]));
    } catch (error) {
      list.replaceChildren(errorBox(error));
    }
  };
  await draw();
  return { refresh: draw };
};
