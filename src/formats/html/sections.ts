/**
 * The sections of the showback page, one function each. Every chart has a plain table next to it
 * (the page reads without JavaScript and without SVG); every value goes through `html`.
 */
import type { BudgetStatus, BudgetedRow, FeatureRow, ForecastRow, GroupRow, ReportResult } from '../../report/types.js';
import type { Reconciliation, ReconciliationFigures } from '../../report/invoice.js';
import type { ChangeRow, Comparison } from '../../report/compare.js';
import { html, type SafeHtml } from './escape.js';
import { horizontalBars, lineChart, stackedBar, waterfall, type Series } from './charts.js';
import { count, percent, signedUsd, usd } from './numbers.js';
import { toolPricingLines } from '../report-sections.js';
import { pricingTermsFact } from '../pricing-terms.js';

const num = (text: string | number): SafeHtml => html`<td class="num">${text}</td>`;
const badge = (cls: string, text: string): SafeHtml => html`<span class="badge ${cls}">${text}</span>`;

export function header(r: ReportResult): SafeHtml {
  const t = r.totals;
  const org = r.org;
  return html`<header><h1>AI spend showback</h1>
<p class="sub">Period ${r.period.from} – ${r.period.to} · ${r.currency} · attrib report, schema v${r.schemaVersion}</p>
<dl class="cards">
<div class="card"><dt>Total spend</dt><dd>${usd(t.costUsd)}</dd></div>
<div class="card"><dt>Attributed</dt><dd>${usd(t.attributedCostUsd)}</dd></div>
<div class="card"><dt>Unattributed</dt><dd>${usd(t.unattributedCostUsd)} <span class="muted">(${percent(t.unattributedPct)})</span></dd></div>
<div class="card"><dt>Org budget</dt><dd>${usd(org.budgetUsd)} ${badge(org.status, org.status)}</dd></div>
<div class="card"><dt>Steps · runs</dt><dd>${count(t.steps)} · ${count(t.runs)}</dd></div>
<div class="card"><dt>Unpriced steps · skipped lines</dt><dd>${count(t.unpricedSteps)} · ${count(t.skippedLines)}</dd></div>
${pricingTermsFact(t) === null ? '' : html`<div class="card"><dt>List price · billed</dt><dd>${pricingTermsFact(t)}</dd></div>`}
</dl>${r.warnings.map((w) => html`<p class="warning" role="alert"><strong>Warning:</strong> ${w.message}. ${w.hint}</p>`)}</header>`;
}

/** Attributed vs unattributed, with the buckets that say why (amounts in USD). */
export function attribution(r: ReportResult): SafeHtml {
  const t = r.totals;
  const segments = [
    { label: 'attributed', value: t.attributedCostUsd, className: 'attributed' },
    { label: 'missing feature', value: t.unattributed.missing, className: 'missing' },
    { label: 'unknown feature', value: t.unattributed.unknownValue, className: 'unknown-value' },
    { label: 'conflicting run', value: t.unattributed.conflict, className: 'conflict' },
  ];
  // Older result files (before the core listed the buckets) have no `unattributed` list.
  const unknownValues = (r.unattributed ?? []).flatMap((b) => (b.bucket === 'unknown-value' ? b.values : []));
  return html`<section id="attribution"><h2>Attributed vs unattributed</h2>
${stackedBar(segments, 'Attributed and unattributed spend')}
<table><thead><tr><th>Share</th><th class="num">Cost</th><th class="num">Of total</th></tr></thead><tbody>
${segments.map((s) => html`<tr><td>${s.label}</td>${num(usd(s.value))}${num(percent(t.costUsd === 0 ? null : (s.value / t.costUsd) * 100))}</tr>`)}
<tr class="total"><td>total</td>${num(usd(t.costUsd))}${num(percent(t.costUsd === 0 ? null : 100))}</tr>
</tbody></table>
${unknownValues.length === 0 ? '' : html`<h3>Feature values not in the registry</h3>
<table><thead><tr><th>Feature value</th><th class="num">Cost</th><th class="num">Steps</th></tr></thead><tbody>
${unknownValues.map((v) => html`<tr><td class="key">${v.value}</td>${num(usd(v.costUsd))}${num(count(v.steps))}</tr>`)}</tbody></table>`}</section>`;
}

type Scope = 'feature' | 'team' | 'org';
const TIER: Record<Scope, string> = { feature: 'soft cap', team: 'hard cap', org: 'global cap' };

/** What the caps demand (issue 4): soft cap -> alert the team, hard cap -> acknowledgement, global -> emergency. */
function actionOwed(scope: Scope, status: BudgetStatus, projectedOver: boolean, team: string | null): string {
  if (status === 'over') {
    if (scope === 'feature') return `alert: notify team ${team ?? '(none)'}`;
    return scope === 'team' ? 'acknowledgement required from the team owner' : 'emergency: global cap exceeded';
  }
  if (projectedOver) return 'projected over budget by month end';
  return status === 'near' ? 'near budget: watch' : '';
}

