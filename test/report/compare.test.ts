import { describe, expect, it } from 'vitest';
import { compareReports, type ComparableReport, type ChangeFigures } from '../../src/report/compare.js';
import { renderComparisonMarkdown } from '../../src/formats/markdown.js';
import type { FeatureModelRow, FeatureRow } from '../../src/report/types.js';

function feature(key: string, team: string | null, costUsd: number, runs: number): FeatureRow {
  return { key, team, costUsd, steps: 0, runs, budgetUsd: null, varianceUsd: null, status: 'no-budget' };
}
const model = (feature: string, model: string, costUsd: number, steps: number): FeatureModelRow => ({ feature, model, costUsd, steps, runs: 0 });
const team = (key: string, costUsd: number, runs: number) => ({ ...feature(key, null, costUsd, runs) });

// September. contract-redline: $1000 over 100 runs ($10/run); gpt-4o 200 steps at $4, mini 200 at $1.
const september: ComparableReport = {
  period: { from: '2026-09-01', to: '2026-09-30' },
  byFeature: [
    feature('contract-redline', 'legal', 1000, 100),
    feature('clause-search', 'legal', 50, 10),
    feature('inbox-triage', 'mail', 100, 50),
    feature('semantic-search', 'search', 30, 10),
    feature('(unattributed)', null, 10.000001, 3),
  ],
  byTeam: [team('legal', 1050, 105), team('mail', 100, 50), team('search', 30, 10), team('(unattributed)', 10.000001, 3)],
  byFeatureModel: [
    model('contract-redline', 'gpt-4o', 800, 200),
    model('contract-redline', 'gpt-4o-mini', 200, 200),
    model('clause-search', 'gpt-4o-mini', 50, 20),
    model('inbox-triage', 'gpt-4o-mini', 100, 100),
    model('semantic-search', 'text-embedding-3-small', 30, 300),
  ],
};

// October. contract-redline: $2100 over 150 runs ($14/run); gpt-4o 300 steps at $5, mini 150 at $4.
const october: ComparableReport = {
  period: { from: '2026-10-01', to: '2026-10-31' },
  byFeature: [
    feature('contract-redline', 'legal', 2100, 150),
    feature('clause-search', 'legal', 50, 10),
    feature('inbox-triage', 'mail', 135, 45),
    feature('support-agent', 'support', 60.5, 11),
    feature('(unattributed)', null, 20, 4),
  ],
  byTeam: [team('legal', 2150, 160), team('mail', 135, 45), team('support', 60.5, 11), team('(unattributed)', 20, 4)],
  byFeatureModel: [
    model('contract-redline', 'gpt-4o', 1500, 300),
    model('contract-redline', 'gpt-4o-mini', 600, 150),
    model('clause-search', 'gpt-4o-mini', 50, 20),
    model('inbox-triage', 'gpt-4o-mini', 45, 45),
    model('inbox-triage', 'claude-haiku', 90, 45),
    model('support-agent', 'gpt-4o-mini', 60.5, 121),
  ],
};

const micros = (x: number) => Math.round(x * 1e6);
const addsUp = (r: ChangeFigures) => micros(r.volumeUsd) + micros(r.unitCostUsd) + micros(r.mixUsd) === micros(r.changeUsd);

describe('compareReports', () => {
  const c = compareReports(september, october);
  const row = (list: typeof c.byFeature, key: string) => list.find((r) => r.key === key)!;

  it('splits a feature change into volume, model mix and unit cost', () => {
    // volume = (150 - 100) x $10 = 500. I0 = 1000/400 = 2.5, I1 = (300x4 + 150x1)/450 = 3, so the
    // mix-adjusted cost per run is $12: mix = 150 x (12 - 10) = 300; unit = 150 x (14 - 12) = 300.
    expect(row(c.byFeature, 'contract-redline')).toEqual({
      key: 'contract-redline',
      previousUsd: 1000,
      currentUsd: 2100,
      changeUsd: 1100,
      changePct: 110,
      volumeUsd: 500,
      unitCostUsd: 300,
      mixUsd: 300,
      previousRuns: 100,
      currentRuns: 150,
      previousCostPerRunUsd: 10,
      currentCostPerRunUsd: 14,
    });
  });

  it('counts a switch to a model the previous period did not use as mix, at its current step cost', () => {
    // u0 = $2; volume = -5 x 2 = -10. I0 = 1, I1 = (45 x 1 + 45 x 2)/90 = 1.5: mix = 45 x (3 - 2) = 45.
    expect(row(c.byFeature, 'inbox-triage')).toMatchObject({ changeUsd: 35, volumeUsd: -10, mixUsd: 45, unitCostUsd: 0 });
  });

  it('puts new and gone groups in volume', () => {
    expect(row(c.byFeature, 'support-agent')).toMatchObject({ previousUsd: 0, changeUsd: 60.5, changePct: null, volumeUsd: 60.5, unitCostUsd: 0, mixUsd: 0, previousCostPerRunUsd: null });
    expect(row(c.byFeature, 'semantic-search')).toMatchObject({ currentUsd: 0, changeUsd: -30, volumeUsd: -30, changePct: -100 });
    expect(row(c.byFeature, 'clause-search')).toMatchObject({ changeUsd: 0, volumeUsd: 0, unitCostUsd: 0, mixUsd: 0 });
  });

  it('rounds the effects so they add up to the micro-dollar (largest remainder)', () => {
    // (unattributed): $10.000001 over 3 runs -> $20 over 4. volume = 1 x 10000001/3 = 3333333.67
    // micros, unit = 9999999 - 3333333.67 = 6666665.33: rounded 3333334 + 6666665 = 9999999.
    expect(row(c.byFeature, '(unattributed)')).toMatchObject({ changeUsd: 9.999999, volumeUsd: 3.333334, unitCostUsd: 6.666665, mixUsd: 0 });
    for (const r of [...c.byFeature, ...c.byTeam, c.totals]) expect(addsUp(r), JSON.stringify(r)).toBe(true);
  });

  it('measures a team mix over the models of all its features', () => {
    // legal: u0 = 1050/105 = $10, volume = 55 x 10 = 550. Steps: gpt-4o 200 -> 300 at $4,
    // mini 220 -> 170 at 250/220; I0 = 1050/420 = 2.5, I1 = (1200 + 170 x 250/220)/470 = 2.964216...
    // mix = 160 x 10 x (I1/I0 - 1) = 297.098646.03 micros, unit = 1100 - 550 - 297.098646.03 = 252.901353.97.
    expect(row(c.byTeam, 'legal')).toMatchObject({ changeUsd: 1100, volumeUsd: 550, mixUsd: 297.098646, unitCostUsd: 252.901354 });
  });

  it('totals the feature rows and lists top movers first', () => {
    // 1100 + 35 + 60.5 - 30 + 9.999999 + 0
    expect(c.totals).toEqual({
      previousUsd: 1190.000001,
      currentUsd: 2365.5,
      changeUsd: 1175.499999,
      changePct: 98.8,
      volumeUsd: 523.833334, // 500 - 10 + 60.5 - 30 + 3.333334
      unitCostUsd: 306.666665, // 300 + 6.666665
      mixUsd: 345,
    });
    expect(c.byFeature.map((r) => r.key)).toEqual([
      'contract-redline',
      'support-agent',
      'inbox-triage',
      'semantic-search',
      '(unattributed)',
      'clause-search',
    ]);
    expect(c.byTeam.map((r) => r.key)).toEqual(['legal', 'support', 'mail', 'search', '(unattributed)']);
    expect(c.previousPeriod).toEqual(september.period);
  });
});

