import type { BudgetStatus, ReportResult } from '../report/types.js';
import { pricingTermsFact } from './pricing-terms.js';
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
import { escapeMarkdown } from '../util/markdown.js';
import { type Block, reconciliationBlock } from './report-blocks.js';
import { renderComparisonMarkdown } from '../report/compare.js';

export { escapeMarkdown };

/** Run ids listed per kind of run flag; a PR comment has a size limit (`--format json` has them all). */
const RUN_FLAG_SAMPLE = 10;
/** Unknown feature values named under the unattributed line. */
const UNKNOWN_VALUE_SAMPLE = 10;

/**
 * GitHub-flavoured markdown for PR comments and wikis: the same sections as the table, as GitHub
 * tables, with the unattributed line always present and every flag listed (run flags by kind).
 */
export const format: ReportFormatter = (result, options) => {
  const blocks = [
    header(result),
    unattributed(result),
    result.reconciliation ? blockTable(reconciliationBlock(result.reconciliation)) : '',
    ...buildSections(result, options.by).map(sectionTable),
    tools(result),
    org(result),
    flags(result),
    result.comparison ? `### Why spend changed\n\n${renderComparisonMarkdown(result.comparison).trimEnd()}` : '',
  ];
  return `${blocks.filter((block) => block.length > 0).join('\n\n')}\n`;
};

const STATUS_EMOJI: Readonly<Record<BudgetStatus, string>> = {
  under: '🟢',
  near: '🟡',
  over: '🔴',
  'no-budget': '⚪',
};

const status = (value: BudgetStatus) => `${STATUS_EMOJI[value]} ${value}`;

function header(result: ReportResult): string {
  const { totals, period } = result;
  const facts = [
    `**${formatUsd(totals.costUsd)}** total`,
    countOf(totals.steps, 'step'),
    countOf(totals.runs, 'run'),
    `attributed ${formatUsd(totals.attributedCostUsd)} (${escapeMarkdown(formatPct(sharePct(totals.attributedCostUsd, totals.costUsd)))})`,
  ];
  const terms = pricingTermsFact(totals);
  if (terms !== null) facts.push(terms);
  if (totals.unpricedSteps > 0) facts.push(`⚠️ ${countOf(totals.unpricedSteps, 'unpriced step')}`);
  if (totals.skippedLines > 0) facts.push(`⚠️ ${countOf(totals.skippedLines, 'skipped line')}`);
  if ((result.inputs?.failedRequests ?? 0) > 0) facts.push(`${countOf(result.inputs.failedRequests, 'failed request')} (not billed)`);
  if (result.inputs.outsidePeriod > 0) facts.push(`${countOf(result.inputs.outsidePeriod, 'step')} outside the period, left out`);
  const warnings = result.warnings.map((w) => `\n\n> ⚠️ **Warning:** ${escapeMarkdown(w.message)}. ${escapeMarkdown(w.hint)}`);
  return `## attrib report: ${escapeMarkdown(period.from)} to ${escapeMarkdown(period.to)}\n\n${facts.join(' · ')}${warnings.join('')}`;
}

function unattributed(result: ReportResult): string {
  const line = unattributedLine(result);
  const text = `**Unattributed: ${formatUsd(line.costUsd)} (${escapeMarkdown(formatPct(line.pct))})**: missing ${formatUsd(line.missing)} · unknown value ${formatUsd(line.unknownValue)} · conflict ${formatUsd(line.conflict)}`;
  const blocks = [text];
  if (line.breach !== undefined) blocks.push(`🔴 Breaches \`org.unattributed_max_pct\`: ${escapeMarkdown(line.breach.message)}`);
  if (line.unknownValues.length > 0) {
    const shown = line.unknownValues.slice(0, UNKNOWN_VALUE_SAMPLE).map((v) => `${escapeMarkdown(v.value)} ${formatUsd(v.costUsd)}`);
    const more = line.unknownValues.length - shown.length;
    blocks.push(`Unknown feature values: ${shown.join(', ')}${more > 0 ? ` and ${formatCount(more)} more` : ''}`);
  }
  return blocks.join('\n\n');
}

