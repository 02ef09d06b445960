import type { BudgetStatus } from '../report/types.js';
import type { Comparison } from '../report/compare.js';
import { type ReportFormatter, type ReportView, type ViewCell, type ViewSection, buildReportView, capSection } from './report-view.js';
import { countOf, formatCount, formatMoney, formatPct, formatSignedMoney, formatSignedPct, sharePct } from './numbers.js';
import { escapeMarkdown } from '../util/markdown.js';
import { comparisonSections } from './report-blocks.js';

export { escapeMarkdown };

/** Rows per section and flags listed without `--top` / `--all`: a PR comment has a size limit. */
export const DEFAULT_MARKDOWN_TOP = 10;
/** Run ids listed per kind of run flag (`--format json` has them all). */
const RUN_FLAG_SAMPLE = 10;
/**
 * Without `--top` / `--all` the report fits a GitHub comment (65,536 characters) whatever the
 * data, with room for a heading the workflow adds: fewer rows per section until it does.
 */
export const MARKDOWN_MAX_CHARS = 60_000;
/** A name longer than this is cut in a cell (`…`); JSON and CSV have it whole. */
const MAX_TEXT = 160;

/**
 * GitHub-flavoured markdown for PR comments and wikis: the sections of the report view as GitHub
 * tables, with the unattributed line always present and the flags most severe first (run flags by
 * kind). It only renders the view (report-view.ts).
 */
export const format: ReportFormatter = (result, options) => {
  const build = (top: number) => render(buildReportView(result, { ...options, top, runSample: RUN_FLAG_SAMPLE }));
  if (options.top !== undefined) return build(options.top);
  let top = DEFAULT_MARKDOWN_TOP;
  let out = build(top);
  while (out.length > MARKDOWN_MAX_CHARS && top > 1) {
    top = Math.floor(top / 2);
    out = build(top);
  }
  return out.length > MARKDOWN_MAX_CHARS ? truncate(out) : out;
};

/** The last resort (a report of many long notes): whole lines up to the limit, and a line saying so. */
function truncate(out: string): string {
  const note = `\n\n_The report was cut here to fit ${formatCount(MARKDOWN_MAX_CHARS)} characters; \`--format json\` has everything._\n`;
  const end = out.lastIndexOf('\n', MARKDOWN_MAX_CHARS - note.length);
  return out.slice(0, Math.max(0, end)) + note;
}

/** Text from logs for one cell or line: cut to MAX_TEXT characters, then escaped. */
function inline(text: string): string {
  const chars = [...text];
  return escapeMarkdown(chars.length > MAX_TEXT ? `${chars.slice(0, MAX_TEXT - 1).join('')}…` : text);
}

function render(view: ReportView): string {
  const blocks = [header(view), unattributed(view), ...view.sections.map(sectionTable), org(view), flags(view), cutLine(view)];
  return `${blocks.filter((block) => block.length > 0).join('\n\n')}\n`;
}

/** The comparison alone (`--compare` for a chat message), its top movers per feature and team. */
export function renderComparisonMarkdown(comparison: Comparison, options: { top?: number } = {}): string {
  const top = options.top ?? 5;
  return `${comparisonSections(comparison)
    .map((section) => sectionTable(capSection(section, top)))
    .join('\n\n')}\n`;
}

const STATUS_EMOJI: Readonly<Record<BudgetStatus, string>> = {
  under: '🟢',
  near: '🟡',
  over: '🔴',
  'no-budget': '⚪',
};

const status = (value: BudgetStatus) => `${STATUS_EMOJI[value]} ${value}`;

function header(view: ReportView): string {
  const { totals, period } = view;
  const facts = [
    `**${formatMoney(totals.costUsd)}** total`,
    countOf(totals.steps, 'step'),
    countOf(totals.runs, 'run'),
    `attributed ${formatMoney(totals.attributedCostUsd)} (${escapeMarkdown(formatPct(sharePct(totals.attributedCostUsd, totals.costUsd)))})`,
    ...view.notices.map((notice) => (notice.warn ? `⚠️ ${notice.text}` : notice.text)),
  ];
  const warnings = view.warnings.map((w) => `\n\n> ⚠️ **Warning:** ${escapeMarkdown(w.message)}. ${escapeMarkdown(w.hint)}`);
  return `## attrib report: ${escapeMarkdown(period.from)} to ${escapeMarkdown(period.to)}\n\n${facts.join(' · ')}${warnings.join('')}`;
}

