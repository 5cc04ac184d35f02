import type { DeliveryView } from '../../../notify/log.js';
import { get, post, query } from '../api.js';
import { label, num, t } from '../i18n.js';
import type { ViewFactory } from '../view.js';
import { badge, empty, errorBox, field, h, heading, link, select, status, table, time } from '../widgets.js';

const PAGE = 20;
const STATES = ['PENDING', 'DELIVERED', 'FAILED'];

type Attempt = DeliveryView['attempt_log'][number];

const attemptColumns = () => [
  { head: t('attempts'), cell: (a: Attempt) => t('attempt', { n: a.attempt }) },
  { head: t('started'), cell: (a: Attempt) => time(a.started_at) },
  { head: t('status'), cell: (a: Attempt) => (a.status === null ? '—' : String(a.status)), numeric: true },
  { head: t('duration'), cell: (a: Attempt) => `${num(a.duration_ms)} ms`, numeric: true },
  { head: t('error'), cell: (a: Attempt) => a.error ?? '' },
];

function deliveryCard(d: DeliveryView, redeliver: (id: string) => Promise<void>): HTMLElement {
  const button = h('button', { type: 'button', class: 'secondary', 'data-redeliver': d.event_id }, t('redeliver'));
  button.addEventListener('click', () => {
    button.disabled = true;
    void redeliver(d.event_id).finally(() => {
      button.disabled = false;
    });
  });
  return h(
    'article',
    { class: 'card delivery', 'data-event-id': d.event_id, 'data-state': d.state },
    h('div', { class: 'delivery-head' }, h('h2', {}, h('code', {}, d.event_id)), badge(d.state, 'delivery'), button),
    h(
      'p',
      { class: 'meta' },
      `${d.event_type} · ${t('mchid')} `,
      link(`/console/product-coupons?mchid=${encodeURIComponent(d.mchid)}`, d.mchid),
      ` · ${t('attempts')} ${num(d.attempts)} · `,
      time(d.create_time),
      d.next_attempt_at ? h('span', {}, ` · ${t('next_attempt')} `, time(d.next_attempt_at)) : null,
      d.delivered_at ? h('span', {}, ` · ${t('delivered_at')} `, time(d.delivered_at)) : null,
    ),
    d.url ? h('p', { class: 'meta' }, h('code', {}, d.url)) : null,
    d.attempt_log.length
      ? table(t('attempts'), attemptColumns(), d.attempt_log)
      : h('p', { class: 'empty' }, t('no_attempts')),
  );
}

/** `/console/webhooks`: the delivery log with each attempt, a state filter and redelivery. */
export const webhooksView: ViewFactory = async (root, ctx) => {
  const state = ctx.search.get('state') ?? '';
  const offset = Math.max(0, Number(ctx.search.get('offset') ?? 0) || 0);
  const filter = select(
    'state',
    [['', t('all')], ...STATES.map((s): [string, string] => [s, label('delivery', s)])],
    state,
  );
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('filter') },
    field(t('state'), filter),
    h('button', { type: 'submit' }, t('apply')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    ctx.navigate(`/console/webhooks${query({ state: filter.value })}`);
  });
  const message = status();
  const list = h('div', { class: 'list' });
  root.append(heading(t('nav_webhooks'), h('span', { class: 'pill' }, t('live'))), form, message, list);

  const draw = async () => {
    try {
      const page = await get<{ total_count: number; data: DeliveryView[] }>(
        `/admin/v1/webhooks${query({ state: state || undefined, limit: PAGE, offset })}`,
      );
      const pager = (to: number, key: 'prev' | 'next') =>
        link(`/console/webhooks${query({ state, offset: to || undefined })}`, t(key), { rel: key });
      list.replaceChildren(
        ...(page.data.length ? page.data.map((d) => deliveryCard(d, redeliver)) : [empty()]),
        h(
          'p',
          { class: 'pager' },
          `${t('total')} ${num(page.total_count)}`,
          offset > 0 ? pager(Math.max(0, offset - PAGE), 'prev') : null,
          offset + PAGE < page.total_count ? pager(offset + PAGE, 'next') : null,
        ),
      );
    } catch (error) {
      list.replaceChildren(errorBox(error));
    }
  };
  const redeliver = async (eventId: string) => {
    try {
      await post(`/admin/v1/webhooks/${encodeURIComponent(eventId)}/redeliver`);
      message.textContent = `${t('redelivered')}: ${eventId}`;
      await draw();
    } catch (error) {
      message.replaceChildren(errorBox(error));
    }
  };
  await draw();
  return { refresh: draw };
};
