/**
 * The building blocks of the report view (report-view.ts): typed cells, columns, rows and sections,
 * and the helpers section builders make them with. No imports of builders here, so every builder
 * can import this module.
 */
import type { BudgetStatus, ReportResult } from '../report/types.js';

export type ViewCell =
  | { type: 'text'; text: string }
  | { type: 'money'; usd: number }
  /** Money with its sign (variance, change, allocation): `+$12.00`; positive is more spend. */
  | { type: 'signed-money'; usd: number }
  /** null: not defined (a share of nothing); `signed`: a change (`+98.8%`). */
  | { type: 'percent'; pct: number | null; signed?: boolean }
  | { type: 'count'; count: number }
  /** A budget status; `projected`: the month-end forecast goes over. */
  | { type: 'status'; status: BudgetStatus; projected?: boolean }
  /** What a tier's cap demands, and whom to go to (the owner's email from the taxonomy). */
  | { type: 'action'; action: string; owner?: string }
  | { type: 'outlier'; outlier: boolean }
  /** Several lines in one cell (a tool's consumers); each line is text from logs. */
  | { type: 'list'; items: string[] }
  | { type: 'empty' };

export interface ViewColumn {
  id: string;
  /** Heading in table, markdown and html. */
  label: string;
  /** Heading in csv: snake_case, with the unit. */
  csv: string;
  align: 'left' | 'right';
  /** The "… N more" row shows the sum of the hidden rows in this column (else nothing). */
  summable: boolean;
  /** When a terminal is too narrow, columns of the lowest priority go first; 10 is never dropped. */
  priority: number;
}

export interface ViewRow {
  /** `more`: the hidden rows folded into one (key cell `… N more features`); `total`: the totals. */
  kind: 'row' | 'more' | 'total';
  cells: ViewCell[];
}

export interface ViewSection {
  /** The `--by` name, or `tools`, `reconciliation`, `comparison-feature`, `comparison-team`, `month:feature`... */
  id: string;
  /** The `--by` name a section answers when its id is not that name (`month` for `month:feature` and `month:team`). */
  dimension?: string;
  title: string;
  /** Lines under the title (what the figures mean); may hold strings from input files. */
  notes: string[];
  columns: ViewColumn[];
  /** Shown rows, then at most one `more` row, then at most one `total` row. */
  rows: ViewRow[];
  /** Singular noun of a row, for `… 3 more features`. */
  noun: string;
  /** How many rows the `more` row folds in (0: nothing hidden). */
  hidden: number;
  /** What to print when the section has no rows. */
  emptyText?: string;
}

/** The taxonomy's owners (email or name), by feature and by team. */
export interface Owners {
  features: ReadonlyMap<string, string>;
  teams: ReadonlyMap<string, string>;
}

/** What a section builder gets. */
export interface SectionContext {
  result: ReportResult;
  owners: Owners | undefined;
  /** `scope\0key` of every forecast row projected over budget. */
  projectedOver: ReadonlySet<string>;
}

/** A section, or several for one `--by` name (a series: features and teams). */
export type SectionBuilder = (ctx: SectionContext) => ViewSection | ViewSection[];

const CRITICAL_FLAGS = new Set(['global-cap', 'hard-cap', 'over-budget']);

/** Critical flags are spend over a cap; every other flag is a warning. */
export function flagSeverity(kind: string): 'critical' | 'warning' {
  return CRITICAL_FLAGS.has(kind) ? 'critical' : 'warning';
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

// ---------------------------------------------------------------------------------------------
// Helpers for section builders

export const EMPTY: ViewCell = { type: 'empty' };
export const text = (value: string): ViewCell => ({ type: 'text', text: value });
export const money = (usd: number | null | undefined): ViewCell => (usd == null ? EMPTY : { type: 'money', usd });
export const signedMoney = (usd: number | null | undefined): ViewCell => (usd == null ? EMPTY : { type: 'signed-money', usd });
export const percent = (pct: number | null | undefined): ViewCell => (pct === undefined ? EMPTY : { type: 'percent', pct });
export const count = (n: number | null | undefined): ViewCell => (n == null ? EMPTY : { type: 'count', count: n });

/** A column; right-aligned and summable when `numeric`, priority 5 unless said. */
export function column(id: string, label: string, csv: string, kind: 'key' | 'text' | 'sum' | 'number', priority = 5): ViewColumn {
  return {
    id,
    label,
    csv,
    align: kind === 'sum' || kind === 'number' ? 'right' : 'left',
    summable: kind === 'sum',
    priority: kind === 'key' ? 10 : priority,
  };
}
