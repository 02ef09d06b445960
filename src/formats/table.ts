import { Chalk, type ChalkInstance } from 'chalk';
import { pricingTermsFact } from './pricing-terms.js';
import Table from 'cli-table3';
import type { BudgetStatus, ReportResult } from '../report/types.js';
import {
  type Cell,
  type Column,
  type ReportFormatter,
  type Section,
  buildSections,
  countOf,
  flagSeverity,
  formatCount,
  formatPct,
  formatVariance,
  sharePct,
  sortedTools,
  toolPricingLines,
  summariseFlags,
  tierAction,
  unattributedLine,
} from './report-sections.js';
import { formatUsd } from '../util/money.js';
import { sanitizeInline } from '../util/terminal.js';
import { type Block, comparisonBlocks, reconciliationBlock } from './report-blocks.js';
import { maxOf } from '../util/arrays.js';
import { pushRows } from './table-rows.js';

/** Run ids shown per kind of run flag; the rest are counted (`--format json` lists them all). */
const RUN_FLAG_SAMPLE = 3;
/** Unknown feature values named on the unattributed line; the rest are counted. */
const UNKNOWN_VALUE_SAMPLE = 5;

/**
 * The terminal report: a header with the period and totals, the unattributed line (always, even at
 * $0), one table per `--by` section with a totals row, tools and their consumers, the org budget,
 * and the flags. Every string from a log goes through sanitizeInline.
 */
export const format: ReportFormatter = (result, options) => {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const blocks = [
    header(result, c),
    unattributed(result, c),
    ...(result.reconciliation ? [blockTable(reconciliationBlock(result.reconciliation), c)] : []),
    ...buildSections(result, options.by).map((section) => sectionTable(section, c)),
    tools(result, c),
    org(result, c),
    flags(result, c),
    ...(result.comparison ? comparisonBlocks(result.comparison).map((block) => blockTable(block, c)) : []),
  ];
  return `${blocks.filter((block) => block.length > 0).join('\n\n')}\n`;
};

function header(result: ReportResult, c: ChalkInstance): string {
  const { totals, period } = result;
  const facts = [
    c.bold(formatUsd(totals.costUsd)),
    countOf(totals.steps, 'step'),
    countOf(totals.runs, 'run'),
    `attributed ${formatUsd(totals.attributedCostUsd)} (${formatPct(sharePct(totals.attributedCostUsd, totals.costUsd))})`,
  ];
  const terms = pricingTermsFact(totals);
  if (terms !== null) facts.push(terms);
  if (totals.unpricedSteps > 0) facts.push(c.yellow(countOf(totals.unpricedSteps, 'unpriced step')));
  if (totals.skippedLines > 0) facts.push(c.yellow(countOf(totals.skippedLines, 'skipped line')));
  // Results written before failed requests were counted have no such field.
  if ((result.inputs?.failedRequests ?? 0) > 0) facts.push(countOf(result.inputs.failedRequests, 'failed request') + ' (not billed)');
  if (result.inputs.outsidePeriod > 0) facts.push(`${countOf(result.inputs.outsidePeriod, 'step')} outside the period, left out`);
  const warnings = result.warnings.map((w) => `\n${c.yellow(`warning: ${sanitizeInline(w.message)}`)}`);
  return `${c.bold('attrib report')}  ${sanitizeInline(period.from)} to ${sanitizeInline(period.to)}\n${facts.join(' · ')}${warnings.join('')}`;
}

