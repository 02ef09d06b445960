/**
 * Hand-written inline SVG charts: no script, no network, no inline `style` attributes (the page's
 * Content-Security-Policy allows only its one hashed stylesheet), so they render the same with
 * JavaScript disabled. Colours come from CSS classes; every label is escaped by `html`.
 */
import { html, type SafeHtml } from './escape.js';
import { formatMoney as usd } from '../numbers.js';
import { maxOf, minOf } from '../../util/arrays.js';

const WIDTH = 760;
const LABEL_WIDTH = 190;
const ROW = 24;

/** Shortens a label for the chart only (the table next to it has the full text). */
function clip(text: string, max = 26): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** Compact axis labels: `$1.2k`, `$350`, `$0.42`. */
function axisUsd(value: number): string {
  if (value >= 1000) return `$${(value / 1000).toFixed(value >= 10_000 ? 0 : 1)}k`;
  return value >= 10 || value === 0 ? `$${value.toFixed(0)}` : `$${value.toFixed(2)}`;
}

const fmt = (n: number): string => (Math.round(n * 10) / 10).toString();

export interface BarRow {
  label: string;
  value: number;
  /** A budget (or other reference) drawn as a tick across the bar. */
  marker?: number | null;
  /** CSS class of the bar: `status-over`, `outlier`... */
  className: string;
  /** Hover text (and the accessible name of the bar). */
  title: string;
}

/** Horizontal bars, one per row, with an optional marker per row (spend against budget). */
export function horizontalBars(rows: readonly BarRow[], caption: string): SafeHtml {
  const max = Math.max(1e-9, maxOf(rows, (r) => Math.max(r.value, r.marker ?? 0))) * 1.08;
  const plot = WIDTH - LABEL_WIDTH - 90;
  const x = (v: number) => LABEL_WIDTH + (v / max) * plot;
  const height = rows.length * ROW + 8;
  const bars = rows.map((r, i) => {
    const y = 4 + i * ROW;
    const marker =
      r.marker === null || r.marker === undefined
        ? ''
        : html`<line class="marker" x1="${fmt(x(r.marker))}" x2="${fmt(x(r.marker))}" y1="${y}" y2="${y + ROW - 6}"></line>`;
    return html`<g><title>${r.title}</title><text class="label" x="${LABEL_WIDTH - 8}" y="${y + 14}" text-anchor="end">${clip(r.label)}</text><rect class="bar ${r.className}" x="${LABEL_WIDTH}" y="${y + 2}" width="${fmt(Math.max(1, x(r.value) - LABEL_WIDTH))}" height="${ROW - 10}" rx="2"></rect>${marker}<text class="value" x="${fmt(Math.max(x(r.value), x(r.marker ?? 0)) + 6)}" y="${y + 14}">${usd(r.value)}</text></g>`;
  });
  return html`<div class="chart-scroll"><svg class="chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${caption}"><title>${caption}</title>${bars}</svg></div>`;
}

export interface Segment {
  label: string;
  value: number;
  className: string;
}

/** One bar split into parts of a whole (attributed vs the unattributed buckets), with a legend. */
export function stackedBar(segments: readonly Segment[], caption: string): SafeHtml {
  const total = segments.reduce((s, x) => s + Math.max(0, x.value), 0) || 1;
  let at = 0;
  const parts = segments.map((s) => {
    const w = (Math.max(0, s.value) / total) * WIDTH;
    const rect = html`<rect class="seg ${s.className}" x="${fmt(at)}" y="0" width="${fmt(w)}" height="28"><title>${s.label}: ${usd(s.value)}</title></rect>`;
    at += w;
    return rect;
  });
  const legend = segments.map(
    (s, i) =>
      html`<g transform="translate(${(i % 4) * 190} ${44 + Math.floor(i / 4) * 20})"><rect class="seg ${s.className}" width="12" height="12"></rect><text class="label" x="18" y="11">${clip(s.label, 18)} ${usd(s.value)}</text></g>`,
  );
  const height = 44 + Math.ceil(segments.length / 4) * 20;
  return html`<div class="chart-scroll"><svg class="chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${caption}"><title>${caption}</title>${parts}${legend}</svg></div>`;
}

export interface Series {
  name: string;
  /** One value per date of the chart (null: no data that day). */
  values: readonly (number | null)[];
  /** A dashed run-rate from the last data day to the end: the month-end forecast per day. */
  projection?: { fromIndex: number; toIndex: number; perDay: number; label: string };
}

