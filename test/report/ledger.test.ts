import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/report/index.js';
import { type LedgerStep, runLedger, runNames, topRuns } from '../../src/report/ledger.js';
import { repoRoot } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { fixtureTaxonomy, reportOn, step } from './helpers.js';

const fixtures = path.join(repoRoot, 'fixtures');
const month = () => analyze({ cwd: fixtures, taxonomy: fixtureTaxonomy(), paths: ['logs/attrib-2026-10.jsonl'] });

/** [stepId, depth] in tree order. */
function shape(roots: LedgerStep[], depth = 0): [string | null, number][] {
  return roots.flatMap((s) => [[s.stepId, depth] as [string | null, number], ...shape(s.children, depth + 1)]);
}
const sources = (s: LedgerStep) => Object.fromEntries(Object.entries(s.tags).map(([tag, t]) => [tag, `${t.value}:${t.source}`]));

describe('runLedger', () => {
  it('rebuilds run_0006 as planner -> embedding -> tool, planner -> synthesis, with each tag source', async () => {
    const ledger = runLedger(await month(), 'run_0006')!;
    expect(schemaErrors('runs', JSON.parse(JSON.stringify(ledger)))).toEqual([]);
    expect(shape(ledger.roots)).toEqual([
      ['st_0000s', 0],
      ['st_0000t', 1],
      ['st_0000u', 2],
      ['st_0000v', 1],
    ]);
    const [planner] = ledger.roots;
    const [embedding, synthesis] = planner!.children;
    const tool = embedding!.children[0]!;
    // The planner carries its own tags; its team comes from the registry (inbox-triage belongs to mail).
    expect(sources(planner!)).toEqual({
      feature: 'inbox-triage:own',
      team: 'mail:registry',
      workload_class: 'interactive:own',
      tenant: 'ws_globex:own',
      environment: 'production:own',
    });
    expect(planner!.root).toBe('no-parent');
    // The untagged embedding, tool and synthesis steps inherit from the nearest ancestor: the planner.
    for (const s of [embedding!, tool, synthesis!]) {
      expect(sources(s)).toEqual({
        feature: 'inbox-triage:ancestor',
        team: 'mail:registry',
        workload_class: 'interactive:ancestor',
        tenant: 'ws_globex:ancestor',
        environment: 'production:ancestor',
      });
      expect(s.status).toBe('attributed');
      expect(s.root).toBeUndefined();
    }
    // gpt-4.1-mini at $0.40 input, $0.10 cached, $1.60 output per 1M (rules/pricing.yaml):
    // (72917 - 18229) x 0.40 + 18229 x 0.10 + 577 x 1.60 = 24621.3 micro-dollars, rounded half up.
    expect(planner).toMatchObject({ kind: 'model', model: 'gpt-4.1-mini', inputTokens: 72917, cachedInputTokens: 18229, outputTokens: 577, costUsd: 0.024621 });
    expect(planner!.price).toMatchObject({ kind: 'table', source: 'rules/pricing.yaml', entry: 'gpt-4.1-mini', match: 'exact' });
    // text-embedding-3-small at $0.02 per 1M input: 603 x 0.02 = 12.06 micro-dollars.
    expect(embedding).toMatchObject({ kind: 'embedding', inputTokens: 603, costUsd: 0.000012 });
    // The tool's own cost wins, and it is charged to the calling feature, not to its owner.
    expect(tool).toMatchObject({ kind: 'tool', tool: 'vector-search', toolOwner: 'search', costUsd: 0.0004, price: { kind: 'record' } });
    expect(tool.file).toBe('logs/attrib-2026-10.jsonl');
    expect(tool.line).toBe(134);
    const sum = [planner!, embedding!, tool, synthesis!].reduce((s, x) => s + Math.round(x.costUsd * 1e6), 0);
    expect(Math.round(ledger.totals.costUsd * 1e6)).toBe(sum);
    expect(ledger.totals).toMatchObject({ steps: 4, records: 4, structuralRecords: 0, outsidePeriod: 0, inputTokens: 72917 + 603 + 292294, outputTokens: 577 + 3153 });
  });

  it('shows a step of a disagreeing run with tags from the run and the feature missing as a conflict', async () => {
    const ledger = runLedger(await month(), 'run_conflict')!;
    const orphan = ledger.roots.find((s) => s.model === 'gpt-4o')!;
    expect(orphan.root).toBe('no-parent');
    expect(orphan.status).toBe('conflict');
    expect(sources(orphan)).toMatchObject({ feature: 'null:none', tenant: 'ws_initech:run', workload_class: 'interactive:run', environment: 'production:run' });
    // Two planners (one per feature) and the orphan are the roots.
    expect(ledger.roots.map((s) => String(s.tags.feature.value)).sort()).toEqual(['inbox-triage', 'null', 'smart-compose']);
  });

  it('keeps structural records in the tree, marked, and out of the totals', async () => {
    const analysis = await analyze({ cwd: fixtures, taxonomy: fixtureTaxonomy(), paths: ['logs/langfuse-observations.json'] });
    const ledger = runLedger(analysis, 'lf-trace-0')!;
    expect(shape(ledger.roots)).toEqual([
      ['lf-agent-0', 0],
      ['lf-gen-0', 1],
      ['lf-ret-0', 1],
      ['lf-tool-0', 2],
      ['lf-gen2-0', 1],
    ]);
    const agent = ledger.roots[0]!;
    expect(agent).toMatchObject({ structural: true, counted: false, costUsd: 0 });
    expect(ledger.roots[0]!.children[0]!.tags.feature).toEqual({ value: 'contract-redline', source: 'ancestor' });
    expect(ledger.totals.records).toBe(5);
    expect(ledger.totals.structuralRecords).toBeGreaterThanOrEqual(1);
    const counted = shape(ledger.roots).length - ledger.totals.structuralRecords;
    expect(ledger.totals.steps).toBe(counted);
  });

  it('makes roots of steps whose parent is missing, in another run, or in a loop', async () => {
    const { analysis } = await reportOn({
      'a.jsonl': [
        step({ step_id: 'p', tags: { feature: 'inbox-triage', parent_run_id: 'r1' } }),
        step({ step_id: 'c', parent_step_id: 'p', tags: { parent_run_id: 'r2' } }),
        step({ step_id: 'orphan', parent_step_id: 'never-logged', tags: { parent_run_id: 'r2' } }),
        step({ step_id: 'x', parent_step_id: 'y', tags: { parent_run_id: 'r3' } }),
        step({ step_id: 'y', parent_step_id: 'x', tags: { parent_run_id: 'r3' } }),
        step({ step_id: 'z', parent_step_id: 'y', tags: { parent_run_id: 'r3' } }),
      ].join('\n'),
    });
    const r2 = runLedger(analysis, 'r2')!;
    expect(r2.roots.map((s) => [s.stepId, s.root])).toEqual([
      ['c', 'parent-in-other-run'],
      ['orphan', 'parent-not-in-logs'],
    ]);
    // The child inherits the feature from its parent in the other run (nearest ancestor).
    expect(r2.roots[0]!.tags.feature).toEqual({ value: 'inbox-triage', source: 'ancestor' });
    const r3 = runLedger(analysis, 'r3')!;
    expect(shape(r3.roots)).toEqual([
      ['x', 0],
      ['y', 1],
      ['z', 2],
    ]);
    expect(r3.roots[0]!.root).toBe('cycle');
    expect(runLedger(analysis, 'r4')).toBeUndefined();
    expect([...runNames(analysis)].sort()).toEqual(['r1', 'r2', 'r3']);
  });
});

