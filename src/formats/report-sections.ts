/**
 * The section builders of the report view (report-view.ts) for the group-by dimensions, the tools
 * section, the unattributed line and the flag summary: which columns each section has, its typed
 * cells, its order (costliest first, buckets last) and its totals row.
 */
import type { BudgetStatus, Flag, ReportResult, ToolRow } from '../report/types.js';
import { formatCount, formatMoney, sharePct } from './numbers.js';
import {
  type SectionContext,
  type ViewCell,
  type ViewColumn,
  type ViewRow,
  type ViewSection,
  EMPTY,
  column,
  count,
  money,
  percent,
  signedMoney,
  text,
  tierAction,
} from './report-cells.js';

/** The group-by dimensions built from one `by*` list of the result. */
export type GroupDimension = 'feature' | 'team' | 'tenant' | 'workload_class' | 'environment' | 'model';

/** Every column of the group-by sections, in csv order (a section uses a subsequence). */
export const COLUMNS = {
  key: column('key', 'Key', 'key', 'key'),
  team: column('team', 'Team', 'team', 'text', 6),
  cost: column('cost', 'Cost', 'cost_usd', 'sum', 9),
  share: column('share', 'Share', 'share_pct', 'sum', 6),
  steps: column('steps', 'Steps', 'steps', 'sum', 3),
  runs: column('runs', 'Runs', 'runs', 'number', 3),
  costPerRun: column('costPerRun', 'Cost/run', 'cost_per_run_usd', 'number', 4),
  inputTokens: column('inputTokens', 'Input tokens', 'input_tokens', 'sum', 2),
  outputTokens: column('outputTokens', 'Output tokens', 'output_tokens', 'sum', 2),
  budget: column('budget', 'Budget', 'budget_usd', 'number', 5),
  variance: column('variance', 'Variance', 'variance_usd', 'number', 4),
  status: column('status', 'Status', 'status', 'text', 8),
  action: column('action', 'Action', 'action', 'text', 7),
  outlier: column('outlier', 'Outlier', 'outlier', 'text', 6),
} satisfies Record<string, ViewColumn>;
type ColumnId = keyof typeof COLUMNS;

const TITLES: Readonly<Record<GroupDimension, string>> = {
  feature: 'Feature',
  team: 'Team',
  tenant: 'Tenant',
  workload_class: 'Workload class',
  environment: 'Environment',
  model: 'Model',
};

const BUDGET_COLUMNS: readonly ColumnId[] = ['budget', 'variance', 'status', 'action'];
const SECTION_COLUMNS: Readonly<Record<GroupDimension, readonly ColumnId[]>> = {
  feature: ['key', 'team', 'cost', 'share', 'steps', 'runs', ...BUDGET_COLUMNS],
  team: ['key', 'cost', 'share', 'steps', 'runs', ...BUDGET_COLUMNS],
  tenant: ['key', 'cost', 'share', 'steps', 'runs', 'costPerRun', 'outlier'],
  workload_class: ['key', 'cost', 'share', 'steps', 'runs'],
  environment: ['key', 'cost', 'share', 'steps', 'runs'],
  model: ['key', 'cost', 'share', 'steps', 'inputTokens', 'outputTokens'],
};

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

function rowsOf(result: ReportResult, dimension: GroupDimension): readonly AnyRow[] {
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
  }
}

function cellOf(id: ColumnId, row: AnyRow, dimension: GroupDimension, ctx: SectionContext): ViewCell {
  switch (id) {
    case 'key':
      return text(row.key);
    case 'team':
      return row.team == null ? EMPTY : text(row.team);
    case 'cost':
      return money(row.costUsd);
    case 'share':
      return percent(sharePct(row.costUsd, ctx.result.totals.costUsd));
    case 'steps':
      return count(row.steps);
    case 'runs':
      return count(row.runs);
    case 'costPerRun':
      return row.runs ? money(row.costUsd / row.runs) : EMPTY;
    case 'inputTokens':
      return count(row.inputTokens);
    case 'outputTokens':
      return count(row.outputTokens);
    case 'budget':
      return money(row.budgetUsd);
    case 'variance':
      return signedMoney(row.varianceUsd);
    case 'status':
      if (row.status === undefined) return EMPTY;
      return ctx.projectedOver.has(`${dimension}\u0000${row.key}`) ? { type: 'status', status: row.status, projected: true } : { type: 'status', status: row.status };
    case 'action': {
      const tier = dimension === 'feature' || dimension === 'team' ? dimension : undefined;
      const action = tier && row.status ? tierAction(tier, row.status) : undefined;
      if (action === undefined) return EMPTY;
      const owner = dimension === 'feature' ? ctx.owners?.features.get(row.key) : ctx.owners?.teams.get(row.key);
      return owner ? { type: 'action', action, owner } : { type: 'action', action };
    }
    case 'outlier':
      return row.outlier === undefined ? EMPTY : { type: 'outlier', outlier: row.outlier };
  }
}

