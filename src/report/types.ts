/** JSON contract of `attrib report --format json`, schema version 1 (fields may be added, never changed). */
import type { Reconciliation } from './invoice.js';
import type { Comparison } from './compare.js';
import type { Chargeback } from './allocation.js';
import type { CreditRow } from './credits.js';
import type { SeriesBlock } from './series.js';
import type { AppliedTerms } from './pricing.js';
import type { CallSiteJoin, CallSiteRow } from './call-sites.js';

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
  /** costUsd / runs. */
  costPerRunUsd: number;
  /**
   * Unit economics (src/report/tenants.ts), from `tenants:` or `--tenants FILE`; null where the tenant
   * has no contract. Optional only because results saved before they existed lack them: attrib sets them all.
   */
  name?: string | null;
  plan?: string | null;
  /** The monthly contract prorated to the report period by days, as budgets are. */
  revenueUsd?: number | null;
  /** AI cost as a share of revenue, percent with 2 decimals. */
  costSharePct?: number | null;
  /** Revenue minus AI cost. */
  marginUsd?: number | null;
  budgetUsd?: number | null;
  varianceUsd?: number | null;
  status?: BudgetStatus;
}

export interface ModelRow {
  key: string;
  costUsd: number;
  steps: number;
  inputTokens: number;
  outputTokens: number;
  runs: number;
}

export interface ToolRow {
  tool: string;
  owner: string | null;
  costUsd: number;
  steps: number;
  consumers: { feature: string; costUsd: number }[];
  /** How the tool's steps were priced (sums to `costUsd` and `steps`). */
  pricing: ToolPricingRow[];
}

