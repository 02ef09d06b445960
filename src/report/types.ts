/** JSON contract of `attrib report --format json`, schema version 1 (fields may be added, never changed). */
import type { Reconciliation } from './invoice.js';
import type { Comparison } from './compare.js';

export type StepKind = 'model' | 'embedding' | 'tool' | 'retrieval' | 'other';
export type BudgetStatus = 'under' | 'near' | 'over' | 'no-budget';

export interface GroupRow {
  key: string;
  costUsd: number;
  steps: number;
  runs: number;
}

export interface BudgetedRow extends GroupRow {
  budgetUsd: number | null;
  varianceUsd: number | null;
  status: BudgetStatus;
}

export interface FeatureRow extends BudgetedRow {
  team: string | null;
}

export interface TenantRow extends GroupRow {
  outlier: boolean;
}

export interface ModelRow {
  key: string;
  costUsd: number;
  steps: number;
  inputTokens: number;
  outputTokens: number;
}

export interface ToolRow {
  tool: string;
  owner: string | null;
  costUsd: number;
  steps: number;
  consumers: { feature: string; costUsd: number }[];
}

export type FlagKind =
  | 'over-budget'
  | 'hard-cap'
  | 'global-cap'
  | 'near-budget'
  | 'projected-over'
  | 'unattributed'
  | 'conflicting-tags'
  | 'environment-mixing'
  | 'feature-team-mismatch'
  | 'outlier-tenant'
  | 'unpriced';

export interface Flag {
  kind: FlagKind | (string & {});
  scope: 'feature' | 'team' | 'org' | 'run' | 'tenant' | 'model' | (string & {});
  key: string;
  message: string;
}

/** Cost of one team on one UTC day (`(unattributed)` for steps without a known team). */
export interface DailyRow {
  date: string;
  team: string;
  costUsd: number;
}

/** Month-end projection for a budget holder, when the data ends before the period's last month does. */
export interface ForecastRow {
  scope: 'feature' | 'team' | 'org';
  key: string;
  /** `YYYY-MM`. */
  month: string;
  costToDateUsd: number;
  projectedUsd: number;
  budgetUsd: number | null;
  projectedOver: boolean;
}

/** Cost of one model inside one feature: what "model mix" comparisons need. */
export interface FeatureModelRow {
  feature: string;
  model: string;
  costUsd: number;
  steps: number;
  runs: number;
}

export interface ReportTotals {
  costUsd: number;
  steps: number;
  runs: number;
  attributedCostUsd: number;
  unattributedCostUsd: number;
  unattributedPct: number;
  unpricedSteps: number;
  skippedLines: number;
  unattributed: { missing: number; unknownValue: number; conflict: number };
}

export interface ReportResult {
  schemaVersion: 1;
  currency: 'USD';
  period: { from: string; to: string };
  totals: ReportTotals;
  byFeature: FeatureRow[];
  byTeam: BudgetedRow[];
  byTenant: TenantRow[];
  byWorkloadClass: GroupRow[];
  byEnvironment: GroupRow[];
  byModel: ModelRow[];
  tools: ToolRow[];
  org: { costUsd: number; budgetUsd: number | null; varianceUsd: number | null; status: BudgetStatus };
  flags: Flag[];
  /** Additions to the v1 contract (fields may be added freely). */
  daily: DailyRow[];
  forecast: ForecastRow[];
  byFeatureModel: FeatureModelRow[];
  /** Invoice vs logs, when `--invoice` is given (src/report/invoice.ts `reconcile`). */
  reconciliation?: Reconciliation;
  /** Change against a previous period, when `--compare` is given (src/report/compare.ts `compareReports`). */
  comparison?: Comparison;
}
