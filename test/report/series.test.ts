import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSeries } from '../../src/report/series.js';
import { trendWords } from '../../src/formats/series-sections.js';
import { analyze } from '../../src/report/index.js';
import { repoRoot } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { fixtureTaxonomy } from './helpers.js';

// test/report/fixtures/series-2026-09-10.jsonl (written for this test, in the shape of attrib's own
// step records): ten steps with explicit costs, September and October 2026, data ending Oct 20.
//   Sep:  03 inbox-triage $10   15 smart-compose $4   18 contract-redline $6   25 (no feature) $1
//   Oct:  02 inbox-triage $12.50   05 inbox-triage $1.30   06 contract-redline $3   12 smart-compose $2
//         14 clause-search $5   20 (no feature) $0.25
// Teams from the registry: inbox-triage, smart-compose -> mail; contract-redline, clause-search -> legal.
const FIXTURE = 'test/report/fixtures/series-2026-09-10.jsonl';
const micros = (values: readonly number[]) => values.reduce((sum, v) => sum + Math.round(v * 1e6), 0);

async function report(since: string, until: string) {
  const analysis = await analyze({ cwd: repoRoot, taxonomy: fixtureTaxonomy(), paths: [FIXTURE], since, until, fallbackPricing: false });
  return analysis.result;
}

describe('--by month series', () => {
  it('sums each month by feature and team, and compares Oct 1-20 with Sep 1-20', async () => {
    const result = await report('2026-09-01', '2026-10-31');
    const month = buildSeries(result, 'month');
    // Sep: 10 + 4 + 6 + 1 = $21; Oct: 12.50 + 1.30 + 3 + 2 + 5 + 0.25 = $24.05.
    expect(month.periods).toEqual([
      { label: '2026-09', start: '2026-09-01', end: '2026-09-30', costUsd: 21 },
      { label: '2026-10', start: '2026-10-01', end: '2026-10-31', costUsd: 24.05 },
    ]);
    expect(month.compared).toEqual({ current: { start: '2026-10-01', end: '2026-10-20' }, previous: { start: '2026-09-01', end: '2026-09-20' } });
    expect(month.byFeature.map((r) => [r.key, r.valuesUsd, r.trendPct, trendWords(r, 'month')])).toEqual([
      // (13.80 - 10) / 10 = +38%.
      ['inbox-triage', [10, 13.8], 38, '+38.0% vs last month'],
      // (3 - 6) / 6 = -50%.
      ['contract-redline', [6, 3], -50, '-50.0% vs last month'],
      // (2 - 4) / 4 = -50%.
      ['smart-compose', [4, 2], -50, '-50.0% vs last month'],
      // Nothing in September: new.
      ['clause-search', [0, 5], null, 'new'],
      // Its September dollar is on the 25th, outside Sep 1-20: new too.
      ['(unattributed)', [1, 0.25], null, 'new'],
    ]);
    // mail: Sep 10 + 4 = 14, Oct 13.80 + 2 = 15.80 -> 1.80 / 14 = 12.857% -> 12.9; legal: 6 -> 8 = +33.3%.
    expect(month.byTeam.map((r) => [r.key, r.costUsd, r.valuesUsd, r.previousUsd, r.currentUsd, r.trendPct])).toEqual([
      ['mail', 29.8, [14, 15.8], 14, 15.8, 12.9],
      ['legal', 14, [6, 8], 6, 8, 33.3],
      ['(unattributed)', 1.25, [1, 0.25], 0, 0.25, null],
    ]);
    // Each period's features, and its teams, add up to the period's total to the micro-dollar.
    month.periods.forEach((p, i) => {
      expect(micros(month.byFeature.map((r) => r.valuesUsd[i]!))).toBe(micros([p.costUsd]));
      expect(micros(month.byTeam.map((r) => r.valuesUsd[i]!))).toBe(micros([p.costUsd]));
    });
    expect(micros(month.periods.map((p) => p.costUsd))).toBe(micros([result.totals.costUsd]));
  });

  it('has no month trend in a one-month report (no previous month inside it)', async () => {
    const result = await report('2026-10-01', '2026-10-31');
    const month = buildSeries(result, 'month');
    expect(month.compared).toBeNull();
    expect(month.byFeature.map((r) => [r.key, r.costUsd, r.trendPct, trendWords(r, 'month')])[0]).toEqual(['inbox-triage', 13.8, null, '']);
  });
});

