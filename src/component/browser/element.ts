import type { ComponentCoupon } from '../../schemas/component.js';
import { fetchPreview, postClaim } from './api.js';
import { type Card, choiceAt, comboSection, couponCard, failure, skeleton } from './card.js';
import { h } from './dom.js';
import { reportAction, reportClaim } from './host.js';
import { footerView, type Phase, phaseFromClaim, phaseFromPreview, stateName } from './phase.js';
import { styles } from './styles.js';

/**
 * `<coupon-receiver token="…" api-base="…">`: shows a pre-sent coupon bundle and claims it (D-9, D-10).
 * The host's `data-state` attribute mirrors what is shown (READY, RECEIVED, SOLD_OUT, FAILED …).
 */
export class CouponReceiver extends HTMLElement {
  static readonly observedAttributes = ['token', 'api-base'];

  readonly #content = h('div', { class: 'content' });
  readonly #note = h('p', { class: 'note', role: 'status', 'aria-live': 'polite' });
  readonly #button = h('button', { type: 'button', class: 'action' });
  #phase: Phase = { kind: 'loading' };
  #card: { coupon: ComponentCoupon; parts: Card } | null = null;
  #selected: string | null = null;
  #inflight: AbortController | null = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.append(
      h('style', {}, styles),
      h(
        'div',
        { class: 'frame', part: 'frame' },
        this.#content,
        h('div', { class: 'footer' }, this.#note, this.#button),
      ),
    );
    root.addEventListener('click', (event) => this.#onClick(event));
  }

  get token(): string {
    return this.getAttribute('token') ?? '';
  }
  set token(value: string) {
    this.setAttribute('token', value);
  }

  get apiBase(): string {
    return this.getAttribute('api-base') ?? '';
  }
  set apiBase(value: string) {
    this.setAttribute('api-base', value);
  }

  connectedCallback(): void {
    this.#load();
  }

  disconnectedCallback(): void {
    this.#inflight?.abort();
  }

  attributeChangedCallback(_name: string, before: string | null, after: string | null): void {
    if (before !== after && this.isConnected) this.#load();
  }

  /** Runs one request at a time; a newer load or a removal aborts the older one so it cannot render. */
  #begin(): AbortSignal {
    this.#inflight?.abort();
    this.#inflight = new AbortController();
    return this.#inflight.signal;
  }

  async #load(): Promise<void> {
    const signal = this.#begin();
    this.#selected = null;
    this.#show({ kind: 'loading' });
    if (!this.token) return this.#show({ kind: 'failed', retry: false });
    try {
      const preview = await fetchPreview(this.apiBase, this.token, signal);
      if (!signal.aborted) this.#show(phaseFromPreview(preview));
    } catch {
      if (!signal.aborted) this.#show({ kind: 'failed', retry: true });
    }
  }

  async #claim(coupon: ComponentCoupon): Promise<void> {
    const signal = this.#begin();
    this.#show({ kind: 'claiming', coupon });
    try {
      const claim = await postClaim(this.apiBase, this.token, signal);
      if (signal.aborted) return;
      this.#show(phaseFromClaim(claim, coupon));
      reportClaim(this, claim);
    } catch {
      if (!signal.aborted) this.#show({ kind: 'failed', retry: true });
    }
  }

  #onClick(event: Event): void {
    const target = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-action]') : null;
    if (!target || (target instanceof HTMLButtonElement && target.disabled)) return;
    const action = target.dataset.action;
    const phase = this.#phase;
    if (action === 'claim' && phase.kind === 'ready') void this.#claim(phase.coupon);
    else if (action === 'retry') void this.#load();
    else if (action === 'use' && phase.kind === 'held') {
      const path = this.#selected ? choiceAt(phase.coupon, this.#selected)?.mini_program_path : undefined;
      reportAction(this, 'useCouponInReceiving', path, phase.result);
    } else if (action === 'choice' && phase.kind === 'held' && target.dataset.choice) {
      this.#selected = target.dataset.choice;
      this.#renderCombos(phase);
      const path = choiceAt(phase.coupon, this.#selected)?.mini_program_path;
      reportAction(this, 'selectProductInReceiving', path, phase.result);
    }
  }

  #show(phase: Phase): void {
    this.#phase = phase;
    this.dataset.state = stateName(phase);
    const coupon = 'coupon' in phase ? phase.coupon : null;
    if (!coupon) {
      this.#card = null;
      this.#content.replaceChildren(phase.kind === 'loading' ? skeleton() : failure());
    } else if (this.#card?.coupon !== coupon) {
      this.#card = { coupon, parts: couponCard(coupon) };
      this.#content.replaceChildren(this.#card.parts.root);
    }
    this.#renderCombos(phase);
    this.#renderFooter(phase);
  }

  #renderCombos(phase: Phase): void {
    const list = this.#card?.coupon.combo_package_list;
    if (!this.#card || !list?.length) return;
    const focused = this.shadowRoot?.activeElement;
    const refocus = focused instanceof HTMLElement ? focused.dataset.choice : undefined;
    const mode = phase.kind === 'held' ? 'select' : phase.kind === 'blocked' ? 'static' : 'preview';
    this.#card.parts.combos.replaceChildren(comboSection(list, mode, this.#selected));
    if (refocus) this.#card.parts.combos.querySelector<HTMLElement>(`[data-choice="${refocus}"]`)?.focus();
  }

  #renderFooter(phase: Phase): void {
    const view = footerView(phase);
    if (this.#card) this.#card.parts.badge.textContent = view.badge;
    this.#note.textContent = view.note;
    const button = this.#button;
    const { label, action, busy } = view.button;
    button.textContent = label;
    // A busy button stays focusable (aria-disabled) so keyboard focus survives 立即领取 → 去使用.
    button.disabled = action === null && !busy;
    toggleAttribute(button, 'aria-disabled', action === null);
    toggleAttribute(button, 'aria-busy', busy);
    button.classList.toggle('hidden', label === '');
    if (action) button.dataset.action = action;
    else delete button.dataset.action;
  }
}

function toggleAttribute(el: HTMLElement, name: string, on: boolean): void {
  if (on) el.setAttribute(name, 'true');
  else el.removeAttribute(name);
}

declare global {
  interface HTMLElementTagNameMap {
    'coupon-receiver': CouponReceiver;
  }
}
