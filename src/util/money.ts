/** Money as people read it in reports and tables. */

/**
 * `$1,234.56`; amounts under a cent keep two significant digits (`$0.0042`) up to the contract's six
 * decimals, so a cheap feature never shows as `$0.00`.
 */
export function formatUsd(usd: number): string {
  const abs = Math.abs(usd);
  const digits = abs === 0 || abs >= 0.01 ? 2 : Math.min(6, 1 - Math.floor(Math.log10(abs)));
  const text = usdFormatter(digits).format(abs);
  return `${usd < 0 ? '-' : ''}$${text}`;
}

/**
 * One Intl.NumberFormat per number of decimals (2 to 6), made once: building one costs tens of
 * microseconds, which a report of 150,000 tenants paid per cell (over a minute for one table).
 */
const formatters = new Map<number, Intl.NumberFormat>();

function usdFormatter(digits: number): Intl.NumberFormat {
  let formatter = formatters.get(digits);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(digits, formatter);
  }
  return formatter;
}
