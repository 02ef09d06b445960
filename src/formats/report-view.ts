/**
 * The report as every human format shows it: one view model built once from a ReportResult, which
 * table, markdown, html and csv only render. Sections, rows and cells are typed (money, percent,
 * count, text, status...), rows are sorted and capped here, and the "… N more" row that keeps the
 * totals exact is made here, so the formats cannot disagree on what they say.
 *
 * How to add a section (for example tenant economics):
 *  1. Write a SectionBuilder, `(ctx) => ViewSection`, in a module of its own (chargeback-section.ts
 *     is one): every row, sorted (costliest first), made with the column and cell helpers of
 *     report-cells.ts (`column`, `text`, `money`, `count`, `percent`...). Mark a column `summable`
 *     (`column(..., 'sum')`) when the hidden rows' sum means something (cost, steps, shares; not
 *     runs, which span groups, nor ratios), and give it a priority (lower is dropped first on a
 *     narrow terminal). End with a `total` row when one means something.
 *  2. Add it to SECTION_BUILDERS under its `--by` name. The key order is the order `--by` lists and
 *     the HTML page shows (sections the page does not place itself come after the models, one
 *     page section each); DEFAULT_SECTIONS says which table and markdown show without `--by`.
 *  3. That is all: the caps, the "… N more" row, terminal width, escaping and every format follow
 *     (csv writes its rows, its columns after the group-by ones, by their `csv` names).
 *     A section no format should offer under `--by` (tools, invoice, comparison) is built by
 *     buildReportView itself, below.
 *
 * Every `text` cell and every note may hold strings from logs: renderers escape them. Money is
 * `number` USD as in the JSON result; sums across rows are done in integer micro-dollars.
 */
import type { BudgetStatus, Flag, ReportResult } from '../report/types.js';
import type { FormatOptions } from './types.js';
import {
  type Owners,
  type SectionBuilder,
  type SectionContext,
  type ViewCell,
  type ViewColumn,
  type ViewRow,
  type ViewSection,
  EMPTY,
  flagSeverity,
  text,
  tierAction,
} from './report-cells.js';
import { parseNameList } from '../util/name-list.js';
import { formatCount } from './numbers.js';
import { dimensionSection, toolsSection, unattributedLine, summariseFlags, type UnattributedLine, type RunFlagGroup } from './report-sections.js';
import { allocationMoved, chargebackSection } from './chargeback-section.js';
import { callSiteSection } from './call-site-section.js';
import { hasTenantRevenue, tenantEconomicsSection, tenantFeatureSection, tenantModelSection } from './tenant-sections.js';
import { comparisonSections, reconciliationSection } from './report-blocks.js';
import { pricingTermsFact } from './pricing-terms.js';
import { seriesSections } from './series-sections.js';

export interface ViewFlag {
  severity: 'critical' | 'warning';
  kind: string;
  scope: string;
  key: string;
  message: string;
  /** Whom the flag goes to (a feature's or team's owner), when the taxonomy names one. */
  owner?: string;
}

export interface ReportView {
  period: { from: string; to: string };
  totals: ReportResult['totals'];
  /** Counts worth a warning in the header (unpriced steps...), in reading order. */
  notices: { text: string; warn: boolean }[];
  warnings: { message: string; hint: string }[];
  unattributed: UnattributedLine & { hiddenValues: number };
  /** In reading order: invoice, the `--by` sections, the comparison, tools. */
  sections: ViewSection[];
  org: { costUsd: number; budgetUsd: number | null; varianceUsd: number | null; status: BudgetStatus; action?: string; owner?: string };
  flags: { total: number; items: ViewFlag[]; hidden: number; runGroups: RunFlagGroup[] };
  /** How many rows each capped part left out, for a format's "what was cut" line (empty: nothing cut). */
  cut: { what: string; hidden: number }[];
  /** The cap used (Infinity: all rows). */
  top: number;
}

/** What the report command passes to table, markdown, html and csv. */
export interface ReportFormatOptions extends FormatOptions, ViewOptions {}

export type ReportFormatter = (result: ReportResult, options: ReportFormatOptions) => string;

