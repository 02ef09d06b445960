import { describe, expect, it } from 'vitest';
import { reportOn, row, step } from './helpers.js';

const tags = (t: Record<string, string>) => ({ tags: t });
const base = { workload_class: 'interactive', tenant: 'ws_acme', environment: 'production' };

describe('attribution contract', () => {
  it('1-2: own tags win; missing tags come from the nearest ancestor that has them', async () => {
    const { analysis } = await reportOn({
      'a.jsonl': [
        step({ step_id: 'p', ...tags({ feature: 'inbox-triage', ...base, parent_run_id: 'r1' }) }),
        step({ step_id: 'mid', parent_step_id: 'p', ...tags({ tenant: 'ws_globex' }) }),
        step({ step_id: 'leaf', parent_step_id: 'mid', kind: 'tool', model: null, tool: 'vector-search', tool_owner: 'search', cost_usd: 0.5 }),
      ].join('\n'),
    });
    const leaf = analysis.step(2);
    expect(leaf.tags.feature).toEqual({ value: 'inbox-triage', source: 'ancestor' });
    expect(leaf.tags.tenant).toEqual({ value: 'ws_globex', source: 'ancestor' });
    expect(leaf.tags.team).toEqual({ value: 'mail', source: 'registry' });
    expect(analysis.step(1).tags.tenant.source).toBe('own');
    expect(leaf.run).toBe('r1');
    expect(analysis.result.tools).toEqual([
      { tool: 'vector-search', owner: 'search', costUsd: 0.5, steps: 1, consumers: [{ feature: 'inbox-triage', costUsd: 0.5 }], pricing: [{ kind: 'record', source: null, entry: null, steps: 1, costUsd: 0.5 }] },
    ]);
  });

  it('3: a step takes its run value when every record of the run that carries it agrees, structural records included', async () => {
    // Langfuse: the AGENT observation carries the feature but no usage (structural, not counted).
    const observations = {
      data: [
        { id: 'agent', traceId: 't1', type: 'AGENT', startTime: '2026-10-03T08:00:00Z', metadata: { feature: 'clause-search', tenant: 'acct_stark' } },
        { id: 'gen', traceId: 't1', type: 'GENERATION', startTime: '2026-10-03T08:00:01Z', model: 'gpt-4o-mini', usageDetails: { input: 1000, output: 100 }, costDetails: { total: 0.25 } },
      ],
    };
    const { result, analysis } = await reportOn({ 'lf.json': JSON.stringify(observations) });
    expect(result.totals.steps).toBe(1);
    expect(result.inputs.structuralRecords).toBe(1);
    expect(analysis.step(1).tags.feature).toEqual({ value: 'clause-search', source: 'run' });
    expect(row(result.byFeature, 'clause-search')).toMatchObject({ costUsd: 0.25, steps: 1, runs: 1, team: 'legal' });
  });

  it('3: when the run disagrees the step stays unattributed (conflict) and the run is flagged once', async () => {
    const { result, analysis } = await reportOn({
      'a.jsonl': [
        step({ step_id: 'a', cost_usd: 1, ...tags({ feature: 'inbox-triage', parent_run_id: 'r' }) }),
        step({ step_id: 'b', cost_usd: 2, ...tags({ feature: 'smart-compose', parent_run_id: 'r' }) }),
        step({ step_id: 'c', cost_usd: 4, ...tags({ parent_run_id: 'r' }) }),
        step({ step_id: 'd', cost_usd: 8, ...tags({ parent_run_id: 'r' }) }),
      ].join('\n'),
    });
    expect(analysis.step(2).status).toBe('conflict');
    expect(result.totals.unattributed).toEqual({ missing: 0, unknownValue: 0, conflict: 12 });
    expect(result.flags.filter((f) => f.kind === 'conflicting-tags')).toEqual([
      { kind: 'conflicting-tags', scope: 'run', key: 'r', message: expect.stringContaining('feature') },
    ]);
  });

  it('4: the registry team wins over a different team tag, which is flagged', async () => {
    const { result, analysis } = await reportOn({ 'a.jsonl': step({ step_id: 'a', cost_usd: 1, ...tags({ feature: 'smart-compose', team: 'legal' }) }) });
    expect(analysis.step(0).tags.team).toEqual({ value: 'mail', source: 'registry' });
    expect(row(result.byTeam, 'mail')?.costUsd).toBe(1);
    expect(row(result.byTeam, 'legal')?.costUsd).toBe(0);
    expect(result.flags.find((f) => f.kind === 'feature-team-mismatch')).toMatchObject({ key: 'smart-compose', team: 'mail' });
  });

  it('buckets unattributed spend: missing, unknown values (listed), and keeps the own team of an unattributed step', async () => {
    const { result } = await reportOn({
      'a.jsonl': [
        step({ step_id: 'a', cost_usd: 1, ...tags({ team: 'search' }) }),
        step({ step_id: 'b', cost_usd: 2, ...tags({ feature: 'inbox-triag' }) }),
        step({ step_id: 'c', cost_usd: 3, ...tags({ feature: 'inbox-triag' }) }),
        step({ step_id: 'd', cost_usd: 4, ...tags({ feature: 'inbox-triage' }) }),
      ].join('\n'),
    });
    expect(result.totals).toMatchObject({ costUsd: 10, attributedCostUsd: 4, unattributedCostUsd: 6, unattributedPct: 60, unattributed: { missing: 1, unknownValue: 5, conflict: 0 } });
    expect(result.unattributed[1]).toEqual({ bucket: 'unknown-value', costUsd: 5, steps: 2, values: [{ value: 'inbox-triag', costUsd: 5, steps: 2 }] });
    expect(row(result.byFeature, '(unattributed)')).toMatchObject({ costUsd: 6, team: null, status: 'no-budget' });
    expect(row(result.byTeam, 'search')?.costUsd).toBe(1);
    expect(row(result.byTeam, '(unattributed)')?.costUsd).toBe(5);
    expect(result.flags.find((f) => f.kind === 'unattributed')?.message).toContain('60%');
  });

  it('counts runs as distinct parent_run_id values; a step without one is a run of its own', async () => {
    const { result } = await reportOn({
      'a.jsonl': [
        step({ step_id: 'a', ...tags({ feature: 'inbox-triage', parent_run_id: 'r1' }) }),
        step({ step_id: 'b', parent_step_id: 'a' }),
        step({ step_id: 'c', ...tags({ feature: 'inbox-triage', parent_run_id: 'r2' }) }),
        step({ step_id: 'd', ...tags({ feature: 'inbox-triage' }) }),
        step({ step_id: 'e', ...tags({ feature: 'inbox-triage' }) }),
      ].join('\n'),
    });
    expect(result.totals.runs).toBe(4);
    expect(row(result.byFeature, 'inbox-triage')).toMatchObject({ steps: 5, runs: 4 });
  });

  it('survives parent cycles and parents that were never logged', async () => {
    const { result, analysis } = await reportOn({
      'a.jsonl': [
        step({ step_id: 'x', parent_step_id: 'y', cost_usd: 1 }),
        step({ step_id: 'y', parent_step_id: 'x', cost_usd: 1 }),
        step({ step_id: 'z', parent_step_id: 'ghost', cost_usd: 1, ...tags({ feature: 'inbox-triage' }) }),
      ].join('\n'),
    });
    expect(analysis.step(0).status).toBe('missing');
    expect(analysis.step(2).parent).toBe(-1);
    expect(result.totals).toMatchObject({ costUsd: 3, unattributedCostUsd: 2 });
  });
});