export interface ToolPricingRow {
  /**
   * `record`: the step's own cost; `table`: a `tools:` price (entry `tools.<name>`) or, for a tool
   * step naming a model, that model's price; `fallback`: the bundled catalogue's model price;
   * `unpriced`: no cost of its own and no price (or a per-unit price without the unit count): $0.
   */
  kind: 'record' | 'table' | 'fallback' | 'unpriced';
  source: string | null;
  entry: string | null;
  steps: number;
  costUsd: number;
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
  | 'tenant-cost-share'
  | 'spend-spike'
  | 'unpriced';
// `unpriced` flags have scope `model`, or `tool` for a tool price that needs a unit count the steps lack.

export interface Flag {
  kind: FlagKind | (string & {});
  scope: 'feature' | 'team' | 'org' | 'run' | 'tenant' | 'model' | (string & {});
  key: string;
  message: string;
  /** What the cap asks for: alert the owning team (soft cap), acknowledge (hard cap), emergency (global cap). */
  action?: 'alert-team' | 'acknowledge' | 'emergency';
  /** The team to alert or to acknowledge, when there is one. */
  team?: string;
  /** The UTC day a dated flag is about (`spend-spike`), `YYYY-MM-DD`. */
  date?: string;
}

/** Cost of one team on one UTC day (`(unattributed)` for steps without a known team). */
export interface DailyRow {
  date: string;
  team: string;
  costUsd: number;
}

/** Cost of one feature on one UTC day (`(unattributed)` for unattributed steps): what `--by day|week|month` series are made of. */
export interface DailyFeatureRow {
  date: string;
  feature: string;
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
  /**
   * How `projectedUsd` was made (src/report/forecast.ts): `run-rate-7d` (spend so far plus the last 7
   * days' daily average for each day left; once 7 days have elapsed) or `linear` (spend so far scaled
   * by days in the month over days elapsed).
   */
  method: 'run-rate-7d' | 'linear';
  /** The linear projection, whichever method `projectedUsd` used. */
  linearProjectedUsd: number;
  /** Average daily spend of the last 7 days with data; null for `linear`. */
  runRateDailyUsd: number | null;
}

/** Cost of one model inside one feature: what "model mix" comparisons need. */
export interface FeatureModelRow {
  feature: string;
  model: string;
  costUsd: number;
  steps: number;
  runs: number;
}

/** Cost of one tenant on one feature or model (`byTenantFeature`, `byTenantModel`): which tenant eats margin, on what. */
export interface TenantCrossRow {
  /** `(none)` for steps without a tenant. */
  tenant: string;
  costUsd: number;
  steps: number;
  runs: number;
  /** costUsd / runs and costUsd / steps, rounded to the micro-dollar. */
  costPerRunUsd: number;
  costPerStepUsd: number;
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
  /** Unattributed cost (USD) by reason. */
  unattributed: { missing: number; unknownValue: number; conflict: number };
  /** The same steps at list price (batch steps at the batch list price); costUsd is after negotiated discounts. */
  listCostUsd: number;
  /** listCostUsd - costUsd: what negotiated discounts saved. */
  discountUsd: number;
  /** Credits applied to this spend (the `credits` section); one organisation-level line, not spread over groups. */
  creditsUsd: number;
  /** costUsd - creditsUsd: what the provider bills (never below 0). */
  billedCostUsd: number;
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
  /** The same days by feature; each day's rows sum to that day's `daily` rows. */
  dailyFeatures: DailyFeatureRow[];
  forecast: ForecastRow[];
  byFeatureModel: FeatureModelRow[];
  /** Tenant x feature (`(unattributed)` feature) and tenant x model, by cost. */
  byTenantFeature: (TenantCrossRow & { feature: string })[];
  byTenantModel: (TenantCrossRow & { model: string })[];
  /** Spend per day, week or month of every feature and team, one block per `--by day|week|month` asked (src/report/series.ts). */
  series?: SeriesBlock[];
  /** Invoice vs logs, when `--invoice` is given (src/report/invoice.ts `reconcile`). */
  reconciliation?: Reconciliation;
  /** Showback after the taxonomy's `allocation:` rules (src/report/allocation.ts): every dollar on a line someone pays. */
  chargeback?: Chargeback;
  /** Change against a previous period, when `--compare` is given (src/report/compare.ts `compareReports`). */
  comparison?: Comparison;
  /** Spend per call site (src/report/call-sites.ts), with `--by call_site` or `--lint`; sums to the total. */
  byCallSite?: CallSiteRow[];
  /** `--lint`: the spend joined to lint's call sites (flagged, unattributed, blind spots, idle). */
  callSiteJoin?: CallSiteJoin;
  /** Why unattributed cost is unattributed, with the unknown feature values listed. */
  unattributed: UnattributedBucketRow[];
  /** The unattributed cost (every bucket) by model, environment and tenant (`(none)`: not logged); each list sums to `totals.unattributedCostUsd`. */
  unattributedBy: { model: GroupRow[]; environment: GroupRow[]; tenant: GroupRow[] };
  /** Which price priced each logged model: the record's own cost, a price-table entry, the fallback catalogue, or none. */
  pricing: PricingRow[];
  /** Each credit of the pricing file, with what it took off this spend (sums to totals.creditsUsd). */
  credits: CreditRow[];
  /** The first skipped lines (at most 20; `totals.skippedLines` counts them all). */
  skipped: SkippedLine[];
  /**
   * What was read. `failedRequests`: records of calls that failed without usage or cost (LiteLLM
   * `status: failure`, a Helicone HTTP error, a Bedrock `errorCode`) inside the period: not steps.
   */
  inputs: { files: string[]; records: number; structuralRecords: number; outsidePeriod: number; failedRequests: number };
  /** `--fail-on` gates asked for and the ones that tripped (the command exits 1 when any did). */
  gates: { failOn: Gate[]; tripped: Gate[] };
  /** Why the numbers may not be what they seem (nothing read, period excluded all, usage absent). */
  warnings: ReportWarning[];
}

/** A problem with the input as a whole (see src/report/warnings.ts); `--strict` fails on any. */
export interface ReportWarning {
  code: 'no-steps' | 'period-excludes-all' | 'usage-missing' | 'all-zero' | 'allocation-fallback' | 'log-entries-not-read' | (string & {});
  message: string;
  /** What to do about it. */
  hint: string;
  /** How many steps it concerns (for `log-entries-not-read`: how many folder entries). */
  count: number;
}

export type Gate = 'over-budget' | 'hard-cap' | 'global-cap' | 'unattributed' | 'projected-over';

export interface UnattributedBucketRow {
  bucket: 'missing' | 'unknown-value' | 'conflict';
  costUsd: number;
  steps: number;
  /** For `unknown-value`: each feature value seen that is not in the registry. */
  values: { value: string; costUsd: number; steps: number }[];
}

export interface PricingRow {
  /** The model name as logged (null for steps without one, and for tool prices). */
  model: string | null;
  provider: string | null;
  /** The tool a `tools:` price priced (entry `tools.<name>`), else null. */
  tool: string | null;
  /** `record` (the log's own cost), `table`, `fallback`, or `unpriced`. */
  kind: 'record' | 'table' | 'fallback' | 'unpriced';
  /** `rules/pricing.yaml`, the `--pricing` file, `@pydantic/genai-prices@<version>`; null for record/unpriced. */
  source: string | null;
  /** The price entry that matched. */
  entry: string | null;
  /** When that price took effect, when known. */
  effectiveFrom: string | null;
  /** How the logged name matched the entry (`exact`, `provider-prefix`, `snapshot-prefix`). */
  match: string | null;
  steps: number;
  /** Effective cost: after the negotiated discount. */
  costUsd: number;
  /** The same steps at list price (for batch rows, the batch list price). */
  listCostUsd: number;
  /** Batch requests priced at the batch rate (`table`) or list x pct (`multiplier`); null: not batch. */
  batch: AppliedTerms['batch'];
  /** The negotiated discount applied (scope `model` wins over `provider`); null: list price. */
  discount: AppliedTerms['discount'];
}

/** A record that could not be used: `line` is 0 inside a JSON document, where `record` says which. */
export interface SkippedLine {
  file: string;
  line: number;
  record?: number;
  reason: string;
}
