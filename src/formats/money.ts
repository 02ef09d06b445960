/** USD for people: `$1,234.56`; amounts under a dollar keep enough digits to stay visible (`$0.0042`). */
export function formatUsd(amount: number): string {
  const abs = Math.abs(amount);
  const digits = abs !== 0 && abs < 1 ? Math.min(6, Math.max(2, 1 - Math.floor(Math.log10(abs)) + 1)) : 2;
  const text = abs.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: digits });
  return `${amount < 0 ? '-' : ''}$${text}`;
}
