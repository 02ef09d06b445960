/**
 * The sections of the showback page, one function each, rendered from the report view
 * (report-view.ts) like every human format. Every chart has a plain table next to it (the page reads
 * without JavaScript and without SVG); every value goes through `html`.
 */
import type { BudgetStatus } from '../../report/types.js';
import type { Comparison } from '../../report/compare.js';
import type { ReportView, ViewCell, ViewRow, ViewSection } from '../report-view.js';
import { html, type SafeHtml } from './escape.js';
import { horizontalBars, stackedBar, waterfall } from './charts.js';
import { countOf, formatCount, formatMoney, formatPct, formatSignedMoney, formatSignedPct, sharePct } from '../numbers.js';

const usd = (value: number | null): string => (value === null ? '–' : formatMoney(value));
const num = (text: string | number): SafeHtml => html`<td class="num">${text}</td>`;
const badge = (cls: string, text: string): SafeHtml => html`<span class="badge ${cls}">${text}</span>`;
/** Bars drawn per chart; the table under it has the capped rows and the rest summed. */
const BARS = 15;

export function header(view: ReportView): SafeHtml {
  const t = view.totals;
  const org = view.org;
  return html`<header><h1>AI spend showback</h1>
<p class="sub">Period ${view.period.from} – ${view.period.to} · USD · attrib report</p>
<dl class="cards">
<div class="card"><dt>Total spend</dt><dd>${usd(t.costUsd)}</dd></div>
<div class="card"><dt>Attributed</dt><dd>${usd(t.attributedCostUsd)} <span class="muted">(${formatPct(sharePct(t.attributedCostUsd, t.costUsd))})</span></dd></div>
<div class="card"><dt>Unattributed</dt><dd>${usd(t.unattributedCostUsd)} <span class="muted">(${formatPct(t.unattributedPct)})</span></dd></div>
<div class="card"><dt>Org budget</dt><dd>${usd(org.budgetUsd)} ${badge(org.status, org.status)}</dd></div>
<div class="card"><dt>Steps · runs</dt><dd>${formatCount(t.steps)} · ${formatCount(t.runs)}</dd></div>
<div class="card"><dt>Unpriced steps · skipped lines</dt><dd>${formatCount(t.unpricedSteps)} · ${formatCount(t.skippedLines)}</dd></div>
</dl>${view.warnings.map((w) => html`<p class="warning" role="alert"><strong>Warning:</strong> ${w.message}. ${w.hint}</p>`)}</header>`;
}

/** Attributed vs unattributed, with the buckets that say why. */
export function attribution(view: ReportView): SafeHtml {
  const t = view.totals;
  const segments = [
    { label: 'attributed', value: t.attributedCostUsd, className: 'attributed' },
    { label: 'missing feature', value: t.unattributed.missing, className: 'missing' },
    { label: 'unknown feature', value: t.unattributed.unknownValue, className: 'unknown-value' },
    { label: 'conflicting run', value: t.unattributed.conflict, className: 'conflict' },
  ];
  const line = view.unattributed;
  return html`<section id="attribution"><h2>Attributed vs unattributed</h2>
${stackedBar(segments, 'Attributed and unattributed spend')}
<div class="scroll"><table><thead><tr><th>Share</th><th class="num">Cost</th><th class="num">Of total</th></tr></thead><tbody>
${segments.map((s) => html`<tr><td>${s.label}</td>${num(usd(s.value))}${num(formatPct(t.costUsd === 0 ? null : sharePct(s.value, t.costUsd)))}</tr>`)}
<tr class="total"><td>total</td>${num(usd(t.costUsd))}${num(formatPct(t.costUsd === 0 ? null : 100))}</tr>
</tbody></table></div>
${line.breach === undefined ? '' : html`<p class="warning">Breaches org.unattributed_max_pct: ${line.breach.message}</p>`}
${line.unknownValues.length === 0 ? '' : html`<h3>Feature values not in the registry</h3>
<div class="scroll"><table><thead><tr><th>Feature value</th><th class="num">Cost</th><th class="num">Steps</th></tr></thead><tbody>
${line.unknownValues.map((v) => html`<tr><td class="key">${v.value}</td>${num(usd(v.costUsd))}${num(formatCount(v.steps))}</tr>`)}
${line.hiddenValues > 0 ? html`<tr class="more"><td>… ${formatCount(line.hiddenValues)} more</td><td></td><td></td></tr>` : ''}</tbody></table></div>`}</section>`;
}

