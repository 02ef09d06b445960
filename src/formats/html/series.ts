/**
 * The `--by day|week|month` charts of the showback page: per granularity asked, one line per top
 * feature and one per top team over the periods (the tables of every row follow as view sections).
 */
import type { SeriesBlock, SeriesRow } from '../../report/series.js';
import type { ReportResult } from '../../report/types.js';
import { html, type SafeHtml } from './escape.js';
import { lineChart } from './charts.js';
import { trendWords } from '../series-sections.js';

/** Rows drawn as a line (the chart has 8 colours; the tables below list every row). */
export const SERIES_LINES = 7;

function chart(block: SeriesBlock, rows: readonly SeriesRow[], what: string): SafeHtml {
  const top = rows.slice(0, SERIES_LINES);
  const caption = `Spend per ${block.granularity}, top ${top.length} ${what}`;
  // Each line is named with its trend, so the legend answers "up or down" without the table.
  const series = top.map((row) => {
    const trend = trendWords(row, block.granularity);
    return { name: trend === '' ? row.key : `${row.key} (${trend})`, values: row.valuesUsd };
  });
  return lineChart(
    block.periods.map((p) => p.label),
    series,
    caption,
  );
}

export function seriesCharts(result: ReportResult): SafeHtml[] {
  return (result.series ?? []).map(
    (block) => html`<section id="series-${block.granularity}"><h2>Spend by ${block.granularity}</h2>
<p class="muted">The ${SERIES_LINES} costliest features and teams; every row, and the trend, in the tables below.</p>
${chart(block, block.byFeature, 'features')}
${chart(block, block.byTeam, 'teams')}
</section>`,
  );
}
