/** Number formatting for the page (en-US, fixed so the output is stable across machines). */

const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const small = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 6 });
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `$1,234.57`; amounts under a dollar keep their significant digits (`$0.000123`). */
export function usd(value: number | null): string {
  if (value === null) return '–';
  return Math.abs(value) >= 1 || value === 0 ? dollars.format(value) : small.format(value);
}

/** `+$12.00` / `-$3.50`: for changes and variances. */
export function signedUsd(value: number | null): string {
  if (value === null) return '–';
  return value > 0 ? `+${usd(value)}` : value < 0 ? `-${usd(-value)}` : usd(0);
}

export const count = (value: number): string => integer.format(value);
export const percent = (value: number | null): string => (value === null ? '–' : `${value.toFixed(1)}%`);

/** Compact axis labels: `$1.2k`, `$350`, `$0.42`. */
export function axisUsd(value: number): string {
  if (value >= 1000) return `$${(value / 1000).toFixed(value >= 10_000 ? 0 : 1)}k`;
  return value >= 10 || value === 0 ? `$${value.toFixed(0)}` : `$${value.toFixed(2)}`;
}
