import { describe, expect, it } from 'vitest';
import { schemaErrors } from '../helpers/schema.js';
import { expectAllocation, micros, reportOn, step } from './helpers.js';

describe('tenant x feature, tenant x model', () => {
  it('splits each tenant by feature and model with cost per run and per step', async () => {
    const lines = [
      // ws_acme, inbox-triage: run r1 of two steps ($3 + $1), run r2 of one ($2) -> $6, 3 steps, 2 runs
      step({ step_id: 'a1', cost_usd: 3, tags: { feature: 'inbox-triage', tenant: 'ws_acme', parent_run_id: 'r1' } }),
      step({ step_id: 'a2', cost_usd: 1, model: 'gpt-4o', tags: { feature: 'inbox-triage', tenant: 'ws_acme', parent_run_id: 'r1' } }),
      step({ step_id: 'a3', cost_usd: 2, tags: { feature: 'inbox-triage', tenant: 'ws_acme', parent_run_id: 'r2' } }),
      // ws_acme, contract-redline: $10 in one step of one run
      step({ step_id: 'a4', cost_usd: 10, model: 'gpt-4o', tags: { feature: 'contract-redline', tenant: 'ws_acme', parent_run_id: 'r3' } }),
      // no tenant, no feature: $0.5
      step({ step_id: 'n1', cost_usd: 0.5, tags: { parent_run_id: 'r4' } }),
    ];
    const { result } = await reportOn({ 'a.jsonl': lines.join('\n') });
    expect(result.byTenantFeature).toEqual([
      { tenant: 'ws_acme', feature: 'contract-redline', costUsd: 10, steps: 1, runs: 1, costPerRunUsd: 10, costPerStepUsd: 10 },
      { tenant: 'ws_acme', feature: 'inbox-triage', costUsd: 6, steps: 3, runs: 2, costPerRunUsd: 3, costPerStepUsd: 2 },
      { tenant: '(none)', feature: '(unattributed)', costUsd: 0.5, steps: 1, runs: 1, costPerRunUsd: 0.5, costPerStepUsd: 0.5 },
    ]);
    // gpt-4o: a2 ($1, r1) + a4 ($10, r3) = $11 over 2 steps in 2 runs; gpt-4o-mini: a1 + a3 = $5 in r1, r2.
    expect(result.byTenantModel).toEqual([
      { tenant: 'ws_acme', model: 'gpt-4o', costUsd: 11, steps: 2, runs: 2, costPerRunUsd: 5.5, costPerStepUsd: 5.5 },
      { tenant: 'ws_acme', model: 'gpt-4o-mini', costUsd: 5, steps: 2, runs: 2, costPerRunUsd: 2.5, costPerStepUsd: 2.5 },
      { tenant: '(none)', model: 'gpt-4o-mini', costUsd: 0.5, steps: 1, runs: 1, costPerRunUsd: 0.5, costPerStepUsd: 0.5 },
    ]);
    const total = Math.round(result.totals.costUsd * 1e6);
    expect(micros(result.byTenantFeature)).toBe(total);
    expect(micros(result.byTenantModel)).toBe(total);
    expectAllocation(result, expect);
    expect(schemaErrors('report-result', result)).toEqual([]);
  });

  it('rounds cost per step to the micro-dollar: $1 over 3 steps is $0.333333', async () => {
    const lines = [1, 2, 3].map((n) => step({ step_id: `s${n}`, cost_usd: n === 1 ? 1 : 0, tags: { feature: 'inbox-triage', tenant: 'ws_a', parent_run_id: 'r' } }));
    const { result } = await reportOn({ 'a.jsonl': lines.join('\n') });
    expect(result.byTenantFeature[0]).toMatchObject({ costUsd: 1, steps: 3, runs: 1, costPerStepUsd: 0.333333, costPerRunUsd: 1 });
  });
});

describe('unattributedBy', () => {
  it('explains the unattributed cost by model, environment and tenant, each summing to it', async () => {
    const lines = [
      step({ step_id: 'u1', cost_usd: 4, model: 'gpt-4o', tags: { tenant: 'ws_acme', environment: 'production', parent_run_id: 'r1' } }),
      step({ step_id: 'u2', cost_usd: 1, tags: { feature: 'no-such-feature', tenant: 'ws_beta', environment: 'staging', parent_run_id: 'r2' } }),
      step({ step_id: 'u3', cost_usd: 2, model: 'gpt-4o', tags: { parent_run_id: 'r3' } }),
      // attributed: not in unattributedBy
      step({ step_id: 'ok', cost_usd: 100, tags: { feature: 'inbox-triage', tenant: 'ws_acme', environment: 'production', parent_run_id: 'r4' } }),
    ];
    const { result } = await reportOn({ 'a.jsonl': lines.join('\n') });
    expect(result.totals.unattributedCostUsd).toBe(7);
    expect(result.unattributedBy.model).toEqual([
      { key: 'gpt-4o', costUsd: 6, steps: 2, runs: 2 },
      { key: 'gpt-4o-mini', costUsd: 1, steps: 1, runs: 1 },
    ]);
    expect(result.unattributedBy.environment).toEqual([
      { key: 'production', costUsd: 4, steps: 1, runs: 1 },
      { key: '(none)', costUsd: 2, steps: 1, runs: 1 },
      { key: 'staging', costUsd: 1, steps: 1, runs: 1 },
    ]);
    expect(result.unattributedBy.tenant).toEqual([
      { key: 'ws_acme', costUsd: 4, steps: 1, runs: 1 },
      { key: '(none)', costUsd: 2, steps: 1, runs: 1 },
      { key: 'ws_beta', costUsd: 1, steps: 1, runs: 1 },
    ]);
    for (const list of Object.values(result.unattributedBy)) expect(micros(list)).toBe(7_000_000);
  });
});
