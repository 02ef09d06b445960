/** Money as people read it in reports and tables. */

/**
 * `$1,234.56`; amounts under a cent keep two significant digits (`$0.0042`) up to the contract's six
 * decimals, so a cheap feature never shows as `$0.00`.
 */
export function formatUsd(usd: number): string {
  const abs = Math.abs(usd);
  const digits = abs === 0 || abs >= 0.01 ? 2 : Math.min(6, 1 - Math.floor(Math.log10(abs)));
  const text = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(abs);
  return `${usd < 0 ? '-' : ''}$${text}`;
}