describe('--by week and --by day series', () => {
  it('cuts ISO weeks to the period and labels them by ISO week', async () => {
    const result = await report('2026-09-01', '2026-10-31');
    const week = buildSeries(result, 'week');
    // Sep 1 2026 is a Tuesday: the first week (W36, Mon Aug 31) counts Sep 1-6 only; the last, W44, Oct 26-31.
    expect(week.periods.map((p) => `${p.label} ${p.start}..${p.end} ${p.costUsd}`)).toEqual([
      '2026-W36 2026-09-01..2026-09-06 10',
      '2026-W37 2026-09-07..2026-09-13 0',
      '2026-W38 2026-09-14..2026-09-20 10',
      '2026-W39 2026-09-21..2026-09-27 1',
      '2026-W40 2026-09-28..2026-10-04 12.5',
      '2026-W41 2026-10-05..2026-10-11 4.3',
      '2026-W42 2026-10-12..2026-10-18 7',
      '2026-W43 2026-10-19..2026-10-25 0.25',
      '2026-W44 2026-10-26..2026-10-31 0',
    ]);
    // The last day with data is Tue Oct 20: Mon-Tue of W43 against Mon-Tue of W42 (Oct 12-13).
    expect(week.compared).toEqual({ current: { start: '2026-10-19', end: '2026-10-20' }, previous: { start: '2026-10-12', end: '2026-10-13' } });
    const team = (key: string) => week.byTeam.find((r) => r.key === key)!;
    // mail spent $2 on Oct 12 and nothing on Oct 19-20: -100%; legal nothing in either: no trend.
    expect([team('mail').previousUsd, team('mail').currentUsd, trendWords(team('mail'), 'week')]).toEqual([2, 0, '-100.0% vs last week']);
    expect(trendWords(team('legal'), 'week')).toBe('');
    expect(week.byFeature.find((r) => r.key === 'inbox-triage')!.valuesUsd).toEqual([10, 0, 0, 0, 12.5, 1.3, 0, 0, 0]);
  });

  it('lists every day of the period, and compares the last day with data with the day before', async () => {
    const result = await report('2026-10-01', '2026-10-31');
    const day = buildSeries(result, 'day');
    expect(day.periods).toHaveLength(31);
    expect(day.periods[4]).toEqual({ label: '2026-10-05', start: '2026-10-05', end: '2026-10-05', costUsd: 1.3 });
    expect(day.compared).toEqual({ current: { start: '2026-10-20', end: '2026-10-20' }, previous: { start: '2026-10-19', end: '2026-10-19' } });
    expect(trendWords(day.byFeature.find((r) => r.key === '(unattributed)')!, 'day')).toBe('new');
  });

  it('reads only the result (both engines make the same day rows), and fits the report schema', async () => {
    const result = await report('2026-09-01', '2026-10-31');
    expect(result.dailyFeatures.filter((r) => r.date === '2026-10-14')).toEqual([{ date: '2026-10-14', feature: 'clause-search', costUsd: 5 }]);
    const withSeries = { ...result, series: (['day', 'week', 'month'] as const).map((g) => buildSeries(result, g)) };
    expect(schemaErrors('report-result', JSON.parse(JSON.stringify(withSeries)))).toEqual([]);
    // The schema knows the block: a granularity it does not list is an error.
    expect(schemaErrors('report-result', JSON.parse(JSON.stringify({ ...withSeries, series: [{ ...withSeries.series[0]!, granularity: 'year' }] })))).not.toEqual([]);
    expect(readFileSync(path.join(repoRoot, FIXTURE), 'utf8').trim().split('\n')).toHaveLength(10);
  });
});
