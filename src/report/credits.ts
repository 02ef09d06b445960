/**
 * Credits (pricing file `credits:`) against the period's spend, at the organisation level: a
 * credit reduces the billed cost of the spend it covers (its provider, or any, on the days of its
 * period) by at most its amount, and never below $0. Credits are one line of the totals, not spread
 * over features or teams: showback and budgets measure what was consumed, and a credit is how the
 * bill was paid, so every group list still sums to `totals.costUsd` (docs/report.md#credits).
 */
import { DAY } from './period.js';
import type { Credit } from './pricing-terms.js';
import { normaliseProvider } from './providers.js';
import type { StepStore } from './store.js';
import type { ReportResult } from './types.js';

export interface CreditRow {
  name: string;
  /** The provider whose spend it covers; null: any. */
  provider: string | null;
  /** Inclusive days covered. */
  from: string;
  to: string;
  amountUsd: number;
  /** What it took off this report's spend (the spend it covers, up to its amount). */
  appliedUsd: number;
  /** amountUsd - appliedUsd: not used by the spend in this report. */
  unusedUsd: number;
  /** appliedUsd by the provider whose spend it covered (null: spend without a provider), by provider name. */
  byProvider: { provider: string | null; appliedUsd: number }[];
  /** The pricing file that gave it. */
  source: string;
}

/**
 * Apply the credits in file order. The spend is kept as effective micro-dollars per (provider,
 * UTC day); each credit takes from its eligible buckets, oldest day first (then by provider name),
 * what is left in them after the credits before it, up to its amount. All integers: exact.
 */
export function applyCredits(store: StepStore, credits: readonly Credit[]): { rows: CreditRow[]; appliedMicros: number } {
  if (credits.length === 0) return { rows: [], appliedMicros: 0 };
  const left = new Map<string, { provider: string | null; day: number; micros: number }>();
  for (let i = 0; i < store.size; i++) {
    if (!store.counted(i)) continue;
    const id = store.provider.get(i);
    const provider = id === -1 ? null : normaliseProvider(store.strings.get(id));
    const day = Math.floor(store.ts.get(i) / DAY) * DAY;
    const key = `${day}\u0000${provider ?? ''}`;
    const bucket = left.get(key);
    if (bucket === undefined) left.set(key, { provider, day, micros: store.cost.get(i) });
    else bucket.micros += store.cost.get(i);
  }
  const buckets = [...left.values()].sort((a, b) => a.day - b.day || ((a.provider ?? '') < (b.provider ?? '') ? -1 : (a.provider ?? '') > (b.provider ?? '') ? 1 : 0));
  let appliedMicros = 0;
  const rows = credits.map((credit) => {
    let remaining = credit.amountMicros;
    const byProvider = new Map<string | null, number>();
    for (const bucket of buckets) {
      if (remaining === 0) break;
      if (bucket.day < credit.fromMs || bucket.day >= credit.untilMs) continue;
      if (credit.provider !== null && bucket.provider !== credit.provider) continue;
      const take = Math.min(remaining, bucket.micros);
      if (take === 0) continue;
      bucket.micros -= take;
      remaining -= take;
      byProvider.set(bucket.provider, (byProvider.get(bucket.provider) ?? 0) + take);
    }
    const applied = credit.amountMicros - remaining;
    appliedMicros += applied;
    return {
      name: credit.label,
      provider: credit.provider,
      from: credit.from,
      to: credit.to,
      amountUsd: credit.amountMicros / 1e6,
      appliedUsd: applied / 1e6,
      unusedUsd: remaining / 1e6,
      byProvider: [...byProvider]
        .sort(([a], [b]) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0))
        .map(([provider, micros]) => ({ provider, appliedUsd: micros / 1e6 })),
      source: credit.source,
    };
  });
  return { rows, appliedMicros };
}

/** Fill the report's `credits` and `totals.creditsUsd` / `billedCostUsd` from the pricing file's credits. */
export function addCredits(report: Pick<ReportResult, 'credits' | 'totals'>, store: StepStore, credits: readonly Credit[]): void {
  const { rows, appliedMicros } = applyCredits(store, credits);
  report.credits = rows;
  report.totals.creditsUsd = appliedMicros / 1e6;
  report.totals.billedCostUsd = (Math.round(report.totals.costUsd * 1e6) - appliedMicros) / 1e6;
}
