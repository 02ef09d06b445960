/**
 * Numbers as every human report format (table, markdown, html) writes them, so the three never
 * disagree: money with cents from a dollar up and significant digits below, shares that never
 * round a real amount to `0.0%`, counts with thousands separators. JSON and CSV keep exact values
 * (plainDecimal).
 */
import { formatUsd } from '../util/money.js';

/** `$1,234.57`, `$0.56`, `$0.0042`. */
export const formatMoney = formatUsd;

/** With its sign: `+$12.00` over budget or up, `-$3.50` under or down, `$0.00`. */
export function formatSignedMoney(usd: number): string {
  const text = formatUsd(usd);
  return usd > 0 ? `+${text}` : text;
}

/** `12.3%`; shares that would round to `0.0%` or `100.0%` without being so read `<0.1%`, `>99.9%`; null is `–`. */
export function formatPct(pct: number | null): string {
  if (pct === null) return '–';
  if (pct > 0 && pct < 0.05) return '<0.1%';
  if (pct < 100 && pct >= 99.95) return '>99.9%';
  return `${pct.toFixed(1)}%`;
}

/** A change in percent with its sign: `+98.8%`, `-12.0%`. */
export function formatSignedPct(pct: number): string {
  return pct > 0 ? `+${formatPct(pct)}` : pct < 0 ? `-${formatPct(-pct)}` : formatPct(0);
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 1234567 -> `1,234,567`. */
export function formatCount(n: number): string {
  return grouped.format(n);
}

/** `1 unpriced step`, `3 unpriced steps`, with the count grouped. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}

/** A plain decimal for machines: no exponent, at most 6 decimals, no trailing zeros (`1234.5`). */
export function plainDecimal(n: number, decimals = 6): string {
  const fixed = n.toFixed(decimals);
  const trimmed = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

/** Share of a total in percent; 0 when the total is 0. */
export function sharePct(part: number, total: number): number {
  return total === 0 ? 0 : (part / total) * 100;
}
