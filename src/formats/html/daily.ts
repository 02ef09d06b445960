/**
 * The daily spend chart of the showback page: one line per team over the period's UTC days, with
 * the run-rate that reaches each team's month-end forecast, and the forecast table. The most
 * expensive teams get a line; the rest are summed into one, so the chart stays legible.
 */
import type { ForecastRow, ReportResult } from '../../report/types.js';
import { html, type SafeHtml } from './escape.js';
import { lineChart, type Series } from './charts.js';
import { formatCount, formatMoney } from '../numbers.js';

/** Teams drawn as their own line; the others are one `… N more teams` line (8 colours). */
const TEAM_LINES = 7;
const usd = (value: number | null): string => (value === null ? '–' : formatMoney(value));
const num = (text: string): SafeHtml => html`<td class="num">${text}</td>`;
const badge = (cls: string, text: string): SafeHtml => html`<span class="badge ${cls}">${text}</span>`;

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

/** The daily chart, the month-end forecast and the daily table. */
export function daily(r: ReportResult): SafeHtml {
  const dates = datesBetween(r.period.from, r.period.to);
  const index = new Map(dates.map((d, i) => [d, i]));
  const totals = new Map<string, number>();
  for (const d of r.daily) totals.set(d.team, (totals.get(d.team) ?? 0) + d.costUsd);
  const ranked = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || (a < b ? -1 : 1));
  const teams = ranked.slice(0, ranked.length > TEAM_LINES + 1 ? TEAM_LINES : ranked.length);
  const others = new Set(ranked.slice(teams.length));
  const lastDay = r.daily.reduce((max, d) => (d.date > max ? d.date : max), '');
  const forecastOf = new Map(r.forecast.filter((f) => f.scope === 'team').map((f) => [f.key, f]));
  const last = index.get(lastDay) ?? dates.length - 1;
  /** Spend per date of the teams `of` picks; days without spend up to the last data day are zero, not gaps. */
  const valuesOf = (of: (team: string) => boolean): (number | null)[] => {
    const values: (number | null)[] = dates.map(() => null);
    for (const d of r.daily) {
      const i = index.get(d.date);
      if (of(d.team) && i !== undefined) values[i] = (values[i] ?? 0) + d.costUsd;
    }
    for (let i = 0; i <= last; i++) values[i] ??= 0;
    return values;
  };
  const series: Series[] = teams.map((team) => ({ name: team, values: valuesOf((t) => t === team), ...projection(forecastOf.get(team), lastDay, index) }));
  if (others.size > 0) series.push({ name: `… ${formatCount(others.size)} more teams`, values: valuesOf((t) => others.has(t)) });
  const forecastRows = [...r.forecast].sort((a, b) => (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : b.projectedUsd - a.projectedUsd));
  return html`<section id="daily"><h2>Daily spend per team</h2>
<p class="muted">Solid lines: spend per UTC day. Dashed: the run-rate that reaches the month-end forecast.</p>
${lineChart(dates, series, 'Daily spend per team')}
${forecastRows.length === 0 ? html`<p class="muted">No forecast: the data covers the whole period.</p>` : html`<h3>Month-end forecast</h3>
<div class="scroll"><table><thead><tr><th>Scope</th><th>Key</th><th>Month</th><th class="num">To date</th><th class="num">Projected</th><th class="num">Budget</th><th>Method</th><th>Status</th></tr></thead><tbody>
${forecastRows.map((f) => html`<tr><td>${f.scope}</td><td class="key">${f.key}</td><td>${f.month}</td>${num(usd(f.costToDateUsd))}${num(usd(f.projectedUsd))}${num(usd(f.budgetUsd))}<td>${methodLabel(f)}</td><td>${f.projectedOver ? badge('projected', 'projected over') : ''}</td></tr>`)}
</tbody></table></div>`}
<details><summary>Daily spend table</summary>
<div class="scroll"><table><thead><tr><th>Date</th>${series.map((s) => html`<th class="num">${s.name}</th>`)}</tr></thead><tbody>
${dates.filter((d) => d <= lastDay).map((d) => html`<tr><td>${d}</td>${series.map((s) => num(usd(s.values[index.get(d)!] ?? 0)))}</tr>`)}
</tbody></table></div></details></section>`;
}

/** How the row was projected, in words: the run-rate with its daily figure, or linear. */
function methodLabel(f: ForecastRow): string {
  return f.runRateDailyUsd === null ? 'linear' : `7-day run-rate, ${usd(f.runRateDailyUsd)} a day`;
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