function cellText(cell: Cell): string {
  switch (cell.type) {
    case 'text':
      return escapeMarkdown(cell.text);
    case 'usd':
      return formatUsd(cell.usd);
    case 'variance':
      return formatVariance(cell.usd);
    case 'pct':
      return escapeMarkdown(formatPct(cell.pct)); // `<0.1%`
    case 'count':
      return formatCount(cell.count);
    case 'status':
      return status(cell.status);
    case 'action':
      return `**${cell.action}**`;
    case 'outlier':
      return cell.outlier ? '⚠️ outlier' : '';
    case 'empty':
      return '';
  }
}

function table(columns: readonly Pick<Column, 'label' | 'align'>[], rows: readonly string[][]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const rule = columns.map((column) => (column.align === 'right' ? '---:' : ':---'));
  return [line(columns.map((column) => column.label)), line(rule), ...rows.map(line)].join('\n');
}

function sectionTable(section: Section): string {
  const rows = section.rows.map((row) => row.map(cellText));
  rows.push(section.total.map((cell) => (cell.type === 'empty' ? '' : `**${cellText(cell)}**`)));
  return `### ${section.title}\n\n${table(section.columns, rows)}`;
}

function tools(result: ReportResult): string {
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
  const rows = list.map((tool) => [
    escapeMarkdown(tool.tool),
    tool.owner === null ? '' : escapeMarkdown(tool.owner),
    formatUsd(tool.costUsd),
    formatCount(tool.steps),
    tool.consumers.map((consumer) => `${escapeMarkdown(consumer.feature)} ${formatUsd(consumer.costUsd)}`).join('<br>'),
    toolPricingLines(tool).map(escapeMarkdown).join('<br>'),
  ]);
  return `### Tools\n\nCharged to the consuming feature, not the tool's owner.\n\n${table(columns, rows)}`;
}

function org(result: ReportResult): string {
  const { org } = result;
  const parts = [`**Org**: ${formatUsd(org.costUsd)}`];
  if (org.budgetUsd !== null) parts.push(`budget ${formatUsd(org.budgetUsd)}`);
  if (org.varianceUsd !== null) parts.push(`variance ${formatVariance(org.varianceUsd)}`);
  parts.push(status(org.status));
  const action = tierAction('org', org.status);
  if (action !== undefined) parts.push(`**${action}**`);
  return parts.join(' · ');
}

function flags(result: ReportResult): string {
  const summary = summariseFlags(result.flags, RUN_FLAG_SAMPLE);
  if (summary.total === 0) return '### Flags\n\nNone.';
  const lines = [`### Flags (${formatCount(summary.total)})`, ''];
  for (const flag of summary.flags) {
    const icon = flagSeverity(flag.kind) === 'critical' ? '🔴' : '🟡';
    lines.push(`- ${icon} **${escapeMarkdown(flag.kind)}** ${escapeMarkdown(flag.scope)} ${escapeMarkdown(flag.key)}: ${escapeMarkdown(flag.message)}`);
  }
  for (const group of summary.runGroups) {
    const more = group.count > group.sample.length ? ` and ${formatCount(group.count - group.sample.length)} more (see \`--format json\`)` : '';
    const runs = countOf(group.count, 'run');
    lines.push(`- 🟡 **${escapeMarkdown(group.kind)}** ${runs}: ${group.sample.map(escapeMarkdown).join(', ')}${more}`);
  }
  return lines.join('\n');
}

/** An optional block (invoice reconciliation): heading, notes, table. */
function blockTable(block: Block): string {
  const notes = block.notes.map((note) => `_${escapeMarkdown(note)}_`);
  return [`### ${escapeMarkdown(block.title)}`, ...notes, table(block.columns, block.rows.map((row) => row.map(cellText)))].join('\n\n');
}
