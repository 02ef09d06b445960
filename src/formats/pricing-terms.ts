import type { ReportTotals } from '../report/types.js';
import { formatMoney } from './numbers.js';

/**
 * The header fact for prices beyond list: `list $X · discounts -$Y · credits -$Z · billed $W`, or
 * null when neither a discount nor a credit changed anything (results written before these fields
 * existed have none).
 */
export function pricingTermsFact(totals: Partial<Pick<ReportTotals, 'listCostUsd' | 'discountUsd' | 'creditsUsd' | 'billedCostUsd'>>): string | null {
  const discount = totals.discountUsd ?? 0;
  const credits = totals.creditsUsd ?? 0;
  if (discount === 0 && credits === 0) return null;
  const parts = [`list ${formatMoney(totals.listCostUsd ?? 0)}`];
  if (discount !== 0) parts.push(`discounts ${formatMoney(-discount)}`);
  if (credits !== 0) parts.push(`credits ${formatMoney(-credits)}`, `billed ${formatMoney(totals.billedCostUsd ?? 0)}`);
  return parts.join(', ');
}
