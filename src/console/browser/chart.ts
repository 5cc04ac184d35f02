import uPlot from 'uplot';
import { h } from '../../component/browser/dom.js';
import type { Granularity, IssuanceSeries } from '../../services/console/series.js';
import { currentLang, num, t } from './i18n.js';

const HEIGHT = 240;
const bars = uPlot.paths.bars!({ size: [0.7, 40] });
const toSeconds = (rfc3339: string) => Date.parse(rfc3339) / 1000;

/** The issuance bar chart (uPlot on a canvas) with a text summary for screen readers (D-61). */
export class IssuanceChart {
  readonly element: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly canvasHolder: HTMLElement;
  private plot: uPlot | null = null;
  private readonly resize = new ResizeObserver(() => this.fit());

  constructor() {
    this.canvasHolder = h('div', { class: 'chart-canvas', 'aria-hidden': 'true' });
    this.summary = h('p', { class: 'chart-summary' });
    this.element = h('figure', { class: 'chart', role: 'group' }, this.canvasHolder, this.summary);
    this.resize.observe(this.canvasHolder);
  }

  show(series: IssuanceSeries): void {
    const data: uPlot.AlignedData = [series.buckets.map(toSeconds), series.counts];
    const total = series.counts.reduce((a, b) => a + b, 0);
    const peak = Math.max(0, ...series.counts);
    this.element.dataset.granularity = series.granularity;
    this.element.dataset.total = String(total);
    this.element.dataset.points = String(series.counts.length);
    this.element.setAttribute('aria-label', t(series.granularity === 'hour' ? 'chart_hour' : 'chart_day'));
    this.summary.textContent = `${t('total')} ${num(total)} · ${t('peak')} ${num(peak)}`;
    if (this.plot && this.element.dataset.drawn === series.granularity) {
      this.plot.setData(data);
      return;
    }
    this.plot?.destroy();
    this.plot = new uPlot(this.options(series.granularity), data, this.canvasHolder);
    this.element.dataset.drawn = series.granularity;
  }

  dispose(): void {
    this.resize.disconnect();
    this.plot?.destroy();
  }

  private fit(): void {
    const width = this.canvasHolder.clientWidth;
    if (this.plot && width > 0) this.plot.setSize({ width, height: HEIGHT });
  }

  private options(granularity: Granularity): uPlot.Options {
    const hourly = granularity === 'hour';
    const en = currentLang() === 'en';
    return {
      width: Math.max(this.canvasHolder.clientWidth, 280),
      height: HEIGHT,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Asia/Shanghai'),
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      series: [
        {},
        { label: t('issued'), stroke: '#07a356', fill: 'rgba(7,193,96,.35)', paths: bars, points: { show: false } },
      ],
      axes: [
        {
          stroke: '#555',
          grid: { show: false },
          values: hourly ? (en ? '{HH}:00' : '{HH}时') : en ? '{M}/{D}' : '{M}月{D}日',
        },
        {
          stroke: '#555',
          grid: { stroke: '#eee' },
          values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? num(v) : '')),
        },
      ],
    };
  }
}
