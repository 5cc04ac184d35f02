import { h } from '../../component/browser/dom.js';
import { ApiError } from './api.js';
import { label, type MessageKey, num, t } from './i18n.js';

/** Small building blocks shared by the console's views. */
export { h };

/** A link inside the console: the router turns the click into a history navigation. */
export const link = (href: string, text: string, attrs: Record<string, string> = {}) =>
  h('a', { href, 'data-nav': '', ...attrs }, text);

export const badge = (state: string, kind: 'state' | 'delivery' = 'state') =>
  h('span', { class: `badge badge-${state.toLowerCase()}` }, label(kind, state));

const shanghai = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** An RFC 3339 time as `YYYY-MM-DD HH:MM:SS` in Asia/Shanghai, whatever offset it was stored with. */
export const time = (rfc3339: string | null | undefined) =>
  rfc3339 ? h('time', { datetime: rfc3339, title: rfc3339 }, shanghai.format(new Date(rfc3339))) : '—';

export function heading(title: string, ...extra: (Node | string)[]): HTMLElement {
  return h('div', { class: 'page-head' }, h('h1', { id: 'page-title', tabindex: '-1' }, title), ...extra);
}

export function stat(key: MessageKey, value: number, attrs: Record<string, string> = {}): HTMLElement {
  return h(
    'div',
    { class: 'stat', ...attrs },
    h('div', { class: 'stat-label' }, t(key)),
    h('div', { class: 'stat-value' }, num(value)),
  );
}

export function errorBox(error: unknown): HTMLElement {
  const text = error instanceof ApiError ? `${error.code}: ${error.message}` : String(error);
  return h('p', { class: 'error', role: 'alert' }, `${t('load_failed')} — ${text}`);
}

export const empty = () => h('p', { class: 'empty' }, t('no_data'));

export interface Column<R> {
  head: string;
  cell: (row: R) => Node | string;
  /** Numbers align right. */
  numeric?: boolean;
}

/** A table that scrolls sideways on narrow screens instead of squeezing its columns. */
export function table<R>(caption: string, columns: Column<R>[], rows: R[]): HTMLElement {
  if (rows.length === 0) return empty();
  const cls = (c: Column<R>) => (c.numeric ? 'num' : undefined);
  return h(
    'div',
    { class: 'table-wrap', role: 'region', 'aria-label': caption, tabindex: '0' },
    h(
      'table',
      {},
      h('caption', { class: 'sr-only' }, caption),
      h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col', class: cls(c) }, c.head)))),
      h('tbody', {}, ...rows.map((r) => h('tr', {}, ...columns.map((c) => h('td', { class: cls(c) }, c.cell(r)))))),
    ),
  );
}

/** `used / total` with a thin bar; `total` 0 shows an empty bar. */
export function usage(used: number, total: number): HTMLElement {
  const pct = total > 0 ? Math.min(100, Math.round((used / total) * 100)) : 0;
  return h(
    'span',
    { class: 'usage' },
    h('span', {}, `${num(used)} / ${num(total)}`),
    h('progress', { max: '100', value: String(pct), 'aria-label': `${t('budget_used')} ${pct}%` }),
  );
}

/** A labelled field of a filter or action form. */
export function field(labelText: string, control: HTMLElement): HTMLElement {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, labelText), control);
}

export function select(name: string, options: [value: string, text: string][], selected = ''): HTMLSelectElement {
  const el = h('select', { name });
  for (const [value, text] of options) el.append(h('option', { value, selected: value === selected }, text));
  return el;
}

/** A polite status line for the outcome of an action. */
export const status = () => h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
