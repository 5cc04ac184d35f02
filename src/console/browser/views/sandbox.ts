import { del, get, post } from '../api.js';
import { num, t } from '../i18n.js';
import type { ViewFactory } from '../view.js';
import { errorBox, field, h, heading, select, status, table, time } from '../widgets.js';
import { loadOverview, type Overview } from './overview.js';

interface Clock {
  now: string;
  frozen: boolean;
}
interface Fault {
  api: string;
  count: number;
  respond: string;
}

const SANDBOX = '/sandbox/v1';
const RESPONSES = ['500', '429', 'drop', 'delay:3000'];

const button = (text: string, attrs: Record<string, string>, action: () => Promise<unknown>) => {
  const el = h('button', { type: 'button', ...attrs }, text);
  el.addEventListener('click', () => void action());
  return el;
};

function clockPanel(message: HTMLElement): { element: HTMLElement; refresh: () => Promise<void> } {
  const shown = h('p', { class: 'clock-now', 'aria-live': 'polite' });
  const run = async (action: () => Promise<Clock>) => {
    try {
      show(await action());
    } catch (error) {
      message.replaceChildren(errorBox(error));
    }
  };
  const show = (c: Clock) => {
    shown.dataset.now = c.now;
    shown.dataset.frozen = String(c.frozen);
    shown.replaceChildren(`${t('now')}: `, time(c.now), ` · ${c.frozen ? t('frozen') : t('running')}`);
  };
  const seconds = h('input', {
    name: 'seconds',
    type: 'number',
    min: '1',
    step: '1',
    value: '3600',
    inputmode: 'numeric',
  });
  const advance = h(
    'form',
    { class: 'filters' },
    field(t('seconds'), seconds),
    h('button', { type: 'submit', id: 'advance' }, t('advance')),
  );
  advance.addEventListener('submit', (event) => {
    event.preventDefault();
    void run(() => post<Clock>(`${SANDBOX}/clock/advance`, { seconds: Number(seconds.value) }));
  });
  const element = h(
    'section',
    { class: 'card', 'aria-labelledby': 'clock-title' },
    h('h2', { id: 'clock-title' }, t('clock')),
    shown,
    h(
      'div',
      { class: 'actions' },
      button(t('freeze'), { id: 'freeze' }, () => run(() => post<Clock>(`${SANDBOX}/clock/freeze`))),
      button(t('reset_clock'), { id: 'reset-clock', class: 'secondary' }, () =>
        run(() => post<Clock>(`${SANDBOX}/clock/reset`)),
      ),
    ),
    advance,
  );
  return { element, refresh: () => get<Clock>(`${SANDBOX}/clock`).then(show) };
}

function faultPanel(apis: string[], message: HTMLElement): { element: HTMLElement; refresh: () => Promise<void> } {
  const list = h('div', {});
  const show = (faults: Fault[]) =>
    list.replaceChildren(
      faults.length
        ? table(
            t('faults'),
            [
              { head: t('api'), cell: (f: Fault) => f.api },
              { head: t('count'), cell: (f: Fault) => num(f.count), numeric: true },
              { head: t('respond'), cell: (f: Fault) => f.respond },
            ],
            faults,
          )
        : h('p', { class: 'empty' }, t('no_faults')),
    );
  const refresh = () => get<{ data: Fault[] }>(`${SANDBOX}/faults`).then((r) => show(r.data));
  const api = select(
    'api',
    apis.map((a): [string, string] => [a, a]),
  );
  const count = h('input', { name: 'count', type: 'number', min: '1', max: '10000', value: '1', inputmode: 'numeric' });
  const respond = select(
    'respond',
    RESPONSES.map((r): [string, string] => [r, r]),
  );
  const form = h(
    'form',
    { class: 'filters', id: 'fault-form' },
    field(t('api'), api),
    field(t('count'), count),
    field(t('respond'), respond),
    h('button', { type: 'submit' }, t('add_fault')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = /^\d+$/.test(respond.value) ? Number(respond.value) : respond.value;
    try {
      show(
        (
          await post<{ data: Fault[] }>(`${SANDBOX}/faults`, {
            api: api.value,
            count: Number(count.value),
            respond: value,
          })
        ).data,
      );
    } catch (error) {
      message.replaceChildren(errorBox(error));
    }
  });
  const clear = button(t('clear_faults'), { class: 'secondary', id: 'clear-faults' }, async () => {
    await del(`${SANDBOX}/faults`);
    await refresh();
  });
  const element = h(
    'section',
    { class: 'card', 'aria-labelledby': 'faults-title' },
    h('h2', { id: 'faults-title' }, t('faults')),
    form,
    list,
    clear,
  );
  return { element, refresh };
}

function resetPanel(message: HTMLElement): HTMLElement {
  const dialog = h(
    'dialog',
    { 'aria-labelledby': 'reset-title', id: 'reset-dialog' },
    h('h2', { id: 'reset-title' }, t('data_reset')),
    h('p', {}, t('data_reset_confirm')),
  );
  const confirm = button(t('confirm'), { class: 'danger', id: 'reset-confirm' }, async () => {
    dialog.close();
    try {
      await post(`${SANDBOX}/reset`);
      message.textContent = t('data_reset_done');
    } catch (error) {
      message.replaceChildren(errorBox(error));
    }
  });
  const cancel = button(t('cancel'), { class: 'secondary', id: 'reset-cancel' }, async () => dialog.close());
  dialog.append(h('div', { class: 'actions' }, cancel, confirm));
  const open = button(t('data_reset'), { class: 'danger', id: 'reset-open' }, async () => dialog.showModal());
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'data-title' },
    h('h2', { id: 'data-title' }, t('data_reset')),
    h('p', {}, t('data_reset_lead')),
    open,
    dialog,
  );
}

/** `/console/sandbox`: the test clock, fault injection and the data reset (D-20), with `--sandbox` only. */
export const sandboxView: ViewFactory = async (root) => {
  root.append(heading(t('nav_sandbox')));
  let overview: Overview;
  try {
    overview = await loadOverview();
  } catch (error) {
    root.append(errorBox(error));
    return {};
  }
  if (!overview.sandbox) {
    root.append(h('p', { class: 'empty' }, t('sandbox_disabled')));
    return {};
  }
  const message = status();
  const clock = clockPanel(message);
  const faults = faultPanel(overview.fault_apis, message);
  root.append(message, h('div', { class: 'grid-2' }, clock.element, faults.element), resetPanel(message));
  const refresh = async () => {
    await Promise.all([clock.refresh(), faults.refresh()]);
  };
  await refresh();
  return { refresh };
};