/** Lines over consecutive dates, one colour per series (`s0`...`s7`), with an axis and a legend. */
export function lineChart(dates: readonly string[], series: readonly Series[], caption: string): SafeHtml {
  const left = 56;
  const top = 10;
  const plotW = WIDTH - left - 16;
  const plotH = 220;
  const max =
    Math.max(1e-9, maxOf(series, (s) => Math.max(maxOf(s.values, (v) => v ?? 0), s.projection?.perDay ?? 0))) * 1.1;
  const x = (i: number) => left + (dates.length <= 1 ? plotW / 2 : (i / (dates.length - 1)) * plotW);
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const grid = [0, 0.25, 0.5, 0.75, 1].map(
    (f) =>
      html`<line class="grid" x1="${left}" x2="${left + plotW}" y1="${fmt(y(max * f))}" y2="${fmt(y(max * f))}"></line><text class="axis" x="${left - 6}" y="${fmt(y(max * f) + 4)}" text-anchor="end">${axisUsd(max * f)}</text>`,
  );
  const ticks = dates
    .map((d, i) => ({ d, i }))
    .filter(({ i }) => i % Math.max(1, Math.ceil(dates.length / 8)) === 0 || i === dates.length - 1)
    .map(({ d, i }) => html`<text class="axis" x="${fmt(x(i))}" y="${top + plotH + 16}" text-anchor="middle">${d.slice(5)}</text>`);
  const lines = series.map((s, n) => {
    const points = s.values.flatMap((v, i) => (v === null ? [] : [`${fmt(x(i))},${fmt(y(v))}`]));
    const p = s.projection;
    const projection = p
      ? html`<line class="projection s${n % 8}" x1="${fmt(x(p.fromIndex))}" x2="${fmt(x(p.toIndex))}" y1="${fmt(y(p.perDay))}" y2="${fmt(y(p.perDay))}"><title>${s.name}: ${p.label}</title></line>`
      : '';
    return html`<g><title>${s.name}</title><polyline class="line s${n % 8}" points="${points.join(' ')}"></polyline>${projection}</g>`;
  });
  const legend = series.map(
    (s, n) =>
      html`<g transform="translate(${left + (n % 4) * 175} ${top + plotH + 32 + Math.floor(n / 4) * 18})"><line class="line s${n % 8}" x1="0" x2="16" y1="-4" y2="-4"></line><text class="label" x="22" y="0">${clip(s.name, 22)}</text></g>`,
  );
  const height = top + plotH + 36 + Math.ceil(series.length / 4) * 18;
  return html`<div class="chart-scroll"><svg class="chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${caption}"><title>${caption}</title>${grid}${ticks}${lines}${legend}</svg></div>`;
}

export interface Step {
  label: string;
  /** A total (drawn from zero) or a change (drawn from the running total). */
  kind: 'total' | 'change';
  value: number;
}

/** A waterfall: previous total, each effect, current total. */
export function waterfall(steps: readonly Step[], caption: string): SafeHtml {
  const left = 56;
  const plotH = 200;
  const slot = (WIDTH - left) / steps.length;
  let running = 0;
  const spans = steps.map((s) => {
    const from = s.kind === 'total' ? 0 : running;
    const to = s.kind === 'total' ? s.value : running + s.value;
    running = to;
    return { ...s, low: Math.min(from, to), high: Math.max(from, to) };
  });
  const max = Math.max(1e-9, maxOf(spans, (s) => s.high)) * 1.1;
  const min = Math.min(0, minOf(spans, (s) => s.low));
  const y = (v: number) => 10 + plotH - ((v - min) / (max - min)) * plotH;
  const bars = spans.map((s, i) => {
    const cls = s.kind === 'total' ? 'total' : s.value >= 0 ? 'up' : 'down';
    const bx = left + i * slot + slot * 0.2;
    return html`<g><title>${s.label}: ${usd(s.value)}</title><rect class="wf ${cls}" x="${fmt(bx)}" y="${fmt(y(s.high))}" width="${fmt(slot * 0.6)}" height="${fmt(Math.max(1, y(s.low) - y(s.high)))}"></rect><text class="value" x="${fmt(bx + slot * 0.3)}" y="${fmt(y(s.high) - 4)}" text-anchor="middle">${s.kind === 'change' && s.value > 0 ? '+' : ''}${usd(s.value)}</text><text class="label" x="${fmt(bx + slot * 0.3)}" y="${plotH + 28}" text-anchor="middle">${clip(s.label, 18)}</text></g>`;
  });
  return html`<div class="chart-scroll"><svg class="chart" viewBox="0 0 ${WIDTH} ${plotH + 40}" width="${WIDTH}" height="${plotH + 40}" role="img" aria-label="${caption}"><title>${caption}</title><line class="grid" x1="${left}" x2="${WIDTH}" y1="${fmt(y(0))}" y2="${fmt(y(0))}"></line>${bars}</svg></div>`;
}