export interface ViewOptions {
  /** The `--by` sections, in this order (default: DEFAULT_SECTIONS, plus chargeback when an allocation moved spend). */
  by?: readonly Dimension[];
  /** Rows shown per section and flags listed (the rest fold into a "… N more" row); Infinity: all. */
  top?: number;
  /** Run ids named per kind of run flag. */
  runSample?: number;
  owners?: Owners;
}

// ---------------------------------------------------------------------------------------------
// The registry of `--by` sections

const SECTION_BUILDERS = {
  feature: (ctx) => dimensionSection(ctx, 'feature'),
  team: (ctx) => dimensionSection(ctx, 'team'),
  tenant: (ctx) => dimensionSection(ctx, 'tenant'),
  workload_class: (ctx) => dimensionSection(ctx, 'workload_class'),
  environment: (ctx) => dimensionSection(ctx, 'environment'),
  model: (ctx) => dimensionSection(ctx, 'model'),
  chargeback: (ctx) => chargebackSection(ctx.result),
  'tenant:revenue': (ctx) => tenantEconomicsSection(ctx.result),
  'tenant:feature': (ctx) => tenantFeatureSection(ctx.result),
  'tenant:model': (ctx) => tenantModelSection(ctx.result),
  call_site: (ctx) => callSiteSection(ctx.result),
  day: (ctx) => seriesSections(ctx.result, 'day'),
  week: (ctx) => seriesSections(ctx.result, 'week'),
  month: (ctx) => seriesSections(ctx.result, 'month'),
} satisfies Record<string, SectionBuilder>;

export type Dimension = keyof typeof SECTION_BUILDERS;
/** The `--by` names, in the order of the registry. */
export const DIMENSIONS = Object.keys(SECTION_BUILDERS) as Dimension[];

/** Sections of `table` and `markdown` without `--by` (and `chargeback` when an allocation rule moved spend, `tenant:revenue` when a tenant has a contract). */
export const DEFAULT_SECTIONS: readonly Dimension[] = ['feature', 'team', 'tenant', 'model'];

/**
 * Parse `--by` values (repeatable and/or comma-separated: `--by feature,team --by model`) into
 * dimensions, first occurrence order, duplicates dropped. Unknown names are a usage error (exit 2)
 * that lists the valid names.
 */
export function parseDimensions(input: string | readonly string[]): Dimension[] {
  return parseNameList(input, DIMENSIONS, '--by', 'dimension');
}

/** The default `--by` of a result: DEFAULT_SECTIONS, and the chargeback once an allocation moved spend. */
export function defaultSections(result: ReportResult): Dimension[] {
  const sections: Dimension[] = [...DEFAULT_SECTIONS];
  if (hasTenantRevenue(result)) sections.splice(sections.indexOf('tenant') + 1, 0, 'tenant:revenue');
  if (allocationMoved(result)) sections.push('chargeback');
  return sections;
}

// ---------------------------------------------------------------------------------------------
// Building

export type { Owners, SectionBuilder, SectionContext, ViewCell, ViewColumn, ViewRow, ViewSection };

const RUN_SAMPLE = 3;