const STATUS_TEXT: Readonly<Record<BudgetStatus, string>> = { under: 'under', near: 'near', over: 'over', 'no-budget': 'no budget' };

function cellHtml(cell: ViewCell, key: boolean): SafeHtml {
  switch (cell.type) {
    case 'text':
      return key ? html`<td class="key">${cell.text}</td>` : html`<td>${cell.text}</td>`;
    case 'money':
      return num(formatMoney(cell.usd));
    case 'signed-money':
      return num(formatSignedMoney(cell.usd));
    case 'percent':
      return num(cell.signed && cell.pct !== null ? formatSignedPct(cell.pct) : formatPct(cell.pct));
    case 'count':
      return num(formatCount(cell.count));
    case 'status':
      return html`<td>${badge(cell.status, STATUS_TEXT[cell.status])}${cell.projected ? html` ${badge('projected', 'projected over')}` : ''}</td>`;
    case 'action':
      return html`<td>${cell.action}${cell.owner === undefined ? '' : html`: <span class="owner">${cell.owner}</span>`}</td>`;
    case 'outlier':
      return html`<td>${cell.outlier ? badge('outlier', 'outlier') : ''}</td>`;
    case 'list':
      return html`<td class="key">${cell.items.map((item, i) => html`${i > 0 ? html`<br>` : ''}${item}`)}</td>`;
    case 'empty':
      return html`<td></td>`;
  }
}

const ROW_CLASS: Readonly<Record<ViewRow['kind'], string>> = { row: '', more: 'more', total: 'total' };

/** A section's notes and table (the heading is the caller's). */
export function viewTable(section: ViewSection): SafeHtml {
  const notes = section.notes.map((note) => html`<p class="muted">${note}</p>`);
  if (section.rows.length === 0) return html`${notes}<p class="muted">${section.emptyText ?? 'None.'}</p>`;
  const head = section.columns.map((c) => (c.align === 'right' ? html`<th class="num">${c.label}</th>` : html`<th>${c.label}</th>`));
  const rows = section.rows.map(
    (row) => html`<tr${ROW_CLASS[row.kind] === '' ? '' : html` class="${ROW_CLASS[row.kind]}"`}>${row.cells.map((cell, i) => cellHtml(cell, i === 0))}</tr>`,
  );
  return html`${notes}<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>
${rows}</tbody></table></div>`;
}

/** One section of the view as a page section of its own. */
export function viewSection(section: ViewSection, id = section.id): SafeHtml {
  return html`<section id="${id}"><h2>${section.title}</h2>
${viewTable(section)}</section>`;
}

/** The cell of `row` in column `id` of `section`. */
function cellOf(section: ViewSection, row: ViewRow, id: string): ViewCell | undefined {
  const i = section.columns.findIndex((c) => c.id === id);
  return i === -1 ? undefined : row.cells[i];
}
const usdOf = (cell: ViewCell | undefined): number | null => (cell?.type === 'money' ? cell.usd : null);
const textOf = (cell: ViewCell | undefined): string => (cell?.type === 'text' ? cell.text : '');

/** Bars of a section's shown rows (not the `more` and total rows): cost, budget tick, status colour. */
function sectionBars(section: ViewSection, caption: string): SafeHtml {
  const rows = section.rows.filter((row) => row.kind === 'row').slice(0, BARS);
  return horizontalBars(
    rows.map((row) => {
      const key = textOf(cellOf(section, row, 'key'));
      const cost = usdOf(cellOf(section, row, 'cost')) ?? 0;
      const budget = usdOf(cellOf(section, row, 'budget'));
      const status = cellOf(section, row, 'status');
      const outlier = cellOf(section, row, 'outlier');
      const className = status?.type === 'status' ? `status-${status.status}` : outlier?.type === 'outlier' && outlier.outlier ? 'outlier' : 'plain';
      return { label: key, value: cost, marker: budget, className, title: `${key}: ${usd(cost)}${budget === null ? '' : ` of ${usd(budget)}`}` };
    }),
    caption,
  );
}

