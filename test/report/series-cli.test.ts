import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';

// The Sep-Oct fixture of series.test.ts (numbers computed there): Sep $21.00, Oct $24.05;
// inbox-triage $10 -> $13.80 (+38.0%), clause-search new in October.
const FIXTURE = path.join(repoRoot, 'test/report/fixtures/series-2026-09-10.jsonl');
const report = (extra: string[], paths = [FIXTURE]) => runCli(['report', ...paths, '-t', path.join(repoRoot, 'fixtures/attrib.yaml'), '--since', '2026-09-01', '--until', '2026-10-31', ...extra]);

describe('attrib report --by month|week|day', () => {
  it('json: the series asked for, valid against the schema; none without --by', () => {
    const run = report(['--by', 'month,week', '--format', 'json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(schemaErrors('report-result', result)).toEqual([]);
    expect(result.series.map((s: { granularity: string }) => s.granularity)).toEqual(['month', 'week']);
    expect(result.series[0].periods.map((p: { costUsd: number }) => p.costUsd)).toEqual([21, 24.05]);
    expect(result.series[0].byFeature[0]).toEqual({ key: 'inbox-triage', costUsd: 23.8, valuesUsd: [10, 13.8], currentUsd: 13.8, previousUsd: 10, trendPct: 38 });
    expect(JSON.parse(report(['--format', 'json']).stdout).series).toBeUndefined();
  });

  it('table and markdown: a column per period, the total and the trend', () => {
    const table = report(['--by', 'month']).stdout;
    expect(table).toContain('Features by month');
    expect(table).toMatch(/│ inbox-triage\s+│\s+\$10\.00 │\s+\$13\.80 │ \$23\.80 │\s+\+38\.0% │/);
    expect(table).toMatch(/│ clause-search\s+│\s+\$0\.00 │\s+\$5\.00 │\s+\$5\.00 │\s+new │/);
    const markdown = report(['--by', 'month', '--format', 'markdown']).stdout;
    expect(markdown).toContain('| Team | 2026-09 | 2026-10 | Total | vs last month |');
    expect(markdown).toContain('| mail | $14.00 | $15.80 | $29.80 | +12.9% |');
    expect(markdown).toContain('| **Total** | **$21.00** | **$24.05** | **$45.05** |  |');
  });

  it('csv: one row per feature and team, a cost column per period that sums to the period total', () => {
    const rows = parse(report(['--by', 'month', '--format', 'csv']).stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['dimension', 'key', 'cost_usd', 'cost_usd_2026-09', 'cost_usd_2026-10', 'trend_pct']);
    const sum = (dimension: string, column: string) => rows.filter((r) => r.dimension === dimension).reduce((s, r) => s + Math.round(Number(r[column]) * 1e6), 0);
    for (const dimension of ['month:feature', 'month:team']) {
      expect(sum(dimension, 'cost_usd_2026-09')).toBe(21_000_000);
      expect(sum(dimension, 'cost_usd_2026-10')).toBe(24_050_000);
    }
    expect(rows.find((r) => r.key === 'legal')).toMatchObject({ cost_usd: '14', trend_pct: '33.3' });
    expect(rows.find((r) => r.key === 'clause-search')!.trend_pct).toBe('new');
  });

  it('html: a line chart per top feature and team, every name escaped', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'attrib-series-'));
    const hostile = '<img src=x onerror=alert(1)>';
    const extra = path.join(dir, 'hostile.jsonl');
    writeFileSync(extra, `${JSON.stringify({ ts: '2026-10-03T10:00:00.000Z', step_id: 'st_h1', kind: 'model', provider: 'openai', model: 'gpt-4.1-mini', input_tokens: 10, output_tokens: 1, cost_usd: 0.5, tags: { feature: hostile, team: hostile } })}\n`);
    const out = path.join(dir, 'page.html');
    expect(report(['--by', 'month', '--format', 'html', '-o', out], [FIXTURE, extra]).code).toBe(0);
    const page = readFileSync(out, 'utf8');
    const charts = page.slice(page.indexOf('<section id="series-month">'), page.indexOf('</section>', page.indexOf('<section id="series-month">')));
    expect(charts.match(/<svg /g)).toHaveLength(2);
    // Features: inbox-triage, contract-redline, smart-compose, clause-search, (unattributed) (the hostile
    // feature is not in the registry: unattributed); teams: mail, legal, (unattributed) and the hostile tag.
    expect(charts.match(/<polyline /g)).toHaveLength(5 + 4);
    expect(charts).toContain('inbox-triage (+38.0% vs last month)');
    expect(page).not.toContain(hostile);
    expect(charts).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toMatch(/<script/i);
    // Without --by month the page has no series section.
    expect(report(['--format', 'html']).stdout).not.toContain('id="series-');
  });
});
