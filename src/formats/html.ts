/**
 * `--format html`: one self-contained showback page. No script at all (charts are inline SVG), no
 * network (system fonts, nothing linked), and a Content-Security-Policy that allows nothing but the
 * page's own hashed stylesheet, so even an escaping bug could not run or load anything. It renders
 * the report view (report-view.ts) like table and markdown, with every section (`--by` is ignored).
 */
import { createHash } from 'node:crypto';
import { html, SafeHtml } from './html/escape.js';
import { STYLESHEET } from './html/style.js';
import * as section from './html/sections.js';
import { daily } from './html/daily.js';
import { seriesCharts } from './html/series.js';
import { DIMENSIONS, type ReportFormatter, buildReportView } from './report-view.js';

const STYLE_HASH = createHash('sha256').update(STYLESHEET).digest('base64');
export const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src 'none'; base-uri 'none'; form-action 'none'`;

/** Sections drawn by a part of the page of their own (budgets, tenants, dimensions...). */
const PLACED = new Set(['reconciliation', 'feature', 'team', 'tenant', 'tools', 'model', 'workload_class', 'environment']);

/** Rows per table without `--top` / `--all`. */
export const DEFAULT_HTML_TOP = 20;

export const format: ReportFormatter = (result, options) => {
  // Sections whose data only some runs compute (an allocation, call sites, the series --by asked for) only when present.
  const series = new Set((result.series ?? []).map((s) => s.granularity as string));
  const by = DIMENSIONS.filter(
    (d) => (d !== 'chargeback' || result.chargeback !== undefined) && (d !== 'call_site' || result.byCallSite !== undefined) && (!['day', 'week', 'month'].includes(d) || series.has(d)),
  );
  const view = buildReportView(result, { ...options, by, top: options.top ?? DEFAULT_HTML_TOP });
  // Sections the page does not place in one of its own parts get a page section each, in view order.
  const others = view.sections.filter((s) => !PLACED.has(s.id) && !s.id.startsWith('comparison-'));
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>AI spend showback ${result.period.from} – ${result.period.to}</title>
<style>${new SafeHtml(STYLESHEET)}</style>
</head>
<body>
${section.header(view)}
<main>
${section.attribution(view)}
${view.sections.filter((s) => s.id === 'reconciliation').map((s) => section.viewSection(s))}
${section.budgets(view)}
${result.comparison ? section.comparison(view, result.comparison) : ''}
${daily(result)}
${section.tenants(view)}
${view.sections.filter((s) => s.id === 'tools').map((s) => section.viewSection(s))}
${section.dimensions(view)}
${seriesCharts(result)}
${others.map((s) => section.viewSection(s))}
${section.flags(view)}
${section.cut(view)}
</main>
</body>
</html>
`;
  return page.value;
};