export function budgets(view: ReportView): SafeHtml {
  const team = view.sections.find((s) => s.id === 'team');
  const feature = view.sections.find((s) => s.id === 'feature');
  const org = view.org;
  return html`<section id="budgets"><h2>Spend against budgets</h2>
<p class="muted">Bars are coloured by status; the black tick is the budget for the period.</p>
<h3>Organization (global cap)</h3>
<p>${usd(org.costUsd)} of ${usd(org.budgetUsd)}${org.varianceUsd === null ? '' : ` (${formatSignedMoney(org.varianceUsd)})`} ${badge(org.status, STATUS_TEXT[org.status])}${org.action === undefined ? '' : html` <strong>${org.action}</strong>`}</p>
${team ? html`<h3>Teams (hard caps)</h3>${sectionBars(team, 'Spend by team against budget')}${viewTable(team)}` : ''}
${feature ? html`<h3>Features (soft caps)</h3>${sectionBars(feature, 'Spend by feature against budget')}${viewTable(feature)}` : ''}
</section>`;
}

export function comparison(view: ReportView, c: Comparison): SafeHtml {
  const t = c.totals;
  const tables = view.sections.filter((s) => s.id.startsWith('comparison-'));
  return html`<section id="comparison"><h2>Why did spend change</h2>
<p class="muted">Volume: more or fewer runs at the old cost per run; model mix: a different share of steps per model at the old per-model costs; unit cost: everything else about a run. The three add up to the change.</p>
${waterfall(
  [
    { label: 'before', kind: 'total', value: t.previousUsd },
    { label: 'volume', kind: 'change', value: t.volumeUsd },
    { label: 'unit cost', kind: 'change', value: t.unitCostUsd },
    { label: 'model mix', kind: 'change', value: t.mixUsd },
    { label: 'after', kind: 'total', value: t.currentUsd },
  ],
  'Change in spend: volume, unit cost, model mix',
)}
${tables.map((s) => html`<h3>${s.title}</h3>${viewTable(s)}`)}</section>`;
}

export function tenants(view: ReportView): SafeHtml {
  const section = view.sections.find((s) => s.id === 'tenant');
  if (!section) return html``;
  const shown = Math.min(BARS, section.rows.filter((row) => row.kind === 'row').length);
  return html`<section id="tenants"><h2>Tenants by cost</h2>
${sectionBars(section, `The ${shown} most expensive tenants`)}
${viewTable(section)}</section>`;
}

export function dimensions(view: ReportView): SafeHtml {
  const ids = ['model', 'workload_class', 'environment'];
  const list = ids.flatMap((id) => view.sections.filter((s) => s.id === id));
  return html`<section id="dimensions"><h2>Models, workload classes, environments</h2>
${list.map((s) => html`<h3>${s.title}</h3>${viewTable(s)}`)}</section>`;
}

export function flags(view: ReportView): SafeHtml {
  const { flags } = view;
  const items = flags.items.map(
    (f) =>
      html`<tr><td>${badge(f.severity === 'critical' ? 'over' : 'near', f.kind)}</td><td>${f.scope}</td><td class="key">${f.key}</td><td>${f.message}${f.owner === undefined ? '' : html` (owner <span class="owner">${f.owner}</span>)`}</td></tr>`,
  );
  const runs = flags.runGroups.map(
    (g) =>
      html`<tr><td>${badge('near', g.kind)}</td><td>run</td><td class="key">${g.sample.join(', ')}${g.count > g.sample.length ? ` … ${formatCount(g.count - g.sample.length)} more` : ''}</td><td>${countOf(g.count, 'run')}</td></tr>`,
  );
  return html`<section id="flags"><h2>Flags</h2>
${flags.total === 0 ? html`<p class="muted">No flags.</p>` : html`<p class="muted">Most severe first: global cap, hard cap, soft cap, projected, unattributed, then warnings and run flags.</p><div class="scroll"><table><thead><tr><th>Flag</th><th>Scope</th><th>Key</th><th>Message</th></tr></thead><tbody>
${items}${flags.hidden > 0 ? html`<tr class="more"><td colspan="4">… ${formatCount(flags.hidden)} more flags</td></tr>` : ''}${runs}</tbody></table></div>`}</section>`;
}

/** What the caps left out. */
export function cut(view: ReportView): SafeHtml {
  if (view.cut.length === 0) return html``;
  return html`<p class="muted" id="cut">Showing the top ${formatCount(view.top)} rows of each section; not shown: ${view.cut.map((c) => c.what).join(', ')}. <code>--top N</code> or <code>--all</code> shows more; <code>--format json</code> has every row.</p>`;
}