/** Totals row: the report totals (runs are not summed: a run can span several groups). */
function totalCells(ids: readonly ColumnId[], result: ReportResult, rows: readonly AnyRow[]): ViewCell[] {
  const { totals } = result;
  return ids.map((id): ViewCell => {
    switch (id) {
      case 'key':
        return text('Total');
      case 'cost':
        return money(totals.costUsd);
      case 'share':
        return percent(totals.costUsd === 0 ? 0 : 100);
      case 'steps':
        return count(totals.steps);
      case 'runs':
        return count(totals.runs);
      case 'costPerRun':
        return totals.runs ? money(totals.costUsd / totals.runs) : EMPTY;
      case 'inputTokens':
      case 'outputTokens':
        return count(rows.reduce((sum, row) => sum + (row[id] ?? 0), 0));
      default:
        return EMPTY;
    }
  });
}

/** One group-by section: every group, costliest first, and the totals row. */
export function dimensionSection(ctx: SectionContext, dimension: GroupDimension): ViewSection {
  const ids = SECTION_COLUMNS[dimension];
  const columns = ids.map((id) => (id === 'key' ? { ...COLUMNS.key, label: TITLES[dimension] } : COLUMNS[id]));
  const source = rowsOf(ctx.result, dimension);
  const rows: ViewRow[] = [...source].sort(compareGroups).map((row) => ({ kind: 'row', cells: ids.map((id) => cellOf(id, row, dimension, ctx)) }));
  rows.push({ kind: 'total', cells: totalCells(ids, ctx.result, source) });
  const noun = TITLES[dimension].toLowerCase();
  return { id: dimension, title: `By ${noun}`, notes: [], columns, rows, noun, hidden: 0 };
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
    // Older result files (before the core listed the buckets) have no `unattributed` list.
    unknownValues: [...((result.unattributed ?? []).find((row) => row.bucket === 'unknown-value')?.values ?? [])].sort((a, b) =>
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
    const cost = p.kind === 'unpriced' ? '$0' : formatMoney(p.costUsd);
    return `${TOOL_PRICE_LABELS[p.kind]}${entry}: ${formatCount(p.steps)} ${p.steps === 1 ? 'step' : 'steps'}, ${cost}`;
  });
}

/** Consumers listed per tool; the rest are summed in one line. */
const CONSUMERS_SHOWN = 10;

/** Tools and the features they are charged to (undefined when no step used a tool). */
export function toolsSection(result: ReportResult): ViewSection | undefined {
  const list = sortedTools(result);
  if (list.length === 0) return undefined;
  const columns = [
    column('tool', 'Tool', 'tool', 'key'),
    column('owner', 'Owner', 'owner', 'text', 4),
    column('cost', 'Cost', 'cost_usd', 'sum', 9),
    column('steps', 'Steps', 'steps', 'sum', 3),
    column('consumers', 'Consumers (charged)', 'consumers', 'text', 6),
    column('pricing', 'Priced by', 'priced_by', 'text', 2),
  ];
  const rows: ViewRow[] = list.map((tool) => {
    const consumers = tool.consumers.slice(0, CONSUMERS_SHOWN).map((c) => `${c.feature} ${formatMoney(c.costUsd)}`);
    const rest = tool.consumers.slice(CONSUMERS_SHOWN);
    if (rest.length > 0) {
      const micros = rest.reduce((sum, c) => sum + BigInt(Math.round(c.costUsd * 1e6)), 0n);
      consumers.push(`… ${formatCount(rest.length)} more ${formatMoney(Number(micros) / 1e6)}`);
    }
    return {
      kind: 'row',
      cells: [text(tool.tool), tool.owner === null ? EMPTY : text(tool.owner), money(tool.costUsd), count(tool.steps), { type: 'list', items: consumers }, { type: 'list', items: toolPricingLines(tool) }],
    };
  });
  return { id: 'tools', title: 'Tools', notes: ["Charged to the consuming feature, not the tool's owner."], columns, rows, noun: 'tool', hidden: 0 };
}

/** Flag kinds in order of urgency (global cap, hard cap, soft cap, projected, unattributed, then
 * warnings); kinds the core adds later sort after these, by name. Run flags come last, by kind. */
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