describe('renderComparisonMarkdown', () => {
  it('renders a compact summary with the top movers and the rest summed', () => {
    const md = renderComparisonMarkdown(compareReports(september, october), { top: 2 });
    expect(md).toBe(
      [
        '### Why spend changed: by feature',
        '',
        '_2026-09-01 to 2026-09-30: $1,190.00 → 2026-10-01 to 2026-10-31: $2,365.50, change +$1,175.50 (+98.8%) = volume +$523.83 + unit cost +$306.67 + model mix +$345.00_',
        '',
        '| Feature | Before | After | Change | Change % | Volume | Unit cost | Model mix | Runs | Cost/run |',
        '| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :--- | :--- |',
        '| contract-redline | $1,000.00 | $2,100.00 | +$1,100.00 | +110.0% | +$500.00 | +$300.00 | +$300.00 | 100 → 150 | $10.00 → $14.00 |',
        '| support-agent | $0.00 | $60.50 | +$60.50 |  | +$60.50 | $0.00 | $0.00 | 0 → 11 | – → $5.50 |',
        // The other three movers, summed: before and after, and effects that still add up to the change (-36.67 + 6.67 + 45 = 15).
        '| _… 3 more features_ | _$140.00_ | _$155.00_ | _+$15.00_ |  | _-$36.67_ | _+$6.67_ | _+$45.00_ |  |  |',
        '',
        '### Why spend changed: by team',
        '',
        '| Team | Before | After | Change | Change % | Volume | Unit cost | Model mix | Runs | Cost/run |',
        '| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :--- | :--- |',
        '| legal | $1,050.00 | $2,150.00 | +$1,100.00 | +104.8% | +$550.00 | +$252.90 | +$297.10 | 105 → 160 | $10.00 → $13.44 |',
        '| support | $0.00 | $60.50 | +$60.50 |  | +$60.50 | $0.00 | $0.00 | 0 → 11 | – → $5.50 |',
        '| _… 3 more teams_ | _$140.00_ | _$155.00_ | _+$15.00_ |  | _-$36.67_ | _+$6.67_ | _+$45.00_ |  |  |',
        '',
      ].join('\n'),
    );
  });

  it('shows hostile keys as literal text', () => {
    const hostile = '<img src=x onerror=alert(1)>|**x**\n\u001b[31m';
    const rename = (r: ComparableReport): ComparableReport => ({
      ...r,
      byFeature: r.byFeature.map((f) => (f.key === 'contract-redline' ? { ...f, key: hostile } : f)),
      byFeatureModel: [],
    });
    const md = renderComparisonMarkdown(compareReports(rename(september), rename(october)), { top: 1 });
    const line = md.split('\n').find((l) => l.includes('img'))!;
    expect(line.startsWith('| &lt;img src=x onerror=alert(1)>\\|\\*\\*x\\*\\*\\\\x0a\\\\x1b\\[31m |')).toBe(true);
    expect(md).not.toContain('\u001b');
  });

  it('shows a feature named like a mention or a URL as a code span (no ping, no link)', () => {
    const rename = (r: ComparableReport): ComparableReport => ({
      ...r,
      byFeature: r.byFeature.map((f) => (f.key === 'contract-redline' ? { ...f, key: '@octocat' } : f.key === 'support-agent' ? { ...f, key: 'www.evil.example' } : f)),
      byFeatureModel: [],
    });
    const md = renderComparisonMarkdown(compareReports(rename(september), rename(october)), { top: 2 });
    expect(md).toContain('| `@octocat` |');
    expect(md).toContain('| `www.evil.example` |');
  });
});
