import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { BudgetStatus } from '../report/types.js';
import { type ReportFormatter, type ReportView, type ViewCell, type ViewSection, buildReportView } from './report-view.js';
import { countOf, formatCount, formatMoney, formatPct, formatSignedMoney, formatSignedPct, sharePct } from './numbers.js';
import { sanitizeInline } from '../util/terminal.js';
import { maxOf } from '../util/arrays.js';
import { MAX_TABLE_ROWS, pushRows } from './table-rows.js';
import { fitColumns, wrapCell, wrapLine } from './terminal-fit.js';

/** Rows per section and flags listed without `--top` / `--all`. */
export const DEFAULT_TABLE_TOP = 20;
/** Unknown feature values named on the unattributed line; the rest are counted. */
const UNKNOWN_VALUE_SAMPLE = 5;

/**
 * The terminal report: a header with the period and totals, the unattributed line (always, even at
 * $0), one table per section of the report view with its totals row, the org budget and the flags.
 * It only renders the view (report-view.ts); every string from a log goes through sanitizeInline.
 */
export const format: ReportFormatter = (result, options) => {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const view = buildReportView(result, { ...options, top: options.top ?? DEFAULT_TABLE_TOP });
  const width = options.columns;
  const blocks = [header(view, c), unattributed(view, c), ...view.sections.map((section) => sectionTable(section, c, width)), org(view, c), flags(view, c), cutLine(view, c)];
  return `${blocks
    .filter((block) => block.length > 0)
    .map((block) => (width === undefined ? block : fitLines(block, width)))
    .join('\n\n')}\n`;
};

function header(view: ReportView, c: ChalkInstance): string {
  const { totals, period } = view;
  const facts = [
    c.bold(formatMoney(totals.costUsd)),
    countOf(totals.steps, 'step'),
    countOf(totals.runs, 'run'),
    `attributed ${formatMoney(totals.attributedCostUsd)} (${formatPct(sharePct(totals.attributedCostUsd, totals.costUsd))})`,
    ...view.notices.map((notice) => (notice.warn ? c.yellow(notice.text) : notice.text)),
  ];
  const warnings = view.warnings.map((w) => `\n${c.yellow(`warning: ${sanitizeInline(w.message)}`)}`);
  return `${c.bold('attrib report')}  ${sanitizeInline(period.from)} to ${sanitizeInline(period.to)}\n${facts.join(' · ')}${warnings.join('')}`;
}

function unattributed(view: ReportView, c: ChalkInstance): string {
  const line = view.unattributed;
  const buckets = `missing ${formatMoney(line.missing)} · unknown value ${formatMoney(line.unknownValue)} · conflict ${formatMoney(line.conflict)}`;
  const head = `Unattributed: ${formatMoney(line.costUsd)} (${formatPct(line.pct)})`;
  const lines =
    line.breach === undefined
      ? [`${line.costUsd > 0 ? c.yellow(head) : c.green(head)}  ${c.dim(buckets)}`]
      : [`${c.red.bold(head)}  ${buckets}`, c.red(`  breaches org.unattributed_max_pct: ${sanitizeInline(line.breach.message)}`)];
  if (line.unknownValues.length > 0) {
    const shown = line.unknownValues.slice(0, UNKNOWN_VALUE_SAMPLE).map((v) => `${sanitizeInline(v.value)} ${formatMoney(v.costUsd)}`);
    const more = line.unknownValues.length - shown.length + line.hiddenValues;
    lines.push(`  unknown feature values: ${shown.join(', ')}${more > 0 ? `, ... (${formatCount(more)} more)` : ''}`);
  }
  return lines.join('\n');
}

const STATUS_STYLE: Readonly<Record<BudgetStatus, (c: ChalkInstance) => ChalkInstance>> = {
  under: (c) => c.green,
  near: (c) => c.yellow,
  over: (c) => c.red.bold,
  'no-budget': (c) => c.dim,
};

function status(value: BudgetStatus, c: ChalkInstance): string {
  return STATUS_STYLE[value](c)(value);
}

function cellText(cell: ViewCell, c: ChalkInstance): string {
  switch (cell.type) {
    case 'text':
      return sanitizeInline(cell.text);
    case 'money':
      return formatMoney(cell.usd);
    case 'signed-money':
      return cell.usd > 0 ? c.red(formatSignedMoney(cell.usd)) : formatSignedMoney(cell.usd);
    case 'percent':
      return cell.signed && cell.pct !== null ? formatSignedPct(cell.pct) : formatPct(cell.pct);
    case 'count':
      return formatCount(cell.count);
    case 'status':
      return cell.projected ? `${status(cell.status, c)}, ${c.red('projected over')}` : status(cell.status, c);
    case 'action':
      return cell.owner === undefined ? c.red(cell.action) : `${c.red(cell.action)}: ${sanitizeInline(cell.owner)}`;
    case 'outlier':
      return cell.outlier ? c.yellow('outlier') : '';
    case 'list':
      return cell.items.map(sanitizeInline).join('\n');
    case 'empty':
      return '';
  }
}

