/**
 * Unit economics per tenant: the tenant's AI cost set against what it pays. Revenue is the monthly
 * contract prorated to the report period exactly as budgets are (by the days of each month inside
 * it), so a half-month report compares half a month of cost with half a month of revenue.
 */
import type { OrgSettings, Tenant } from '../taxonomy/types.js';
import { formatUsd } from '../util/money.js';
import { type Period, proratedBudget } from './period.js';
import { budgetStatus } from './budgets.js';
import type { Flag, TenantRow } from './types.js';

const micros = (usd: number) => Math.round(usd * 1e6);
const usd = (m: number) => m / 1e6;

/** The tenant line of a tenant with no spend in the period: its revenue is still information. */
export function idleTenantRow(key: string): TenantRow {
  return { key, costUsd: 0, steps: 0, runs: 0, outlier: false, costPerRunUsd: 0 };
}

/**
 * Fill the economics fields of every row (in place) and return the flags: `tenant-cost-share` when
 * cost is above `org.tenantCostSharePct` of revenue, `over-budget` / `near-budget` (scope tenant)
 * against a tenant budget. A tenant's cost share is cost / revenue x 100, rounded to 2 decimals; the
 * flag compares the exact micro-dollar amounts (cost x 100 > revenue x threshold), not the rounded share.
 */
export function tenantEconomics(rows: readonly TenantRow[], tenants: ReadonlyMap<string, Tenant>, period: Period, org: OrgSettings): Flag[] {
  const flags: Flag[] = [];
  for (const row of rows) {
    const tenant = tenants.get(row.key);
    const cost = micros(row.costUsd);
    const revenue = tenant?.monthlyContractUsd === undefined ? null : proratedBudget(micros(tenant.monthlyContractUsd), period);
    const budget = tenant?.budget === undefined ? null : proratedBudget(micros(tenant.budget.monthlyUsd), period);
    row.name = tenant?.name ?? null;
    row.plan = tenant?.plan ?? null;
    row.revenueUsd = revenue === null ? null : usd(revenue);
    row.costSharePct = revenue === null || revenue === 0 ? null : Math.round((cost / revenue) * 10000) / 100;
    row.marginUsd = revenue === null ? null : usd(revenue - cost);
    row.budgetUsd = budget === null ? null : usd(budget);
    row.varianceUsd = budget === null ? null : usd(cost - budget);
    row.status = budgetStatus(cost, budget, org.nearPct);
    const max = org.tenantCostSharePct;
    if (revenue !== null && max !== undefined && cost * 100 > revenue * max) {
      flags.push({
        kind: 'tenant-cost-share',
        scope: 'tenant',
        key: row.key,
        message: `tenant ${row.key} cost ${formatUsd(row.costUsd)} in AI, ${row.costSharePct}% of its ${formatUsd(usd(revenue))} revenue for the period, above the ${max}% the taxonomy allows (margin after AI ${formatUsd(usd(revenue - cost))})`,
      });
    }
    if (row.status === 'over') {
      flags.push({ kind: 'over-budget', scope: 'tenant', key: row.key, message: `tenant ${row.key} spent ${formatUsd(row.costUsd)}, over its budget of ${formatUsd(usd(budget!))} by ${formatUsd(usd(cost - budget!))}` });
    } else if (row.status === 'near') {
      flags.push({ kind: 'near-budget', scope: 'tenant', key: row.key, message: `tenant ${row.key} spent ${formatUsd(row.costUsd)}, ${Math.round((cost / budget!) * 100)}% of its ${formatUsd(usd(budget!))} budget` });
    }
  }
  return flags;
}