export function budgets(r: ReportResult): SafeHtml {
  const projected = new Set(r.forecast.filter((f) => f.projectedOver).map((f) => `${f.scope}\u0000${f.key}`));
  const isProjected = (scope: Scope, key: string) => projected.has(`${scope}\u0000${key}`);
  const bars = (rows: readonly BudgetedRow[], caption: string) =>
    horizontalBars(
      rows.map((row) => ({
        label: row.key,
        value: row.costUsd,
        marker: row.budgetUsd,
        className: `status-${row.status}`,
        title: `${row.key}: ${usd(row.costUsd)} of ${usd(row.budgetUsd)} (${row.status})`,
      })),
      caption,
    );
  const row = (scope: Scope, b: BudgetedRow, team: string | null, withTeam: boolean) => {
    const over = isProjected(scope, b.key);
    return html`<tr><td class="key">${b.key}</td>${withTeam ? html`<td class="key">${team ?? '–'}</td>` : ''}${num(usd(b.costUsd))}${num(usd(b.budgetUsd))}${num(signedUsd(b.varianceUsd))}<td>${badge(b.status, b.status)}${over ? html` ${badge('projected', 'projected over')}` : ''}</td><td>${TIER[scope]}</td><td>${actionOwed(scope, b.status, over, team)}</td></tr>`;
  };
  const head = (title: string, withTeam = false) =>
    html`<thead><tr><th>${title}</th>${withTeam ? html`<th>Team</th>` : ''}<th class="num">Cost</th><th class="num">Budget</th><th class="num">Variance</th><th>Status</th><th>Tier</th><th>Action owed</th></tr></thead>`;
  const org = { key: 'organization', runs: 0, steps: 0, ...r.org };
  return html`<section id="budgets"><h2>Spend against budgets</h2>
<p class="muted">Bars are coloured by status; the black tick is the budget for the period.</p>
<h3>Organization (global cap)</h3>
<table>${head('Scope')}<tbody>${row('org', org, null, false)}</tbody></table>
<h3>Teams (hard caps)</h3>
${bars(r.byTeam, 'Spend by team against budget')}
<table>${head('Team')}<tbody>${r.byTeam.map((b) => row('team', b, null, false))}</tbody></table>
<h3>Features (soft caps)</h3>
${bars(r.byFeature, 'Spend by feature against budget')}
<table>${head('Feature', true)}<tbody>${r.byFeature.map((f: FeatureRow) => row('feature', f, f.team, true))}</tbody></table>
</section>`;
}

/** Every UTC date from `from` to `to`, inclusive. */
function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`) && dates.length < 3700; t += 86_400_000) {
    dates.push(new Date(t).toISOString().slice(0, 10));
  }
  return dates;
}

const monthEnd = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

export function daily(r: ReportResult): SafeHtml {
  const dates = datesBetween(r.period.from, r.period.to);
  const index = new Map(dates.map((d, i) => [d, i]));
  const totals = new Map<string, number>();
  for (const d of r.daily) totals.set(d.team, (totals.get(d.team) ?? 0) + d.costUsd);
  const teams = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || (a < b ? -1 : 1));
  const lastDay = r.daily.reduce((max, d) => (d.date > max ? d.date : max), '');
  const forecastOf = new Map(r.forecast.filter((f) => f.scope === 'team').map((f) => [f.key, f]));
  const series: Series[] = teams.map((team) => {
    const values: (number | null)[] = dates.map(() => null);
    for (const d of r.daily) {
      const i = index.get(d.date);
      if (d.team === team && i !== undefined) values[i] = (values[i] ?? 0) + d.costUsd;
    }
    // Days without spend up to the last data day are zero, not gaps.
    const last = index.get(lastDay) ?? dates.length - 1;
    for (let i = 0; i <= last; i++) values[i] ??= 0;
    return { name: team, values, ...projection(forecastOf.get(team), lastDay, index) };
  });
  const forecastRows = [...r.forecast].sort((a, b) => (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : b.projectedUsd - a.projectedUsd));
  return html`<section id="daily"><h2>Daily spend per team</h2>
