/**
 * What the human report formats (table, csv, markdown) have in common: which sections `--by` picks,
 * the columns and typed cells of each section, money and percentage wording, tier actions, the
 * unattributed line and the flag summary. Each format only decides how a cell looks (colour, emoji,
 * escaping), so the three cannot drift apart on what they say.
 */
import type { FormatOptions } from './types.js';
import type { BudgetStatus, Flag, ReportResult, ToolRow } from '../report/types.js';
import { parseNameList } from '../util/name-list.js';
import { formatUsd } from '../util/money.js';
import { allocationMoved, chargebackSection } from './chargeback-section.js';

/** The group-by dimensions of `--by`, in the order sections are printed by default. */
export const DIMENSIONS = ['feature', 'team', 'tenant', 'workload_class', 'environment', 'model', 'chargeback', 'call_site'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Sections of `table` and `markdown` without `--by` (and `chargeback` when an allocation rule moved spend). */
export const DEFAULT_SECTIONS: readonly Dimension[] = ['feature', 'team', 'tenant', 'model'];
/** Rows of `csv` without `--by`: one spreadsheet of feature chargeback. */
export const DEFAULT_CSV_DIMENSIONS: readonly Dimension[] = ['feature'];

export interface ReportFormatOptions extends FormatOptions {
  /** Sections (table, markdown) or row groups (csv), in this order. */
  by?: readonly Dimension[];
}

export type ReportFormatter = (result: ReportResult, options: ReportFormatOptions) => string;

/**
 * Parse `--by` values (repeatable and/or comma-separated: `--by feature,team --by model`) into
 * dimensions, first occurrence order, duplicates dropped. Unknown names are a usage error (exit 2)
 * that lists the valid names.
 */
export function parseDimensions(input: string | readonly string[]): Dimension[] {
  return parseNameList(input, DIMENSIONS, '--by', 'dimension');
}

// ---------------------------------------------------------------------------------------------
// Sections: columns and typed cells

export type ColumnId =
  | 'key'
  | 'team'
  | 'cost'
  | 'share'
  | 'steps'
  | 'runs'
  | 'costPerRun'
  | 'inputTokens'
  | 'outputTokens'
  | 'budget'
  | 'variance'
  | 'status'
  | 'action'
  | 'outlier'
  | 'showback'
  | 'allocated'
  | 'charged'
  | 'allocation';

export interface Column {
  id: ColumnId;
  /** Heading in table and markdown (the key column is named after the dimension). */
  label: string;
  /** Heading in csv: snake_case, with the unit. */
  csv: string;
  align: 'left' | 'right';
}

/**
 * One cell, typed by what it holds so each format can render it its own way. `text` is a string that
 * came from a log (or a bucket name such as `(unattributed)`): formats must escape it.
 */
export type Cell =
  | { type: 'text'; text: string }
  | { type: 'usd'; usd: number }
  | { type: 'variance'; usd: number }
  | { type: 'pct'; pct: number }
  | { type: 'count'; count: number }
  | { type: 'status'; status: BudgetStatus }
  | { type: 'action'; action: string }
  | { type: 'outlier'; outlier: boolean }
  | { type: 'empty' };

export interface Section {
  dimension: Dimension;
  title: string;
  columns: readonly Column[];
  /** One row per group, cells aligned with `columns`, costliest first. */
  rows: Cell[][];
  /** The totals row, aligned with `columns`. */
  total: Cell[];
}

/** Every column in csv order; a section or a csv file uses a subsequence of it. */
export const COLUMNS: Readonly<Record<ColumnId, Column>> = {
  key: { id: 'key', label: 'Key', csv: 'key', align: 'left' },
  team: { id: 'team', label: 'Team', csv: 'team', align: 'left' },
  cost: { id: 'cost', label: 'Cost', csv: 'cost_usd', align: 'right' },
  share: { id: 'share', label: 'Share', csv: 'share_pct', align: 'right' },
  steps: { id: 'steps', label: 'Steps', csv: 'steps', align: 'right' },
  runs: { id: 'runs', label: 'Runs', csv: 'runs', align: 'right' },
  costPerRun: { id: 'costPerRun', label: 'Cost/run', csv: 'cost_per_run_usd', align: 'right' },
  inputTokens: { id: 'inputTokens', label: 'Input tokens', csv: 'input_tokens', align: 'right' },
  outputTokens: { id: 'outputTokens', label: 'Output tokens', csv: 'output_tokens', align: 'right' },
  budget: { id: 'budget', label: 'Budget', csv: 'budget_usd', align: 'right' },
  variance: { id: 'variance', label: 'Variance', csv: 'variance_usd', align: 'right' },
  status: { id: 'status', label: 'Status', csv: 'status', align: 'left' },
  action: { id: 'action', label: 'Action', csv: 'action', align: 'left' },
  outlier: { id: 'outlier', label: 'Outlier', csv: 'outlier', align: 'left' },
  showback: { id: 'showback', label: 'Showback', csv: 'showback_usd', align: 'right' },
  allocated: { id: 'allocated', label: 'Allocated', csv: 'allocated_usd', align: 'right' },
  charged: { id: 'charged', label: 'Chargeback', csv: 'chargeback_usd', align: 'right' },
  allocation: { id: 'allocation', label: 'By rule', csv: 'allocation', align: 'left' },
};
export const COLUMN_ORDER = Object.keys(COLUMNS) as ColumnId[];

const TITLES: Readonly<Record<Dimension, string>> = {
  feature: 'Feature',
  team: 'Team',
  tenant: 'Tenant',
  workload_class: 'Workload class',
  environment: 'Environment',
  model: 'Model',
  chargeback: 'Feature',
  call_site: 'Call site',
};

const BUDGET_COLUMNS: readonly ColumnId[] = ['budget', 'variance', 'status', 'action'];
const SECTION_COLUMNS: Readonly<Record<Dimension, readonly ColumnId[]>> = {
  feature: ['key', 'team', 'cost', 'share', 'steps', 'runs', ...BUDGET_COLUMNS],
  team: ['key', 'cost', 'share', 'steps', 'runs', ...BUDGET_COLUMNS],
  tenant: ['key', 'cost', 'share', 'steps', 'runs', 'costPerRun', 'outlier'],
  workload_class: ['key', 'cost', 'share', 'steps', 'runs'],
  environment: ['key', 'cost', 'share', 'steps', 'runs'],
  model: ['key', 'cost', 'share', 'steps', 'inputTokens', 'outputTokens'],
  chargeback: ['key', 'team', 'showback', 'allocated', 'charged', 'allocation'],
  call_site: ['key', 'cost', 'share', 'steps'],
};

/** The columns of one dimension's section. */
export function sectionColumns(dimension: Dimension): Column[] {
  return SECTION_COLUMNS[dimension].map((id) => (id === 'key' ? { ...COLUMNS.key, label: TITLES[dimension] } : COLUMNS[id]));
}

/** What over-running each tier's cap means (issue 4: soft, hard and global caps). */
export type Tier = 'feature' | 'team' | 'org';
const TIER_ACTIONS: Readonly<Record<Tier, string>> = {
  feature: 'alert owning team',
  team: 'acknowledgement required',
  org: 'EMERGENCY',
};

/** The action a budget status calls for, or undefined when none is due. */
export function tierAction(tier: Tier, status: BudgetStatus): string | undefined {
  return status === 'over' ? TIER_ACTIONS[tier] : undefined;
}

/** Rows of any group list, as the fields the sections read. Missing fields render as empty cells. */
interface AnyRow {
  key: string;
  costUsd: number;
  steps: number;
  runs?: number;
  team?: string | null;
  budgetUsd?: number | null;
  varianceUsd?: number | null;
  status?: BudgetStatus;
  outlier?: boolean;
  inputTokens?: number;
  outputTokens?: number;
}

/** Bucket keys the core makes up (UNATTRIBUTED, NONE in src/report/aggregate.ts); they go last, whatever they cost. */
const BUCKET_KEYS = new Set(['(unattributed)', '(none)']);

/** A fixed locale, so output does not depend on the machine; numeric, so `run_3` < `run_12`. */
const collator = new Intl.Collator('en', { numeric: true });

/** Natural order of names; code-unit order breaks the collator's ties, so the order is total. */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Costliest first, then by name; buckets last. */
export function compareGroups(a: { key: string; costUsd: number }, b: { key: string; costUsd: number }): number {
  const bucket = Number(BUCKET_KEYS.has(a.key)) - Number(BUCKET_KEYS.has(b.key));
  if (bucket !== 0) return bucket;
  if (a.costUsd !== b.costUsd) return b.costUsd - a.costUsd;
  return compareNames(a.key, b.key);
}

function rowsOf(result: ReportResult, dimension: Exclude<Dimension, 'chargeback'>): readonly AnyRow[] {
  switch (dimension) {
    case 'feature':
      return result.byFeature;
    case 'team':
      return result.byTeam;
    case 'tenant':
      return result.byTenant;
    case 'workload_class':
      return result.byWorkloadClass;
    case 'environment':
      return result.byEnvironment;
    case 'model':
      return result.byModel;
    case 'call_site':
      // Present when the command was asked for call sites (`--by call_site`, `--lint`).
      return result.byCallSite ?? [];
  }
}

/** Share of the total cost in percent; 0 when nothing was spent. */
export function sharePct(costUsd: number, totalUsd: number): number {
  return totalUsd === 0 ? 0 : (costUsd / totalUsd) * 100;
}

const EMPTY: Cell = { type: 'empty' };

function cellOf(column: ColumnId, row: AnyRow, dimension: Dimension, totalUsd: number): Cell {
  switch (column) {
    case 'showback':
    case 'allocated':
    case 'charged':
    case 'allocation':
      return EMPTY;
    case 'key':
      return { type: 'text', text: row.key };
    case 'team':
      return row.team == null ? EMPTY : { type: 'text', text: row.team };
    case 'cost':
      return { type: 'usd', usd: row.costUsd };
    case 'share':
      return { type: 'pct', pct: sharePct(row.costUsd, totalUsd) };
    case 'steps':
      return { type: 'count', count: row.steps };
    case 'runs':
      return row.runs === undefined ? EMPTY : { type: 'count', count: row.runs };
    case 'costPerRun':
      return row.runs ? { type: 'usd', usd: row.costUsd / row.runs } : EMPTY;
    case 'inputTokens':
      return row.inputTokens === undefined ? EMPTY : { type: 'count', count: row.inputTokens };
    case 'outputTokens':
      return row.outputTokens === undefined ? EMPTY : { type: 'count', count: row.outputTokens };
    case 'budget':
      return row.budgetUsd == null ? EMPTY : { type: 'usd', usd: row.budgetUsd };
    case 'variance':
      return row.varianceUsd == null ? EMPTY : { type: 'variance', usd: row.varianceUsd };
    case 'status':
      return row.status === undefined ? EMPTY : { type: 'status', status: row.status };
    case 'action': {
      const tier = dimension === 'feature' || dimension === 'team' ? dimension : undefined;
      const action = tier && row.status ? tierAction(tier, row.status) : undefined;
      return action === undefined ? EMPTY : { type: 'action', action };
    }
    case 'outlier':
      return row.outlier === undefined ? EMPTY : { type: 'outlier', outlier: row.outlier };
  }
}

/** Totals row: the report totals (runs are not summed: a run can span several groups). */
function totalCells(columns: readonly Column[], result: ReportResult, rows: readonly AnyRow[]): Cell[] {
  const { totals } = result;
  return columns.map((column): Cell => {
    switch (column.id) {
      case 'key':
        return { type: 'text', text: 'Total' };
      case 'cost':
        return { type: 'usd', usd: totals.costUsd };
      case 'share':
        return { type: 'pct', pct: totals.costUsd === 0 ? 0 : 100 };
      case 'steps':
        return { type: 'count', count: totals.steps };
      case 'runs':
        return { type: 'count', count: totals.runs };
      case 'costPerRun':
        return totals.runs ? { type: 'usd', usd: totals.costUsd / totals.runs } : EMPTY;
      case 'inputTokens':
      case 'outputTokens': {
        const field = column.id;
        return { type: 'count', count: rows.reduce((sum, row) => sum + (row[field] ?? 0), 0) };
      }
      default:
        return EMPTY;
    }
  });
}

/** The sections `by` asks for (default: feature, team, tenant, model), rows sorted costliest first. */
export function buildSections(result: ReportResult, by: readonly Dimension[] = allocationMoved(result) ? [...DEFAULT_SECTIONS, 'chargeback'] : DEFAULT_SECTIONS): Section[] {
  return by.map((dimension) => {
    if (dimension === 'chargeback') return chargebackSection(result, sectionColumns('chargeback'));
    const columns = sectionColumns(dimension);
    const source = rowsOf(result, dimension);
    const rows = [...source]
      .sort(compareGroups)
      .map((row) => columns.map((column) => cellOf(column.id, row, dimension, result.totals.costUsd)));
    return { dimension, title: `By ${TITLES[dimension].toLowerCase()}`, columns, rows, total: totalCells(columns, result, source) };
  });
}

// ---------------------------------------------------------------------------------------------
// Numbers in words

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 1234567 -> `1,234,567`. */
export function formatCount(n: number): string {
  return grouped.format(n);
}


/** Variance with its sign: `+$12.00` over budget, `-$3.50` under. */
export function formatVariance(usd: number): string {
  return usd > 0 ? `+${formatUsd(usd)}` : formatUsd(usd);
}

/** `12.3%`; shares that would round to `0.0%` or `100.0%` without being so read `<0.1%`, `>99.9%`. */
export function formatPct(pct: number): string {
  if (pct > 0 && pct < 0.05) return '<0.1%';
  if (pct < 100 && pct >= 99.95) return '>99.9%';
  return `${pct.toFixed(1)}%`;
}

/** `1 unpriced step`, `3 unpriced steps`, with the count grouped. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}

/** A plain decimal for machines: no exponent, at most 6 decimals, no trailing zeros (`1234.5`). */
export function plainDecimal(n: number, decimals = 6): string {
  const fixed = n.toFixed(decimals);
  const trimmed = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}


// ---------------------------------------------------------------------------------------------
// The unattributed line, tools, flags

export interface UnattributedLine {
  costUsd: number;
  pct: number;
  /** Unattributed cost by reason. */
  missing: number;
  unknownValue: number;
  conflict: number;
  /** Feature values not in the registry, costliest first. */
  unknownValues: { value: string; costUsd: number; steps: number }[];
  /** The `unattributed` flag when the share breaches `org.unattributed_max_pct`. */
  breach: Flag | undefined;
}

export function unattributedLine(result: ReportResult): UnattributedLine {
  const { totals } = result;
  return {
    costUsd: totals.unattributedCostUsd,
    pct: totals.unattributedPct,
    missing: totals.unattributed.missing,
    unknownValue: totals.unattributed.unknownValue,
    conflict: totals.unattributed.conflict,
    unknownValues: [...(result.unattributed.find((row) => row.bucket === 'unknown-value')?.values ?? [])].sort((a, b) =>
      compareGroups({ key: a.value, costUsd: a.costUsd }, { key: b.value, costUsd: b.costUsd }),
    ),
    breach: result.flags.find((flag) => flag.kind === 'unattributed'),
  };
}

/** Tools costliest first, each tool's consumers costliest first, `(unattributed)` last. */
export function sortedTools(result: ReportResult): ToolRow[] {
  const byCost = (a: ToolRow, b: ToolRow) => compareGroups({ key: a.tool, costUsd: a.costUsd }, { key: b.tool, costUsd: b.costUsd });
  return [...result.tools].sort(byCost).map((tool) => ({
    ...tool,
    consumers: [...tool.consumers].sort((a, b) => compareGroups({ key: a.feature, costUsd: a.costUsd }, { key: b.feature, costUsd: b.costUsd })),
  }));
}

const TOOL_PRICE_LABELS = { record: 'own cost', table: 'table', fallback: 'catalogue', unpriced: 'unpriced' } as const;

/**
 * How a tool's steps were priced, one plain-text line per way (`table tools.vector-search:
 * 1,200 steps $0.48`), most steps first; the formatters escape the entry (it is from a pricing
 * file) like any other text. Results written before tool pricing have no `pricing`.
 */
export function toolPricingLines(tool: ToolRow): string[] {
  return (tool.pricing ?? []).map((p) => {
    const entry = p.entry === null ? '' : ` ${p.entry}`;
    const cost = p.kind === 'unpriced' ? '$0' : formatUsd(p.costUsd);
    return `${TOOL_PRICE_LABELS[p.kind]}${entry}: ${formatCount(p.steps)} ${p.steps === 1 ? 'step' : 'steps'}, ${cost}`;
  });
}

/** Flag kinds in order of urgency; kinds the core adds later sort after these, by name. */
const FLAG_ORDER = [
  'global-cap',
  'hard-cap',
  'over-budget',
  'projected-over',
  'unattributed',
  'near-budget',
  'outlier-tenant',
  'feature-team-mismatch',
  'unpriced',
  'conflicting-tags',
  'environment-mixing',
];
const CRITICAL_FLAGS = new Set(['global-cap', 'hard-cap', 'over-budget']);

/** Critical flags are spend over a cap; every other flag is a warning. */
export function flagSeverity(kind: string): 'critical' | 'warning' {
  return CRITICAL_FLAGS.has(kind) ? 'critical' : 'warning';
}

function compareFlags(a: Flag, b: Flag): number {
  const rank = (kind: string) => {
    const i = FLAG_ORDER.indexOf(kind);
    return i === -1 ? FLAG_ORDER.length : i;
  };
  return rank(a.kind) - rank(b.kind) || compareNames(a.kind, b.kind) || compareNames(a.scope, b.scope) || compareNames(a.key, b.key);
}

/** All flags of one kind about runs, counted, with the first few run ids as examples. */
export interface RunFlagGroup {
  kind: string;
  count: number;
  /** Up to `sampleSize` run ids, sorted. */
  sample: string[];
}

export interface FlagSummary {
  /** Flags about features, teams, the org, tenants, models: one line each, most urgent first. */
  flags: Flag[];
  /** Flags about runs (there can be thousands): one group per kind. */
  runGroups: RunFlagGroup[];
  total: number;
}

/** Summarise flags for humans: run flags by kind with counts (JSON lists them all). */
export function summariseFlags(flags: readonly Flag[], sampleSize: number): FlagSummary {
  const sorted = [...flags].sort(compareFlags);
  const groups = new Map<string, RunFlagGroup>();
  const individual: Flag[] = [];
  for (const flag of sorted) {
    if (flag.scope !== 'run') {
      individual.push(flag);
      continue;
    }
    const group = groups.get(flag.kind) ?? { kind: flag.kind, count: 0, sample: [] };
    group.count += 1;
    if (group.sample.length < sampleSize) group.sample.push(flag.key);
    groups.set(flag.kind, group);
  }
  return { flags: individual, runGroups: [...groups.values()], total: flags.length };
}
