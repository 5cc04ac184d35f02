import { h } from '../../component/browser/dom.js';
import { num, t } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';

const svg = (tag: string, attrs: Record<string, string>) => {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
};

/** A half-circle gauge of a stock's budget: issued against its total (D-61). */
export function budgetGauge(issued: number, total: number): HTMLElement {
  const pct = total > 0 ? Math.min(100, (issued / total) * 100) : 0;
  const level = pct >= 90 ? 'high' : pct >= 60 ? 'mid' : 'low';
  const arc = 'M 10 50 A 40 40 0 0 1 90 50';
  const picture = svg('svg', { viewBox: '0 0 100 56', class: 'gauge-svg', 'aria-hidden': 'true' });
  picture.append(svg('path', { d: arc, class: 'gauge-track', pathLength: '100' }));
  if (issued > 0)
    picture.append(
      svg('path', { d: arc, class: `gauge-fill gauge-${level}`, pathLength: '100', 'stroke-dasharray': `${pct} 100` }),
    );
  const shown = `${pct.toFixed(pct > 0 && pct < 1 ? 1 : 0)}%`;
  return h(
    'div',
    {
      class: 'gauge',
      role: 'img',
      'aria-label': `${t('gauge')} ${shown}: ${num(issued)} / ${num(total)}`,
      'data-issued': issued,
      'data-total': total,
    },
    picture,
    h('div', { class: 'gauge-pct', 'aria-hidden': 'true' }, shown),
    h('div', { class: 'gauge-count', 'aria-hidden': 'true' }, `${num(issued)} / ${num(total)}`),
  );
}