<p class="muted">Solid lines: spend per UTC day. Dashed: the run-rate that reaches the month-end forecast.</p>
${lineChart(dates, series, 'Daily spend per team')}
${forecastRows.length === 0 ? html`<p class="muted">No forecast: the data covers the whole period.</p>` : html`<h3>Month-end forecast</h3>
<table><thead><tr><th>Scope</th><th>Key</th><th>Month</th><th class="num">To date</th><th class="num">Projected</th><th class="num">Budget</th><th>Status</th></tr></thead><tbody>
${forecastRows.map((f) => html`<tr><td>${f.scope}</td><td class="key">${f.key}</td><td>${f.month}</td>${num(usd(f.costToDateUsd))}${num(usd(f.projectedUsd))}${num(usd(f.budgetUsd))}<td>${f.projectedOver ? badge('projected', 'projected over') : ''}</td></tr>`)}
</tbody></table>`}
<details><summary>Daily spend table</summary>
<table><thead><tr><th>Date</th>${teams.map((t) => html`<th class="num">${t}</th>`)}</tr></thead><tbody>
${dates.filter((d) => d <= lastDay).map((d) => html`<tr><td>${d}</td>${series.map((s) => num(usd(s.values[index.get(d)!] ?? 0)))}</tr>`)}
</tbody></table></details></section>`;
}

function projection(f: ForecastRow | undefined, lastDay: string, index: Map<string, number>): Pick<Series, 'projection'> {
  if (!f || lastDay === '' || !lastDay.startsWith(f.month)) return {};
  const end = monthEnd(f.month);
  const remaining = (Date.parse(end) - Date.parse(lastDay)) / 86_400_000;
  const fromIndex = index.get(lastDay);
  const toIndex = index.get(end);
  if (remaining <= 0 || fromIndex === undefined || toIndex === undefined) return {};
  const perDay = (f.projectedUsd - f.costToDateUsd) / remaining;
  return { projection: { fromIndex, toIndex, perDay, label: `forecast ${usd(f.projectedUsd)} by ${end} (budget ${usd(f.budgetUsd)})` } };
}

export function tenants(r: ReportResult, top = 15): SafeHtml {
  const rows = [...r.byTenant].sort((a, b) => b.costUsd - a.costUsd || (a.key < b.key ? -1 : 1));
  return html`<section id="tenants"><h2>Tenants by cost</h2>
${horizontalBars(
  rows.slice(0, top).map((t) => ({ label: t.key, value: t.costUsd, className: t.outlier ? 'outlier' : 'plain', title: `${t.key}: ${usd(t.costUsd)}${t.outlier ? ' (outlier)' : ''}` })),
  `The ${Math.min(top, rows.length)} most expensive tenants`,
)}
<table><thead><tr><th>Tenant</th><th class="num">Cost</th><th class="num">Steps</th><th class="num">Runs</th><th class="num">Cost per run</th><th></th></tr></thead><tbody>
${rows.map((t) => html`<tr><td class="key">${t.key}</td>${num(usd(t.costUsd))}${num(count(t.steps))}${num(count(t.runs))}${num(usd(t.runs === 0 ? null : t.costUsd / t.runs))}<td>${t.outlier ? badge('outlier', 'outlier') : ''}</td></tr>`)}
</tbody></table></section>`;
}

export function tools(r: ReportResult): SafeHtml {
  if (r.tools.length === 0) return html``;
  return html`<section id="tools"><h2>Tool consumers</h2>
<p class="muted">Shared tools are charged to the features that call them, not to their owner.</p>
<table><thead><tr><th>Tool · consumer</th><th>Owner</th><th class="num">Cost</th><th class="num">Steps</th><th>Priced by</th></tr></thead><tbody>
${r.tools.map((t) => html`<tr class="total"><td class="key">${t.tool}</td><td class="key">${t.owner ?? '–'}</td>${num(usd(t.costUsd))}${num(count(t.steps))}<td>${toolPricingLines(t).map((line, i) => html`${i > 0 ? html`<br>` : ''}${line}`)}</td></tr>
${t.consumers.map((c) => html`<tr class="sub"><td class="key">${c.feature}</td><td></td>${num(usd(c.costUsd))}<td></td><td></td></tr>`)}`)}
</tbody></table></section>`;
}

function groupTable(title: string, rows: readonly GroupRow[]): SafeHtml {
  return html`<h3>${title}</h3><table><thead><tr><th>${title}</th><th class="num">Cost</th><th class="num">Steps</th><th class="num">Runs</th></tr></thead><tbody>
${rows.map((g) => html`<tr><td class="key">${g.key}</td>${num(usd(g.costUsd))}${num(count(g.steps))}${num(count(g.runs))}</tr>`)}</tbody></table>`;
}

export function dimensions(r: ReportResult): SafeHtml {
  return html`<section id="dimensions"><h2>Models, workload classes, environments</h2>
