/**
 * The page's only stylesheet. Its SHA-256 goes into the Content-Security-Policy, so nothing else
 * (no injected <style>, no style attribute) can apply. System fonts: the file fetches nothing.
 */
export const STYLESHEET = `
:root { --ink:#1d2430; --muted:#5b6574; --line:#d9dee5; --bg:#ffffff; --panel:#f6f8fa;
  --under:#2e7d32; --near:#c98a00; --over:#c62828; --none:#8a94a3; --accent:#2f5fb3; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px 32px 48px; color: var(--ink); background: var(--bg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; padding-top: 12px; border-top: 1px solid var(--line); }
h3 { font-size: 15px; margin: 18px 0 6px; }
p.sub, .muted { color: var(--muted); }
p.warning { border-left: 4px solid var(--near); padding: 6px 10px; background: #fff8e1; overflow-wrap: anywhere; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin: 16px 0; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.card dt { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card dd { margin: 2px 0 0; font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 4px; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.total td { font-weight: 600; border-top: 2px solid var(--ink); }
tr.sub td:first-child { padding-left: 24px; color: var(--muted); }
td.key { white-space: nowrap; } /* names are not split; a wide table scrolls in its box */
/* Wide tables and charts scroll inside their box; the page itself never scrolls sideways. */
.scroll, .chart-scroll { overflow-x: auto; max-width: 100%; }
.scroll > table { margin: 0; }
tr.more td { color: var(--muted); font-style: italic; }
.owner { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
.badge { display: inline-block; padding: 0 6px; border-radius: 9px; font-size: 12px; font-weight: 600; color: #fff; }
.badge.under { background: var(--under); } .badge.near { background: var(--near); }
.badge.over, .badge.outlier, .badge.projected { background: var(--over); } .badge.no-budget { background: var(--none); }
details { margin: 6px 0; } summary { cursor: pointer; color: var(--accent); }
ul.notes { margin: 6px 0; padding-left: 20px; }
svg.chart { width: 100%; max-width: 760px; min-width: 640px; height: auto; display: block; margin: 8px 0; }
svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
svg text.axis { fill: var(--muted); font-size: 11px; }
svg text.value { fill: var(--muted); }
.grid { stroke: var(--line); stroke-width: 1; }
.marker { stroke: var(--ink); stroke-width: 2; }
.bar.status-under { fill: var(--under); } .bar.status-near { fill: var(--near); }
.bar.status-over { fill: var(--over); } .bar.status-no-budget { fill: var(--none); }
.bar.plain { fill: var(--accent); } .bar.outlier { fill: var(--over); }
.seg.attributed { fill: var(--under); } .seg.missing { fill: #e57373; } .seg.unknown-value { fill: #ffb74d; } .seg.conflict { fill: #9575cd; }
.line { fill: none; stroke-width: 2; } .projection { stroke-width: 2; stroke-dasharray: 6 4; }
.s0 { stroke: #2f5fb3; } .s1 { stroke: #d9822b; } .s2 { stroke: #2e9e6a; } .s3 { stroke: #c23b6a; }
.s4 { stroke: #7b5cc4; } .s5 { stroke: #3aa6b9; } .s6 { stroke: #8a6d3b; } .s7 { stroke: #6b7280; }
.wf.total { fill: var(--accent); } .wf.up { fill: var(--over); } .wf.down { fill: var(--under); }
@media (max-width: 600px) {
  body { padding: 12px 12px 32px; }
  h1 { font-size: 20px; }
  .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
  .card dd { font-size: 16px; }
  th, td { padding: 4px 6px; }
}
@media print { h2 { break-before: auto; } details { display: block; } }
`;
