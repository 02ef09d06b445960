/**
 * A negotiated discount that could not be applied. A record's own cost is authoritative (the source
 * says what the call cost), so attrib never discounts it; but many sources compute that cost from
 * list prices (LiteLLM's spend, Helicone's and Langfuse's costs), and then the effective cost of
 * those steps is lower than the report shows. Silently is the worst way to be wrong: warn.
 */
import { type ProviderTerms, modelDiscount } from './pricing-terms.js';
import { normaliseProvider } from './providers.js';
import type { PricingRow, ReportWarning } from './types.js';
import { formatUsd } from '../util/money.js';

export function discountWarnings(pricing: readonly PricingRow[], providers: ReadonlyMap<string, ProviderTerms>): ReportWarning[] {
  if (providers.size === 0) return [];
  const missed = new Map<string, { steps: number; micros: number; pct: Set<number> }>();
  for (const row of pricing) {
    if (row.kind !== 'record' || row.costUsd === 0) continue;
    const provider = normaliseProvider(row.provider);
    const terms = provider === null ? undefined : providers.get(provider);
    if (terms === undefined) continue;
    const pct = (row.model === null ? undefined : modelDiscount(terms, row.model))?.pct ?? terms.discountPct;
    if (pct === null || pct === 0) continue;
    const entry = missed.get(provider!) ?? { steps: 0, micros: 0, pct: new Set<number>() };
    missed.set(provider!, entry);
    entry.steps += row.steps;
    entry.micros += Math.round(row.costUsd * 1e6);
    entry.pct.add(pct);
  }
  return [...missed].sort(([a], [b]) => (a < b ? -1 : 1)).map(([provider, m]) => ({
    code: 'discount-not-applied',
    message: `${m.steps === 1 ? '1 step' : `${m.steps} steps`} of provider ${provider} ${m.steps === 1 ? 'carries its' : 'carry their'} own cost (${formatUsd(m.micros / 1e6)}), taken as billed: the ${[...m.pct].sort((x, y) => x - y).join('/')}% discount of the pricing file was not applied to ${m.steps === 1 ? 'it' : 'them'}`,
    hint: 'A cost the log gives is authoritative. LiteLLM, Helicone and Langfuse usually compute it from list prices: then these steps cost less than shown, by the discount. Log tokens without a cost to have attrib price and discount them.',
    count: m.steps,
  }));
}