<h3>Model</h3><table><thead><tr><th>Model</th><th class="num">Cost</th><th class="num">Steps</th><th class="num">Input tokens</th><th class="num">Output tokens</th></tr></thead><tbody>
${r.byModel.map((m) => html`<tr><td class="key">${m.key}</td>${num(usd(m.costUsd))}${num(count(m.steps))}${num(count(m.inputTokens))}${num(count(m.outputTokens))}</tr>`)}</tbody></table>
${groupTable('Workload class', r.byWorkloadClass)}
${groupTable('Environment', r.byEnvironment)}</section>`;
}

export function flags(r: ReportResult): SafeHtml {
  const table = (list: ReportResult['flags']) =>
    html`<table><thead><tr><th>Flag</th><th>Scope</th><th>Key</th><th>Message</th></tr></thead><tbody>
${list.map((f) => html`<tr><td>${f.kind}</td><td>${f.scope}</td><td class="key">${f.key}</td><td>${f.message}</td></tr>`)}</tbody></table>`;
  const perRun = r.flags.filter((f) => f.scope === 'run');
  const other = r.flags.filter((f) => f.scope !== 'run');
  return html`<section id="flags"><h2>Flags</h2>
${r.flags.length === 0 ? html`<p class="muted">No flags.</p>` : ''}${other.length > 0 ? table(other) : ''}
${perRun.length > 0 ? html`<details><summary>${count(perRun.length)} run flags</summary>${table(perRun)}</details>` : ''}</section>`;
}

export function reconciliation(rec: Reconciliation): SafeHtml {
  const row = (label: string, f: ReconciliationFigures, cls = '') =>
    html`<tr class="${cls}"><td class="key">${label}</td>${num(usd(f.invoiceUsd))}${num(usd(f.loggedUsd))}${num(signedUsd(f.unloggedUsd))}${num(usd(f.attributedUsd))}${num(usd(f.unattributedUsd))}${num(usd(f.unownedUsd))}${num(percent(f.unattributedOfInvoicePct))}</tr>`;
  const extras = [
    rec.loggedNotInvoicedUsd !== 0 ? `Logged spend of providers not on the invoice: ${usd(rec.loggedNotInvoicedUsd)} (not in the totals).` : '',
    rec.outsidePeriodUsd !== 0 ? `Invoice buckets outside the period, left out: ${usd(rec.outsidePeriodUsd)}.` : '',
    ...rec.notes,
  ].filter((n) => n !== '');
  return html`<section id="reconciliation"><h2>Invoice reconciliation</h2>
<p class="muted">Invoice: ${rec.file ?? 'amount given'} (${rec.source}). Unlogged = invoice − logged; unowned = invoice − attributed.</p>
<table><thead><tr><th>Provider</th><th class="num">Invoice</th><th class="num">Logged</th><th class="num">Unlogged</th><th class="num">Attributed</th><th class="num">Unattributed</th><th class="num">Unowned</th><th class="num">Unowned share</th></tr></thead><tbody>
${rec.byProvider.map((p) => row(p.provider, p))}${row('total', rec, 'total')}</tbody></table>
${extras.length > 0 ? html`<ul class="notes">${extras.map((n) => html`<li>${n}</li>`)}</ul>` : ''}</section>`;
}

export function comparison(c: Comparison): SafeHtml {
  const t = c.totals;
  const table = (title: string, rows: readonly ChangeRow[]) =>
    html`<h3>${title}</h3><table><thead><tr><th>${title}</th><th class="num">Before</th><th class="num">After</th><th class="num">Change</th><th class="num">Volume</th><th class="num">Unit cost</th><th class="num">Model mix</th><th class="num">Runs</th><th class="num">Cost per run</th></tr></thead><tbody>
${rows.map((r) => html`<tr><td class="key">${r.key}</td>${num(usd(r.previousUsd))}${num(usd(r.currentUsd))}${num(`${signedUsd(r.changeUsd)}${r.changePct === null ? '' : ` (${r.changePct > 0 ? '+' : ''}${r.changePct.toFixed(1)}%)`}`)}${num(signedUsd(r.volumeUsd))}${num(signedUsd(r.unitCostUsd))}${num(signedUsd(r.mixUsd))}${num(`${count(r.previousRuns)} → ${count(r.currentRuns)}`)}${num(`${usd(r.previousCostPerRunUsd)} → ${usd(r.currentCostPerRunUsd)}`)}</tr>`)}</tbody></table>`;
  return html`<section id="comparison"><h2>Why did spend change</h2>
<p class="muted">${c.previousPeriod.from} – ${c.previousPeriod.to} → ${c.currentPeriod.from} – ${c.currentPeriod.to}. Volume: more or fewer runs at the old cost per run; model mix: a different share of steps per model at the old per-model costs; unit cost: everything else about a run. The three add up to the change.</p>
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
${table('Feature', c.byFeature)}${table('Team', c.byTeam)}</section>`;
}
