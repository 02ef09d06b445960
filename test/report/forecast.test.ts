import { describe, expect, it } from 'vitest';
import { projectMonth } from '../../src/report/forecast.js';
import { schemaErrors } from '../helpers/schema.js';
import { fixtureTaxonomy, reportOn, step } from './helpers.js';

let n = 0;
const spend = (feature: string, usd: number, day: number) =>
  step({ step_id: `f${++n}`, ts: `2026-10-${String(day).padStart(2, '0')}T10:00:00Z`, cost_usd: usd, tags: { feature, parent_run_id: `r${n}` } });

describe('projectMonth', () => {
  it('is linear before a week has elapsed, the 7-day run-rate after', () => {
    // 6 of 30 days, $60 so far: linear 60 x 30 / 6 = $300.
    expect(projectMonth(60e6, 60e6, 6, 30)).toEqual({ method: 'linear', projected: 300e6, linear: 300e6, runRateDaily: null });
    // 10 of 30 days, $100 so far, $14 in the last 7: 100 + 14 / 7 x 20 = $140; linear 100 x 30 / 10 = $300.
    expect(projectMonth(100e6, 14e6, 10, 30)).toEqual({ method: 'run-rate-7d', projected: 140e6, linear: 300e6, runRateDaily: 2e6 });
  });
});

describe('month-end forecast in the report', () => {
  // Data Oct 1-14 (14 of 31 days elapsed; the week is Oct 8-14, 17 days left).
  // inbox-triage: $100 on Oct 1, then $10 a day Oct 8-14 -> $170 so far, $10 a day -> 170 + 170 = $340;
  //   linear 170 x 31 / 14 = 376.428571.
  // smart-compose: $50 a day Oct 8-14 -> $350 so far -> 350 + 50 x 17 = $1,200 > its $900 budget;
  //   linear 350 x 31 / 14 = $775, which would have said under.
  const lines = [spend('inbox-triage', 100, 1)];
  for (let d = 8; d <= 14; d++) lines.push(spend('inbox-triage', 10, d), spend('smart-compose', 50, d));

  // Budgets of its own (not the bundled month's), so that the run-rate and the linear projection disagree.
  const taxonomy = fixtureTaxonomy(`version: 1
tags:
  feature: { registry: features }
  team: { registry: teams, derive_from: feature }
teams:
  mail: { owner: dana@example.com, budget: { monthly_usd: 2000 } }
features:
  inbox-triage: { team: mail, budget: { monthly_usd: 600 } }
  smart-compose: { team: mail, budget: { monthly_usd: 900 } }
org:
  budget: { monthly_usd: 5000 }
`);

  it('projects at the recent run-rate and says so', async () => {
    const { result } = await reportOn({ 'a.jsonl': lines.join('\n') }, { taxonomy });
    const row = (scope: string, key: string) => result.forecast.find((r) => r.scope === scope && r.key === key);
    expect(row('feature', 'inbox-triage')).toEqual({
      scope: 'feature',
      key: 'inbox-triage',
      month: '2026-10',
      costToDateUsd: 170,
      projectedUsd: 340,
      budgetUsd: 600,
      projectedOver: false,
      method: 'run-rate-7d',
      linearProjectedUsd: 376.428571,
      runRateDailyUsd: 10,
    });
    expect(row('feature', 'smart-compose')).toMatchObject({ costToDateUsd: 350, projectedUsd: 1200, linearProjectedUsd: 775, runRateDailyUsd: 50, projectedOver: true });
    // Team mail holds both: $520 so far, $60 a day -> 520 + 60 x 17 = $1,540 (budget $2,000); the org the same.
    expect(row('team', 'mail')).toMatchObject({ costToDateUsd: 520, projectedUsd: 1540, runRateDailyUsd: 60, projectedOver: false });
    expect(row('org', 'org')).toMatchObject({ projectedUsd: 1540, method: 'run-rate-7d' });
    expect(result.flags.filter((f) => f.kind === 'projected-over').map((f) => f.message)).toEqual([
      "feature smart-compose is on course for $1,200.00 in 2026-10 (14 of 31 days elapsed, at the last 7 days' $50.00 a day), over its $900.00 budget",
    ]);
    expect(schemaErrors('report-result', JSON.parse(JSON.stringify(result)))).toEqual([]);
  });
});