function unattributed(view: ReportView): string {
  const line = view.unattributed;
  const text = `**Unattributed: ${formatMoney(line.costUsd)} (${escapeMarkdown(formatPct(line.pct))})**: missing ${formatMoney(line.missing)} · unknown value ${formatMoney(line.unknownValue)} · conflict ${formatMoney(line.conflict)}`;
  const blocks = [text];
  if (line.breach !== undefined) blocks.push(`🔴 Breaches \`org.unattributed_max_pct\`: ${escapeMarkdown(line.breach.message)}`);
  if (line.unknownValues.length > 0) {
    const shown = line.unknownValues.map((v) => `${inline(v.value)} ${formatMoney(v.costUsd)}`);
    blocks.push(`Unknown feature values: ${shown.join(', ')}${line.hiddenValues > 0 ? ` and ${formatCount(line.hiddenValues)} more` : ''}`);
  }
  return blocks.join('\n\n');
}

function cellText(cell: ViewCell): string {
  switch (cell.type) {
    case 'text':
      return inline(cell.text);
    case 'money':
      return formatMoney(cell.usd);
    case 'signed-money':
      return formatSignedMoney(cell.usd);
    case 'percent':
      return escapeMarkdown(cell.signed && cell.pct !== null ? formatSignedPct(cell.pct) : formatPct(cell.pct)); // `<0.1%`
    case 'count':
      return formatCount(cell.count);
    case 'status':
      return cell.projected ? `${status(cell.status)}, projected over` : status(cell.status);
    case 'action':
      return cell.owner === undefined ? `**${cell.action}**` : `**${cell.action}**: ${escapeMarkdown(cell.owner)}`;
    case 'outlier':
      return cell.outlier ? '⚠️ outlier' : '';
    case 'list':
      return cell.items.map(inline).join('<br>');
    case 'empty':
      return '';
  }
}

function rowText(kind: string, cell: ViewCell): string {
  const text = cellText(cell);
  if (text === '' || kind === 'row') return text;
  return kind === 'total' ? `**${text}**` : `_${text}_`;
}

function sectionTable(section: ViewSection): string {
  const head = [`### ${escapeMarkdown(section.title)}`, ...section.notes.map((note) => `_${escapeMarkdown(note)}_`)];
  if (section.rows.length === 0) return [...head, section.emptyText ?? 'None.'].join('\n\n');
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const rule = section.columns.map((column) => (column.align === 'right' ? '---:' : ':---'));
  const rows = section.rows.map((row) => line(row.cells.map((cell) => rowText(row.kind, cell))));
  return [...head, [line(section.columns.map((column) => column.label)), line(rule), ...rows].join('\n')].join('\n\n');
}

function org(view: ReportView): string {
  const { org } = view;
  const parts = [`**Org**: ${formatMoney(org.costUsd)}`];
  if (org.budgetUsd !== null) parts.push(`budget ${formatMoney(org.budgetUsd)}`);
  if (org.varianceUsd !== null) parts.push(`variance ${formatSignedMoney(org.varianceUsd)}`);
  parts.push(status(org.status));
  if (org.action !== undefined) parts.push(`**${org.action}**`);
  return parts.join(' · ');
}

function flags(view: ReportView): string {
  const { flags } = view;
  if (flags.total === 0) return '### Flags\n\nNone.';
  const lines = [`### Flags (${formatCount(flags.total)})`, ''];
  for (const flag of flags.items) {
    const icon = flag.severity === 'critical' ? '🔴' : '🟡';
    const owner = flag.owner === undefined ? '' : ` (owner ${escapeMarkdown(flag.owner)})`;
    lines.push(`- ${icon} **${inline(flag.kind)}** ${inline(flag.scope)} ${inline(flag.key)}: ${inline(flag.message)}${owner}`);
  }
  if (flags.hidden > 0) lines.push(`- _… ${formatCount(flags.hidden)} more ${flags.hidden === 1 ? 'flag' : 'flags'}_`);
  for (const group of flags.runGroups) {
    const more = group.count > group.sample.length ? ` and ${formatCount(group.count - group.sample.length)} more (see \`--format json\`)` : '';
    lines.push(`- 🟡 **${inline(group.kind)}** ${countOf(group.count, 'run')}: ${group.sample.map(inline).join(', ')}${more}`);
  }
  return lines.join('\n');
}

/** What the caps left out, and how to see it. */
function cutLine(view: ReportView): string {
  if (view.cut.length === 0) return '';
  return `_Showing the top ${formatCount(view.top)} rows of each section; not shown: ${view.cut.map((cut) => cut.what).join(', ')}. \`--top N\` or \`--all\` shows more; \`--format json\` has every row._`;
}
