/**
 * `--by day|week|month`: two sections per granularity, features and teams, with one column per
 * period (newest kept longest on a narrow terminal), the total, and the trend (src/report/series.ts:
 * the last period up to its last day with data against as many days of the one before).
 */
import { type Granularity, type SeriesBlock, type SeriesRow, buildSeries } from '../report/series.js';
import type { ReportResult } from '../report/types.js';
import { type ViewCell, type ViewColumn, type ViewRow, type ViewSection, EMPTY, column, money, text } from './report-cells.js';
import { formatSignedPct } from './numbers.js';

/** The result's series of a granularity: the one the command attached, else made from the day rows. */
export function seriesOf(result: ReportResult, granularity: Granularity): SeriesBlock {
  return result.series?.find((s) => s.granularity === granularity) ?? buildSeries({ ...result, dailyFeatures: result.dailyFeatures ?? [] }, granularity);
}

/** The trend cell: a signed percent, `new` (spend now, none before), or empty (nothing to compare). */
export function trendCell(row: SeriesRow): ViewCell {
  if (row.previousUsd === null || row.currentUsd === null) return EMPTY;
  if (row.trendPct === null) return row.currentUsd > 0 ? text('new') : EMPTY;
  return { type: 'percent', pct: row.trendPct, signed: true };
}

/** The trend in words, `+38.0% vs last month`, `new`, or '' (the HTML chart legend). */
export function trendWords(row: SeriesRow, granularity: Granularity): string {
  const cell = trendCell(row);
  if (cell.type === 'percent') return `${formatSignedPct(cell.pct!)} vs last ${granularity}`;
  return cell.type === 'text' ? cell.text : '';
}

const NOUNS = { feature: ['Feature', 'feature'], team: ['Team', 'team'] } as const;

function section(block: SeriesBlock, of: 'feature' | 'team'): ViewSection {
  const { granularity, periods } = block;
  const [label, noun] = NOUNS[of];
  const last = periods.length - 1;
  const columns: ViewColumn[] = [
    column('key', label, 'key', 'key'),
    // Older periods give way first on a narrow terminal: the last two stay longest.
    ...periods.map((p, i) => column(`period:${p.label}`, p.label, `cost_usd_${p.label}`, 'sum', i >= last - 1 ? 7 : i >= last - 5 ? 3 : 1)),
    column('cost', 'Total', 'cost_usd', 'sum', 9),
    column('trend', `vs last ${granularity}`, 'trend_pct', 'number', 8),
  ];
  const list = of === 'feature' ? block.byFeature : block.byTeam;
  const rows: ViewRow[] = list.map((row) => ({ kind: 'row', cells: [text(row.key), ...row.valuesUsd.map((v) => money(v)), money(row.costUsd), trendCell(row)] }));
  rows.push({ kind: 'total', cells: [text('Total'), ...periods.map((p) => money(p.costUsd)), money(periods.reduce((micros, p) => micros + Math.round(p.costUsd * 1e6), 0) / 1e6), EMPTY] });
  const notes = [
    block.compared === null
      ? `No trend: the period before the last ${granularity} is not inside the report period.`
      : `Trend: ${block.compared.current.start}..${block.compared.current.end} against ${block.compared.previous.start}..${block.compared.previous.end} (the same number of days); new: no spend before.`,
  ];
  return { id: `${granularity}:${of}`, dimension: granularity, title: `${label}s by ${granularity}`, notes, columns, rows, noun, hidden: 0, emptyText: 'No spend.' };
}

export function seriesSections(result: ReportResult, granularity: Granularity): ViewSection[] {
  const block = seriesOf(result, granularity);
  return [section(block, 'feature'), section(block, 'team')];
}
