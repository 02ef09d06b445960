/**
 * Tenant sections of the report view: unit economics (`--by tenant:revenue`, and by default once a
 * tenant has a contract) and the crosses `--by tenant:feature` / `--by tenant:model`. The colon
 * spelling is because a comma already separates sections (`--by feature,team`).
 */
import type { ReportResult, TenantCrossRow } from '../report/types.js';
import { type ViewRow, type ViewSection, EMPTY, column, count, money, percent, signedMoney, text } from './report-cells.js';

/** Whether any tenant row carries a contract: then the economics section is worth showing by default. */
export const hasTenantRevenue = (result: ReportResult) => result.byTenant.some((row) => row.revenueUsd != null);

const ECONOMICS = [
  column('key', 'Tenant', 'key', 'key'),
  column('plan', 'Plan', 'plan', 'text', 3),
  column('cost', 'AI cost', 'cost_usd', 'sum', 9),
  column('revenue', 'Revenue', 'revenue_usd', 'sum', 8),
  column('share', 'AI share of revenue', 'cost_share_pct', 'number', 8),
  column('margin', 'Margin after AI', 'margin_usd', 'sum', 7),
  column('budget', 'Budget', 'budget_usd', 'sum', 4),
  column('variance', 'Variance', 'variance_usd', 'sum', 4),
];

export function tenantEconomicsSection(result: ReportResult): ViewSection {
  const rows: ViewRow[] = result.byTenant.map((row) => ({
    kind: 'row',
    cells: [
      text(row.name ? `${row.key} (${row.name})` : row.key),
      row.plan ? text(row.plan) : EMPTY,
      money(row.costUsd),
      money(row.revenueUsd),
      row.revenueUsd == null ? EMPTY : percent(row.costSharePct ?? null),
      signedMoney(row.marginUsd),
      money(row.budgetUsd),
      signedMoney(row.varianceUsd),
    ],
  }));
  const notes = ['Revenue is each monthly contract prorated to the report period by days; the share is AI cost over that revenue; the margin is revenue minus AI cost. Empty: no contract given.'];
  return { id: 'tenant:revenue', title: 'Tenant unit economics', notes, columns: ECONOMICS, rows, noun: 'tenant', hidden: 0, emptyText: 'No tenants.' };
}

function crossSection(id: string, title: string, label: string, csv: string, list: readonly (TenantCrossRow & { other: string })[]): ViewSection {
  const columns = [
    column('key', 'Tenant', 'key', 'key'),
    column('other', label, csv, 'text', 9),
    column('cost', 'Cost', 'cost_usd', 'sum', 9),
    column('steps', 'Steps', 'steps', 'sum', 4),
    column('runs', 'Runs', 'runs', 'number', 3),
    column('per-run', 'Per run', 'cost_per_run_usd', 'number', 6),
    column('per-step', 'Per step', 'cost_per_step_usd', 'number', 5),
  ];
  const rows: ViewRow[] = list.map((row) => ({
    kind: 'row',
    cells: [text(row.tenant), text(row.other), money(row.costUsd), count(row.steps), count(row.runs), money(row.costPerRunUsd), money(row.costPerStepUsd)],
  }));
  return { id, title, notes: [], columns, rows, noun: 'row', hidden: 0, emptyText: 'No spend.' };
}

// Results saved before the crosses existed have no such lists.
export const tenantFeatureSection = (result: ReportResult) =>
  crossSection('tenant:feature', 'By tenant and feature', 'Feature', 'feature', (result.byTenantFeature ?? []).map((r) => ({ ...r, other: r.feature })));
export const tenantModelSection = (result: ReportResult) =>
  crossSection('tenant:model', 'By tenant and model', 'Model', 'model', (result.byTenantModel ?? []).map((r) => ({ ...r, other: r.model })));