/**
 * Lines of text wrapped to the terminal (table lines are already fitted: left alone), continuation
 * lines indented under the text they continue.
 */
function fitLines(block: string, width: number): string {
  return block
    .split('\n')
    .map((line) => (/^[┌│├└]/.test(line) ? line : wrapLine(line, width, (/^ */.exec(line)?.[0].length ?? 0) + 2)))
    .join('\n');
}

function sectionTable(section: ViewSection, c: ChalkInstance, width: number | undefined): string {
  const title = c.bold(sanitizeInline(section.title));
  const notes = section.notes.map((note) => c.dim(sanitizeInline(note)));
  if (section.rows.length === 0) return [title, ...notes, section.emptyText ?? 'None.'].join('\n');
  const style = (kind: string) => (kind === 'total' ? c.bold : kind === 'more' ? c.dim : (s: string) => s);
  const body = section.rows.filter((row) => row.kind !== 'total');
  const totals = section.rows.filter((row) => row.kind === 'total');
  const texts = (row: ViewSection['rows'][number]) => row.cells.map((cell) => style(row.kind)(cellText(cell, c)));
  const head = section.columns.map((column) => c.bold(column.label));
  // Measuring every row of a long section costs little next to printing it (at most MAX_TABLE_ROWS).
  const fit = width === undefined ? undefined : fitColumns(section.columns, [head, ...body.slice(0, MAX_TABLE_ROWS).map(texts), ...totals.map(texts)], width);
  const keep = fit?.keep ?? section.columns.map((_, i) => i);
  const pick = <T>(list: readonly T[]) => keep.map((i) => list[i]!);
  const table = new Table({
    head: pick(head),
    colAligns: pick(section.columns).map((column) => column.align),
    style: { head: [], border: [], compact: true },
  });
  const widths = fit?.widths;
  const shown = (row: ViewSection['rows'][number]) => (widths ? pick(texts(row)).map((text, i) => wrapCell(text, widths[i]!)) : pick(texts(row)));
  pushRows(table, body, shown, keep.length);
  for (const row of totals) table.push(shown(row));
  const dropped = section.columns.filter((_, i) => !keep.includes(i)).map((column) => column.label);
  const droppedNote = dropped.length === 0 ? [] : [c.dim(`Left out to fit ${width} columns: ${dropped.join(', ')} (a wider terminal or --format json shows them).`)];
  return [title, ...notes, table.toString(), ...droppedNote].join('\n');
}

function org(view: ReportView, c: ChalkInstance): string {
  const { org } = view;
  const parts = [`${c.bold('Org')}: ${formatMoney(org.costUsd)}`];
  if (org.budgetUsd !== null) parts.push(`budget ${formatMoney(org.budgetUsd)}`);
  if (org.varianceUsd !== null) parts.push(`variance ${formatSignedMoney(org.varianceUsd)}`);
  parts.push(status(org.status, c));
  if (org.action !== undefined) parts.push(c.red.bold(org.action));
  return parts.join(' · ');
}

function flags(view: ReportView, c: ChalkInstance): string {
  const { flags } = view;
  if (flags.total === 0) return `${c.bold('Flags')}: none`;
  const width = Math.max(maxOf(flags.items, (flag) => sanitizeInline(flag.kind).length), maxOf(flags.runGroups, (group) => sanitizeInline(group.kind).length));
  const kind = (name: string, severity: 'critical' | 'warning') => {
    const text = sanitizeInline(name);
    return (severity === 'critical' ? c.red : c.yellow)(text) + ' '.repeat(width - text.length);
  };
  const lines = [c.bold(`Flags (${formatCount(flags.total)})`)];
  for (const flag of flags.items) {
    const subject = flag.key === flag.scope ? flag.key : `${flag.scope} ${flag.key}`;
    const owner = flag.owner === undefined ? '' : ` (owner ${sanitizeInline(flag.owner)})`;
    lines.push(`  ${kind(flag.kind, flag.severity)}  ${sanitizeInline(subject)}: ${sanitizeInline(flag.message)}${owner}`);
  }
  if (flags.hidden > 0) lines.push(c.dim(`  … ${formatCount(flags.hidden)} more ${flags.hidden === 1 ? 'flag' : 'flags'}`));
  for (const group of flags.runGroups) {
    const more = group.count > group.sample.length ? `, ... (${formatCount(group.count - group.sample.length)} more)` : '';
    const sample = group.sample.map((id) => sanitizeInline(id)).join(', ');
    lines.push(`  ${kind(group.kind, 'warning')}  ${countOf(group.count, 'run')}: ${sample}${more}`);
  }
  return lines.join('\n');
}

/** What the caps left out, and how to see it. */
function cutLine(view: ReportView, c: ChalkInstance): string {
  if (view.cut.length === 0) return '';
  return c.dim(`Showing the top ${formatCount(view.top)} rows of each section; not shown: ${view.cut.map((cut) => cut.what).join(', ')} (--top N or --all shows more; --format json has every row).`);
}
