/**
 * The report's flags that are not budget caps (src/report/budgets.ts), one builder each: the JS
 * engine (aggregate.ts) and the SQL engine (src/engine/result.ts) make them from their own tallies
 * and must word them the same.
 */
import { formatUsd } from '../util/money.js';
import { cmp } from './numbers.js';
import type { Flag } from './types.js';

/** The order of the report's flags: kind, scope, key, then date (a key's spikes in date order). */
export const flagOrder = (a: Flag, b: Flag) => cmp(a.kind, b.kind) || cmp(a.scope, b.scope) || cmp(a.key, b.key) || cmp(a.date ?? '', b.date ?? '');

const money = (usd: number) => formatUsd(usd);
const steps = (n: number) => `${n} ${n === 1 ? 'step' : 'steps'}`;

/** A run whose records disagree on tags its steps needed from it. */
export function conflictingTagsFlag(run: string, tags: readonly string[]): Flag {
  return { kind: 'conflicting-tags', scope: 'run', key: run, message: `run ${run} disagrees on ${tags.join(', ')}: steps without their own value stay unattributed for it` };
}

/** A run whose counted steps carry several environments (`envs` sorted). */
export function environmentMixingFlag(run: string, envs: readonly string[]): Flag {
  return { kind: 'environment-mixing', scope: 'run', key: run, message: `run ${run} mixes environments: ${envs.join(', ')}` };
}

/** Steps of a registry feature tagged with another team than the registry's (`owner`). */
export function featureTeamMismatchFlag(feature: string, team: string, owner: string | undefined, count: number): Flag {
  return { kind: 'feature-team-mismatch', scope: 'feature', key: feature, team: owner, message: `${steps(count)} of feature ${feature} are tagged team ${team}, but the registry gives it to ${owner}: counted for ${owner}` };
}

/** Steps of one price ref that no price could price. */
export function unpricedFlag(ref: { model: string | null; provider: string | null; tool?: string | null; reason?: string | null }, count: number, none: string): Flag {
  if (ref.tool !== undefined && ref.tool !== null) {
    return { kind: 'unpriced', scope: 'tool', key: ref.tool, message: `${steps(count)} of tool ${ref.tool} ${count === 1 ? 'has' : 'have'} no cost, and ${ref.reason ?? 'no price applies'}: counted at $0` };
  }
  const name = ref.model ?? none;
  return { kind: 'unpriced', scope: 'model', key: name, message: `${steps(count)} of model ${name}${ref.provider ? ` (${ref.provider})` : ''} ${count === 1 ? 'has' : 'have'} no cost and no known price: counted at $0; add the model to a --pricing file` };
}

/** The unattributed share in percent with two decimals, and its flag when above the taxonomy's maximum. */
export function unattributedShare(totalMicros: number, unattributedMicros: number, maxPct: number, key: string): { pct: number; flag?: Flag } {
  const pct = totalMicros === 0 ? 0 : Math.round((unattributedMicros / totalMicros) * 10000) / 100;
  if (totalMicros > 0 && pct > maxPct) {
    return { pct, flag: { kind: 'unattributed', scope: 'org', key, message: `${pct}% of spend (${money(unattributedMicros / 1e6)}) is unattributed, above the ${maxPct}% the taxonomy allows` } };
  }
  return { pct };
}

/**
 * Tenants above `factor` x the median cost of the known tenants (`key` null: no tenant), at least two
 * known: marks their rows and returns their flags.
 */
export function tenantOutliers(tenants: readonly { known: boolean; cost: number; row: { key: string; costUsd: number; outlier: boolean } }[], factor: number): Flag[] {
  const known = tenants.filter((t) => t.known).map((t) => t.cost).sort((a, b) => a - b);
  const half = known.length >> 1;
  const median = known.length === 0 ? 0 : known.length % 2 === 1 ? known[half]! : (known[half - 1]! + known[half]!) / 2;
  const flags: Flag[] = [];
  for (const { known: isKnown, row, cost } of tenants) {
    if (!isKnown || known.length < 2 || cost <= factor * median) continue;
    row.outlier = true;
    flags.push({ kind: 'outlier-tenant', scope: 'tenant', key: row.key, message: `tenant ${row.key} cost ${money(row.costUsd)}, more than ${factor}x the median tenant cost (${money(median / 1e6)})` });
  }
  return flags;
}
