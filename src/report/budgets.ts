import { formatUsd } from '../util/money.js';
import type { BudgetStatus, BudgetedRow, FeatureRow, Flag, ReportResult } from './types.js';

const money = (v: number | null) => (v === null ? '' : formatUsd(v));
const pct = (cost: number, budget: number | null) => (budget ? `${Math.round((cost / budget) * 100)}%` : '');

/** Over above the budget, near from `nearPct` percent of it (micro-dollars; null: no budget). */
export function budgetStatus(cost: number, budget: number | null, nearPct: number): BudgetStatus {
  if (budget === null) return 'no-budget';
  if (cost > budget) return 'over';
  if (budget > 0 && cost * 100 >= budget * nearPct) return 'near';
  return 'under';
}

/**
 * The tiered caps: over a feature's soft cap alerts the owning team, over a team's hard cap needs an
 * acknowledgement, over the org's global cap is an emergency; `near` at any tier is a heads-up.
 */
export function capFlags(byFeature: readonly FeatureRow[], byTeam: readonly BudgetedRow[], org: ReportResult['org']): Flag[] {
  const flags: Flag[] = [];
  for (const row of byFeature) {
    if (row.status === 'over') {
      flags.push({ kind: 'over-budget', scope: 'feature', key: row.key, action: 'alert-team', team: row.team ?? undefined, message: `feature ${row.key} spent ${money(row.costUsd)}, over its soft cap of ${money(row.budgetUsd)} by ${money(row.varianceUsd)}: alert the owning team (${row.team})` });
    } else if (row.status === 'near') {
      flags.push({ kind: 'near-budget', scope: 'feature', key: row.key, team: row.team ?? undefined, message: `feature ${row.key} spent ${money(row.costUsd)}, ${pct(row.costUsd, row.budgetUsd)} of its ${money(row.budgetUsd)} budget` });
    }
  }
  for (const row of byTeam) {
    if (row.status === 'over') {
      flags.push({ kind: 'hard-cap', scope: 'team', key: row.key, action: 'acknowledge', team: row.key, message: `team ${row.key} spent ${money(row.costUsd)}, over its hard cap of ${money(row.budgetUsd)} by ${money(row.varianceUsd)}: acknowledgement required` });
    } else if (row.status === 'near') {
      flags.push({ kind: 'near-budget', scope: 'team', key: row.key, team: row.key, message: `team ${row.key} spent ${money(row.costUsd)}, ${pct(row.costUsd, row.budgetUsd)} of its ${money(row.budgetUsd)} budget` });
    }
  }
  if (org.status === 'over') {
    flags.push({ kind: 'global-cap', scope: 'org', key: 'org', action: 'emergency', message: `the organisation spent ${money(org.costUsd)}, over the global cap of ${money(org.budgetUsd)} by ${money(org.varianceUsd)}: emergency` });
  } else if (org.status === 'near') {
    flags.push({ kind: 'near-budget', scope: 'org', key: 'org', message: `the organisation spent ${money(org.costUsd)}, ${pct(org.costUsd, org.budgetUsd)} of the global cap of ${money(org.budgetUsd)}` });
  }
  return flags;
}
