import { describe, expect, it } from 'vitest';
import { SPIKE_RULE, spendSpikes } from '../../src/report/spikes.js';
import { schemaErrors } from '../helpers/schema.js';
import { expectAllocation, reportOn, step } from './helpers.js';

const DAY0 = Date.UTC(2026, 9, 1) / 86_400_000; // 2026-10-01 as days since the epoch
/** Daily spend of one key from 2026-10-01, in USD (null: no spend that day). */
const series = (key: string, usd: (number | null)[], start = 0) =>
  usd.flatMap((v, i) => (v === null ? [] : [{ key, day: DAY0 + start + i, micros: Math.round(v * 1e6) }]));

// Oct 1-14 around $10 a day, then $60 on Oct 15. Oct 15's window (Oct 1-14) sorted:
// 9 9 10 10 10 10 10 10 11 11 11 12 12 13 -> median 10; deviations 0 x6, 1 x5, 2 x2, 3 -> MAD 1;
// threshold 10 + 5 x 1 = 15, and 60 > 15. No earlier day passes its own threshold (each is >= 15).
const STEADY = [10, 12, 9, 11, 10, 10, 13, 9, 11, 10, 12, 10, 11, 10];

describe('spend-spike rule', () => {
  it('flags a day above median + 5 x MAD of the previous 14 days, with its date', () => {
    const flags = spendSpikes('feature', series('inbox-triage', [...STEADY, 60]));
    expect(flags).toEqual([
      {
        kind: 'spend-spike',
        scope: 'feature',
        key: 'inbox-triage',
        date: '2026-10-15',
        message: 'feature inbox-triage spent $60.00 on 2026-10-15, above its baseline of $10.00 a day (median of the 14 days with spend among the previous 14; spike threshold median + 5 x MAD = $15.00)',
      },
    ]);
    // $15 is not above the threshold: no flag.
    expect(spendSpikes('feature', series('inbox-triage', [...STEADY, 15]))).toEqual([]);
  });

  it('needs 7 days with spend among the previous 14', () => {
    // From Oct 10: $1 a day for 6 days, then $100 on day 7 (6 days of history): no flag.
    expect(spendSpikes('tenant', series('ws_a', [1, 1, 1, 1, 1, 1, 100], 9))).toEqual([]);
    // One more day of history: median 1, MAD 0 -> 10% of 1 = 0.1; threshold 1.5, and 100 flags.
    expect(spendSpikes('tenant', series('ws_a', [1, 1, 1, 1, 1, 1, 1, 100], 9)).map((f) => f.date)).toEqual(['2026-10-17']);
    // 7 days of $1 spread over 13 days (every other day) still make a baseline.
    expect(spendSpikes('tenant', series('ws_a', [1, null, 1, null, 1, null, 1, null, 1, null, 1, null, 1, 100])).map((f) => f.date)).toEqual(['2026-10-14']);
    // 6 of them do not.
    expect(spendSpikes('tenant', series('ws_a', [null, null, 1, null, 1, null, 1, null, 1, null, 1, null, 1, 100]))).toEqual([]);
    expect(SPIKE_RULE.minHistoryDays).toBe(7);
  });

  it('never flags a day under the $5 floor', () => {
    // 10 cents a day: median 0.10, MAD 0 -> 0.01; threshold 0.15. $4.99 is under the floor, $5 is not.
    expect(spendSpikes('tenant', series('ws_a', [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 4.99]))).toEqual([]);
    expect(spendSpikes('tenant', series('ws_a', [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 5])).map((f) => f.date)).toEqual(['2026-10-08']);
  });

  it('leaves days without spend out of the baseline: a job every other day is not a spike each time it runs', () => {
    // $100 on Oct 1, 3, ..., 13 (7 days), then Oct 15. Baseline: median 100, MAD 0 -> 10; threshold 150.
    const everyOther = (last: number) => series('f', [100, null, 100, null, 100, null, 100, null, 100, null, 100, null, 100, null, last]);
    expect(spendSpikes('feature', everyOther(100))).toEqual([]);
    // $200 is a spike (counting the 7 empty days as $0 would give median 50, MAD 50, threshold 300: no flag).
    expect(spendSpikes('feature', everyOther(200)).map((f) => f.date)).toEqual(['2026-10-15']);
  });

  it('looks only at the 14 days before: an old expensive fortnight is not the baseline', () => {
    // 14 days at $100, then 14 at $10, then $30: the window is the 14 days at $10 (median 10, MAD 0
    // -> 1; threshold 15), so $30 flags although it is far below the old $100 a day.
    const flags = spendSpikes('feature', series('f', [...Array(14).fill(100), ...Array(14).fill(10), 30]));
    expect(flags.map((f) => f.date)).toEqual(['2026-10-29']);
  });
});

describe('spend-spike in the report', () => {
  it('flags the feature and the tenant of the spike day', async () => {
    const day = (i: number) => `2026-10-${String(i + 1).padStart(2, '0')}`;
    const lines = [...STEADY, 60].map((usd, i) => step({ step_id: `d${i}`, ts: `${day(i)}T09:00:00Z`, cost_usd: usd, tags: { feature: 'inbox-triage', tenant: 'ws_a', parent_run_id: `r${i}` } }));
    // A second tenant, steady at $10 on the same feature: it has no spike of its own.
    lines.push(...[...STEADY, 10].map((_, i) => step({ step_id: `e${i}`, ts: `${day(i)}T10:00:00Z`, cost_usd: 10, tags: { feature: 'smart-compose', tenant: 'ws_b', parent_run_id: `q${i}` } })));
    const { result } = await reportOn({ 'a.jsonl': lines.join('\n') });
    const spikes = result.flags.filter((f) => f.kind === 'spend-spike').map((f) => `${f.scope} ${f.key} ${f.date}`);
    expect(spikes).toEqual(['feature inbox-triage 2026-10-15', 'tenant ws_a 2026-10-15']);
    expectAllocation(result, expect);
    expect(schemaErrors('report-result', JSON.parse(JSON.stringify(result)))).toEqual([]);
  });
});
