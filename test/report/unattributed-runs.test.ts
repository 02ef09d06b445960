import { describe, expect, it } from 'vitest';
import { topRuns } from '../../src/report/ledger.js';
import { schemaErrors } from '../helpers/schema.js';
import { reportOn, step } from './helpers.js';

describe('attrib runs --unattributed (topRuns with unattributed only)', () => {
  it('lists the runs behind the unattributed cost, each by its unattributed part', async () => {
    const { analysis, result } = await reportOn({
      'a.jsonl': [
        // r0, r1: attributed ($5, $2): not listed; r2: no feature, $2
        step({ step_id: 'a', cost_usd: 5, tags: { feature: 'inbox-triage', parent_run_id: 'r1' } }),
        step({ step_id: 'b', cost_usd: 2, tags: { feature: 'inbox-triage', parent_run_id: 'r0' } }),
        step({ step_id: 'c', cost_usd: 2, tags: { parent_run_id: 'r2' } }),
        // r3: an unknown feature value, $3
        step({ step_id: 'd', cost_usd: 3, tags: { feature: 'no-such', parent_run_id: 'r3' } }),
        // r4: attributed: not listed
        step({ step_id: 'e', cost_usd: 100, tags: { feature: 'inbox-triage', parent_run_id: 'r4' } }),
      ].join('\n'),
    });
    const top = topRuns(analysis, 10, { unattributed: true });
    expect(top.unattributed).toBe(true);
    expect(top.runs.map((r) => [r.run, r.costUsd, r.steps])).toEqual([
      ['r3', 3, 1],
      ['r2', 2, 1],
    ]);
    // $3 + $2 = $5, the report's unattributed total.
    expect(top.totals).toEqual({ runs: 2, costUsd: 5 });
    expect(result.totals.unattributedCostUsd).toBe(5);
    expect(schemaErrors('runs', top)).toEqual([]);
    // Without the option: every run, $112.
    expect(topRuns(analysis).totals).toEqual({ runs: 5, costUsd: 112 });
  });
});