describe('topRuns', () => {
  it('lists every run with counted steps, costliest first, adding up to the report total', async () => {
    const analysis = await month();
    const all = topRuns(analysis);
    expect(schemaErrors('runs', JSON.parse(JSON.stringify(all)))).toEqual([]);
    expect(all.totals.runs).toBe(analysis.result.totals.runs);
    expect(all.runs.length).toBe(analysis.result.totals.runs);
    const micros = all.runs.reduce((s, r) => s + Math.round(r.costUsd * 1e6), 0);
    expect(micros).toBe(Math.round(analysis.result.totals.costUsd * 1e6));
    expect(Math.round(all.totals.costUsd * 1e6)).toBe(micros);
    expect(all.runs.reduce((s, r) => s + r.steps, 0)).toBe(analysis.result.totals.steps);
    for (let i = 1; i < all.runs.length; i++) expect(all.runs[i - 1]!.costUsd).toBeGreaterThanOrEqual(all.runs[i]!.costUsd);

    const top = topRuns(analysis, 3);
    expect(top.runs).toEqual(all.runs.slice(0, 3));
    // The nightly bulk redlines of ws_megacorp are the most expensive runs of the month.
    expect(top.runs.map((r) => [r.feature, r.team, r.tenant, r.steps])).toEqual(Array(3).fill(['contract-redline', 'legal', 'ws_megacorp', 2]));
    const bulk5 = runLedger(analysis, top.runs[0]!.run)!;
    expect(top.runs[0]!.costUsd).toBe(bulk5.totals.costUsd);
    expect(top.runs[0]!.firstTs).toBe(bulk5.roots[0]!.ts);

    const conflict = all.runs.find((r) => r.run === 'run_conflict')!;
    expect(conflict.mixed).toEqual(['feature']);
    expect(conflict.steps).toBe(runLedger(analysis, 'run_conflict')!.totals.steps);
  });
});
