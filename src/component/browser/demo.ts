import type { DemoPreSendBody, DemoPreSendResponse, HostMessage } from '../../schemas/component.js';
import { h } from './dom.js';
import './coupon-receiver.js';

/** The demo page (`/component/demo`): pre-sends the demo bundle or single coupon to an openid, then shows the receiver. */

const byId = <T extends HTMLElement>(id: string, type: new () => T): T => {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`#${id} missing`);
  return el;
};

const form = byId('pre-send', HTMLFormElement);
const openid = byId('openid', HTMLInputElement);
const requestNo = byId('send_request_no', HTMLInputElement);
const usageMode = byId('usage_mode', HTMLSelectElement);
const submit = byId('submit', HTMLButtonElement);
const error = byId('error', HTMLParagraphElement);
const stage = byId('stage', HTMLDivElement);
const link = byId('h5-link', HTMLAnchorElement);
const log = byId('log', HTMLOListElement);

if (!openid.value) openid.value = `o_demo_${Math.random().toString(36).slice(2, 10)}`;

async function preSend(body: DemoPreSendBody): Promise<string> {
  const response = await fetch('/component/v1/demo/pre-send', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const json: unknown = await response.json().catch(() => null);
  const fields =
    typeof json === 'object' && json !== null ? (json as Partial<DemoPreSendResponse & { message: string }>) : {};
  if (!response.ok || typeof fields.token !== 'string') throw new Error(fields.message ?? `HTTP ${response.status}`);
  return fields.token;
}

function record(event: Event): void {
  if (!(event instanceof CustomEvent)) return;
  const detail = event.detail as HostMessage;
  log.prepend(h('li', {}, h('code', {}, event.type), ' ', JSON.stringify(detail)));
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.textContent = '';
  submit.disabled = true;
  try {
    const body: DemoPreSendBody = { openid: openid.value.trim() };
    if (usageMode.value === 'SINGLE') body.usage_mode = 'SINGLE';
    if (requestNo.value.trim()) body.send_request_no = requestNo.value.trim();
    const token = await preSend(body);
    stage.replaceChildren(h('coupon-receiver', { token }));
    link.href = `/component/receive?token=${encodeURIComponent(token)}`;
    link.hidden = false;
  } catch (e) {
    error.textContent = `预发放失败：${e instanceof Error ? e.message : String(e)}`;
  } finally {
    submit.disabled = false;
  }
});

document.addEventListener('coupon-receiver:result', record);
document.addEventListener('coupon-receiver:claim', record);