export function buildReportView(result: ReportResult, options: ViewOptions = {}): ReportView {
  const top = options.top ?? Infinity;
  const ctx: SectionContext = {
    result,
    owners: options.owners,
    projectedOver: new Set((result.forecast ?? []).filter((f) => f.projectedOver).map((f) => `${f.scope}\u0000${f.key}`)),
  };
  const sections: ViewSection[] = [];
  if (result.reconciliation) sections.push(reconciliationSection(result.reconciliation));
  for (const dimension of options.by ?? defaultSections(result)) sections.push(...[SECTION_BUILDERS[dimension](ctx)].flat());
  if (result.comparison) sections.push(...comparisonSections(result.comparison));
  const tools = toolsSection(result);
  if (tools) sections.push(tools);
  const capped = sections.map((section) => capSection(section, top));

  const line = unattributedLine(result);
  const shownValues = Math.min(line.unknownValues.length, top);
  const summary = summariseFlags(result.flags, options.runSample ?? RUN_SAMPLE);
  const items = summary.flags.slice(0, top).map((flag) => viewFlag(flag, ctx.owners));
  const cut = capped.filter((s) => s.hidden > 0).map((s) => ({ what: plural(s.hidden, s.noun), hidden: s.hidden }));
  if (summary.flags.length > items.length) cut.push({ what: plural(summary.flags.length - items.length, 'flag'), hidden: summary.flags.length - items.length });
  if (line.unknownValues.length > shownValues) {
    cut.push({ what: plural(line.unknownValues.length - shownValues, 'unknown feature value'), hidden: line.unknownValues.length - shownValues });
  }

  const { totals, org } = result;
  const notices: ReportView['notices'] = [];
  const terms = pricingTermsFact(totals);
  if (terms !== null) notices.push({ text: terms, warn: false });
  if (totals.unpricedSteps > 0) notices.push({ text: plural(totals.unpricedSteps, 'unpriced step'), warn: true });
  if (totals.skippedLines > 0) notices.push({ text: plural(totals.skippedLines, 'skipped line'), warn: true });
  // Results written before failed requests were counted have no such field.
  const failed = result.inputs?.failedRequests ?? 0;
  if (failed > 0) notices.push({ text: `${plural(failed, 'failed request')} (not billed)`, warn: false });
  const outside = result.inputs?.outsidePeriod ?? 0;
  if (outside > 0) notices.push({ text: `${plural(outside, 'step')} outside the period, left out`, warn: false });

  const orgAction = tierAction('org', org.status);
  return {
    period: result.period,
    totals,
    notices,
    warnings: result.warnings.map((w) => ({ message: w.message, hint: w.hint })),
    unattributed: { ...line, unknownValues: line.unknownValues.slice(0, shownValues), hiddenValues: line.unknownValues.length - shownValues },
    sections: capped,
    org: { costUsd: org.costUsd, budgetUsd: org.budgetUsd, varianceUsd: org.varianceUsd, status: org.status, ...(orgAction ? { action: orgAction } : {}) },
    flags: { total: summary.total, items, hidden: summary.flags.length - items.length, runGroups: summary.runGroups },
    cut,
    top,
  };
}

/** `feature` or `features`, `workload class` or `workload classes`. */
function nounOf(count: number, noun: string): string {
  return count === 1 ? noun : noun.endsWith('s') ? `${noun}es` : `${noun}s`;
}

/** `1 feature`, `4,990 tenants`. */
export function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${nounOf(count, noun)}`;
}

function viewFlag(flag: Flag, owners: Owners | undefined): ViewFlag {
  const owner = flag.scope === 'feature' ? owners?.features.get(flag.key) : flag.scope === 'team' ? owners?.teams.get(flag.key) : undefined;
  return { severity: flagSeverity(flag.kind), kind: flag.kind, scope: flag.scope, key: flag.key, message: flag.message, ...(owner ? { owner } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Caps: the top rows, then one row for the rest that keeps every summable column exact

/** The first `top` rows of a section, the rest folded into one `… N more` row before the totals. */
export function capSection(section: ViewSection, top: number): ViewSection {
  const body = section.rows.filter((row) => row.kind === 'row');
  if (body.length <= top) return section;
  const shown = body.slice(0, Math.max(0, top));
  const rest = body.slice(shown.length);
  const more: ViewRow = {
    kind: 'more',
    cells: section.columns.map((column, i) => (i === 0 ? text(`… ${formatCount(rest.length)} more ${nounOf(rest.length, section.noun)}`) : sumCells(column, rest.map((row) => row.cells[i]!)))),
  };
  const totals = section.rows.filter((row) => row.kind === 'total');
  return { ...section, rows: [...shown, more, ...totals], hidden: rest.length };
}

function sumCells(column: ViewColumn, cells: readonly ViewCell[]): ViewCell {
  if (!column.summable || cells.length === 0) return EMPTY;
  const first = cells.find((cell) => cell.type !== 'empty');
  if (first === undefined) return EMPTY;
  switch (first.type) {
    case 'money':
    case 'signed-money': {
      let micros = 0n;
      for (const cell of cells) if (cell.type === first.type) micros += BigInt(Math.round(cell.usd * 1e6));
      return { type: first.type, usd: Number(micros) / 1e6 };
    }
    case 'count':
      return { type: 'count', count: cells.reduce((sum, cell) => sum + (cell.type === 'count' ? cell.count : 0), 0) };
    case 'percent':
      return { type: 'percent', pct: cells.reduce((sum, cell) => sum + (cell.type === 'percent' ? (cell.pct ?? 0) : 0), 0) };
    default:
      return EMPTY;
  }
}