function unattributed(result: ReportResult, c: ChalkInstance): string {
  const line = unattributedLine(result);
  const buckets = `missing ${formatUsd(line.missing)} · unknown value ${formatUsd(line.unknownValue)} · conflict ${formatUsd(line.conflict)}`;
  const head = `Unattributed: ${formatUsd(line.costUsd)} (${formatPct(line.pct)})`;
  const lines =
    line.breach === undefined
      ? [`${line.costUsd > 0 ? c.yellow(head) : c.green(head)}  ${c.dim(buckets)}`]
      : [`${c.red.bold(head)}  ${buckets}`, c.red(`  breaches org.unattributed_max_pct: ${sanitizeInline(line.breach.message)}`)];
  if (line.unknownValues.length > 0) {
    const shown = line.unknownValues.slice(0, UNKNOWN_VALUE_SAMPLE).map((v) => `${sanitizeInline(v.value)} ${formatUsd(v.costUsd)}`);
    const more = line.unknownValues.length - shown.length;
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

function cellText(cell: Cell, c: ChalkInstance): string {
  switch (cell.type) {
    case 'text':
      return sanitizeInline(cell.text);
    case 'usd':
      return formatUsd(cell.usd);
    case 'variance':
      return cell.usd > 0 ? c.red(formatVariance(cell.usd)) : formatVariance(cell.usd);
    case 'pct':
      return formatPct(cell.pct);
    case 'count':
      return formatCount(cell.count);
    case 'status':
      return status(cell.status, c);
    case 'action':
      return c.red(cell.action);
    case 'outlier':
      return cell.outlier ? c.yellow('outlier') : '';
    case 'empty':
      return '';
  }
}

/** A borderless-heading cli-table3 table; colours come only from chalk, so `color: false` is plain. */
function newTable(columns: readonly Pick<Column, 'label' | 'align'>[], c: ChalkInstance): Table.Table {
  return new Table({
    head: columns.map((column) => c.bold(column.label)),
    colAligns: columns.map((column) => column.align),
    style: { head: [], border: [], compact: true },
  });
}

function sectionTable(section: Section, c: ChalkInstance): string {
  const table = newTable(section.columns, c);
  pushRows(table, section.rows, (row) => row.map((cell) => cellText(cell, c)), section.columns.length);
  table.push(section.total.map((cell) => c.bold(cellText(cell, c))));
  return `${c.bold(section.title)}\n${table.toString()}`;
}

function tools(result: ReportResult, c: ChalkInstance): string {
  const list = sortedTools(result);
  if (list.length === 0) return '';
  const columns = [
    { label: 'Tool', align: 'left' },
    { label: 'Owner', align: 'left' },
    { label: 'Cost', align: 'right' },
    { label: 'Steps', align: 'right' },
    { label: 'Consumers (charged)', align: 'left' },
    { label: 'Priced by', align: 'left' },
  ] as const;
  const table = newTable(columns, c);
  const toRow = (tool: (typeof list)[number]) => {
    const consumers = tool.consumers.map((consumer) => `${sanitizeInline(consumer.feature)} ${formatUsd(consumer.costUsd)}`);
    return [
      sanitizeInline(tool.tool),
      tool.owner === null ? '' : sanitizeInline(tool.owner),
      formatUsd(tool.costUsd),
      formatCount(tool.steps),
      consumers.join('\n'),
      toolPricingLines(tool).map(sanitizeInline).join('\n'),
    ];
  };
  pushRows(table, list, toRow, columns.length);
  return `${c.bold('Tools (charged to the consuming feature, not the owner)')}\n${table.toString()}`;
}

function org(result: ReportResult, c: ChalkInstance): string {
  const { org } = result;
  const parts = [`${c.bold('Org')}: ${formatUsd(org.costUsd)}`];
  if (org.budgetUsd !== null) parts.push(`budget ${formatUsd(org.budgetUsd)}`);
  if (org.varianceUsd !== null) parts.push(`variance ${formatVariance(org.varianceUsd)}`);
  parts.push(status(org.status, c));
  const action = tierAction('org', org.status);
  if (action !== undefined) parts.push(c.red.bold(action));
  return parts.join(' · ');
}

function flags(result: ReportResult, c: ChalkInstance): string {
  const summary = summariseFlags(result.flags, RUN_FLAG_SAMPLE);
  if (summary.total === 0) return `${c.bold('Flags')}: none`;
  const width = Math.max(maxOf(summary.flags, (flag) => sanitizeInline(flag.kind).length), maxOf(summary.runGroups, (group) => sanitizeInline(group.kind).length));
  const kind = (name: string) => {
    const text = sanitizeInline(name);
    return (flagSeverity(name) === 'critical' ? c.red : c.yellow)(text) + ' '.repeat(width - text.length);
  };
  const lines = [c.bold(`Flags (${formatCount(summary.total)})`)];
  for (const flag of summary.flags) {
    const subject = flag.key === flag.scope ? flag.key : `${flag.scope} ${flag.key}`;
    lines.push(`  ${kind(flag.kind)}  ${sanitizeInline(subject)}: ${sanitizeInline(flag.message)}`);
  }
  for (const group of summary.runGroups) {
    const more = group.count > group.sample.length ? `, ... (${formatCount(group.count - group.sample.length)} more)` : '';
    const sample = group.sample.map((id) => sanitizeInline(id)).join(', ');
    lines.push(`  ${kind(group.kind)}  ${countOf(group.count, 'run')}: ${sample}${more}`);
  }
  return lines.join('\n');
}

/** An optional block (invoice reconciliation, spend change): title, notes, table. */
function blockTable(block: Block, c: ChalkInstance): string {
  const notes = block.notes.map((note) => c.dim(sanitizeInline(note)));
  if (block.rows.length === 0) return [c.bold(block.title), ...notes, 'No changes.'].join('\n');
  const table = newTable(block.columns, c);
  pushRows(table, block.rows, (row) => row.map((cell) => cellText(cell, c)), block.columns.length);
  return [c.bold(sanitizeInline(block.title)), ...notes, table.toString()].join('\n');
}
