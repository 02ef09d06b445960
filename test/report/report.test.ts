import { gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, report } from '../../src/report/index.js';
import { ConfigError } from '../../src/util/errors.js';
import { repoRoot } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { expectAllocation, fixtureTaxonomy, reportOn, row, step } from './helpers.js';

const tagged = (feature: string, extra: Record<string, string> = {}) => ({ tags: { feature, tenant: 'ws_acme', environment: 'production', ...extra } });

describe('report totals', () => {
  it('adds up hand-computed costs exactly, priced and given', async () => {
    const { result } = await reportOn({
      'a.jsonl': [
        // gpt-4o-mini: 1000 x 0.15 + 200 x 0.075 + 300 x 0.60 = 345 micro-dollars
        step({ step_id: 's1', input_tokens: 1200, cached_input_tokens: 200, output_tokens: 300, ...tagged('inbox-triage', { parent_run_id: 'r1' }) }),
        // claude-sonnet-4-20250514 -> claude-sonnet-4: 7000 x 3 + 2000 x 0.3 + 1000 x 3.75 + 500 x 15 = 32850
        step({ step_id: 's2', provider: 'anthropic', model: 'claude-sonnet-4-20250514', input_tokens: 10000, cached_input_tokens: 2000, cache_write_tokens: 1000, output_tokens: 500, ...tagged('contract-redline', { parent_run_id: 'r2' }) }),
        step({ step_id: 's3', kind: 'tool', model: null, tool: 'vector-search', cost_usd: 0.0004, parent_step_id: 's1' }),
        step({ step_id: 's4', model: 'mystery-model', input_tokens: 10, ...tagged('inbox-triage') }),
      ].join('\n'),
    });
    expect(result.totals).toMatchObject({ costUsd: 0.033595, steps: 4, runs: 3, attributedCostUsd: 0.033595, unpricedSteps: 1, skippedLines: 0 });
    expect(row(result.byFeature, 'inbox-triage')).toMatchObject({ costUsd: 0.000745, steps: 3, runs: 2 });
    expect(row(result.byModel, 'claude-sonnet-4-20250514')).toMatchObject({ costUsd: 0.03285, inputTokens: 10000, outputTokens: 500 });
    expect(result.flags.find((f) => f.kind === 'unpriced')?.key).toBe('mystery-model');
    expect(result.pricing.find((p) => p.model === 'claude-sonnet-4-20250514')).toMatchObject({ kind: 'table', source: 'rules/pricing.yaml', entry: 'claude-sonnet-4', match: 'snapshot-prefix', steps: 1 });
    expectAllocation(result, expect);
  });
});

describe('budgets, caps and the period', () => {
  let n = 0;
  const month = (feature: string, usd: number, day = '03') => step({ step_id: `m${++n}`, ts: `2026-10-${day}T10:00:00Z`, cost_usd: usd, ...tagged(feature) });

  it('statuses and cap flags: soft cap alerts the team, hard cap needs acknowledgement, the global cap is an emergency', async () => {
    const { result } = await reportOn({
      // On the last day of the month, so there is nothing to forecast.
      // Budgets (fixtures/attrib.yaml): inbox-triage 240, smart-compose 140, contract-redline 140,
      // clause-search 60, support-agent 80; mail 400, legal 200; org 900; near from 80%.
      'a.jsonl': [month('inbox-triage', 250, '31'), month('smart-compose', 120, '31'), month('contract-redline', 120, '31'), month('clause-search', 500, '31'), month('support-agent', 10, '31')].join('\n'),
    });
    expect(result.period).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(row(result.byFeature, 'inbox-triage')).toMatchObject({ budgetUsd: 240, varianceUsd: 10, status: 'over' });
    // 120 / 140 = 85.7%: near; mail 250 + 120 = 370 of 400 = 92.5%: near.
    expect(row(result.byFeature, 'smart-compose')).toMatchObject({ budgetUsd: 140, status: 'near' });
    expect(row(result.byFeature, 'support-agent')).toMatchObject({ status: 'under' });
    expect(row(result.byTeam, 'mail')).toMatchObject({ costUsd: 370, budgetUsd: 400, status: 'near' });
    expect(row(result.byTeam, 'legal')).toMatchObject({ costUsd: 620, budgetUsd: 200, status: 'over' });
    expect(result.org).toEqual({ costUsd: 1000, budgetUsd: 900, varianceUsd: 100, status: 'over' });
    const kinds = result.flags.map((f) => `${f.kind}:${f.key}`);
    expect(kinds).toEqual(['global-cap:org', 'hard-cap:legal', 'near-budget:contract-redline', 'near-budget:smart-compose', 'near-budget:mail', 'over-budget:clause-search', 'over-budget:inbox-triage']);
    expect(result.flags.find((f) => f.kind === 'over-budget' && f.key === 'inbox-triage')).toMatchObject({ action: 'alert-team', team: 'mail' });
    expect(result.flags.find((f) => f.kind === 'hard-cap')).toMatchObject({ action: 'acknowledge', message: expect.stringContaining('acknowledgement required') });
    expect(result.flags.find((f) => f.kind === 'global-cap')).toMatchObject({ action: 'emergency', message: expect.stringContaining('emergency') });
  });

  it('prorates monthly budgets by the days of each month in --since/--until, and filters by ts', async () => {
    const { result } = await reportOn(
      { 'a.jsonl': [month('inbox-triage', 10, '09'), month('inbox-triage', 20, '10'), month('inbox-triage', 40, '21')].join('\n') },
      { since: '2026-10-10', until: '2026-10-20' },
    );
    expect(result.period).toEqual({ from: '2026-10-10', to: '2026-10-20' });
    expect(result.totals.costUsd).toBe(20);
    expect(result.inputs.outsidePeriod).toBe(2);
    // 240 x 11/31 and 900 x 11/31, rounded to the micro-dollar
    expect(row(result.byFeature, 'inbox-triage')?.budgetUsd).toBe(85.16129);
    expect(result.org.budgetUsd).toBe(319.354839);
  });

  it('spans whole months by default and prorates across them', async () => {
    const { result } = await reportOn({ 'a.jsonl': [month('inbox-triage', 1, '31'), step({ step_id: 'nov', ts: '2026-11-02T00:00:00Z', cost_usd: 1, ...tagged('inbox-triage') })].join('\n') });
    expect(result.period).toEqual({ from: '2026-10-01', to: '2026-11-30' });
    expect(row(result.byFeature, 'inbox-triage')?.budgetUsd).toBe(480);
  });

  it('forecasts the last month linearly when the data stops early, and flags projected-over', async () => {
    // 5 days elapsed (Oct 1-5: under a week, so linear), $50 so far on inbox-triage -> 50 x 31 / 5 = $310 > $240 (org: $900).
    const { result } = await reportOn({ 'a.jsonl': [month('inbox-triage', 40, '01'), month('inbox-triage', 10, '05')].join('\n') }, { failOn: ['projected-over', 'over-budget'] });
    const f = result.forecast.find((r) => r.scope === 'feature' && r.key === 'inbox-triage');
    expect(f).toEqual({ scope: 'feature', key: 'inbox-triage', month: '2026-10', costToDateUsd: 50, projectedUsd: 310, budgetUsd: 240, projectedOver: true, method: 'linear', linearProjectedUsd: 310, runRateDailyUsd: null });
    expect(result.forecast.find((r) => r.scope === 'org')).toMatchObject({ projectedUsd: 310, projectedOver: false });
    expect(result.flags.filter((x) => x.kind === 'projected-over').map((x) => x.key)).toEqual(['inbox-triage']);
    expect(result.gates).toEqual({ failOn: ['projected-over', 'over-budget'], tripped: ['projected-over'] });
  });

  it('has no forecast when the data reaches the end of the period', async () => {
    const { result } = await reportOn({ 'a.jsonl': month('inbox-triage', 1, '31') });
    expect(result.forecast).toEqual([]);
  });
});

describe('tenants, runs and gates', () => {
  it('flags a tenant above 10x the median (or --outlier-factor), keeps (none) out of the median', async () => {
    const lines = [1, 2, 3, 100].map((usd, i) => step({ step_id: `t${i}`, cost_usd: usd, tags: { feature: 'inbox-triage', tenant: `ws_t${i}`, parent_run_id: `r${i}` } }));
    lines.push(step({ step_id: 'n', cost_usd: 1000, tags: { feature: 'inbox-triage' } }));
    const { result } = await reportOn({ 'a.jsonl': lines.join('\n') });
    // median of 1, 2, 3, 100 is 2.5: only ws_t3 is above 25
    expect(result.byTenant.filter((t) => t.outlier).map((t) => t.key)).toEqual(['ws_t3']);
    expect(row(result.byTenant, '(none)')).toMatchObject({ costUsd: 1000, outlier: false });
    expect(row(result.byTenant, 'ws_t3')).toMatchObject({ costPerRunUsd: 100, runs: 1 });
    const strict = await reportOn({ 'a.jsonl': lines.join('\n') }, { outlierFactor: 50 });
    expect(strict.result.byTenant.filter((t) => t.outlier)).toEqual([]);
  });

  it('flags each run that mixes environments', async () => {
    const { result } = await reportOn({
      'a.jsonl': [
        step({ step_id: 'a', tags: { feature: 'inbox-triage', environment: 'production', parent_run_id: 'r1' } }),
        step({ step_id: 'b', tags: { feature: 'inbox-triage', environment: 'staging', parent_run_id: 'r1' } }),
        step({ step_id: 'c', tags: { feature: 'inbox-triage', environment: 'staging', parent_run_id: 'r2' } }),
      ].join('\n'),
    });
    expect(result.flags.filter((f) => f.kind === 'environment-mixing')).toEqual([
      { kind: 'environment-mixing', scope: 'run', key: 'r1', message: 'run r1 mixes environments: production, staging' },
    ]);
  });

  it('trips each gate only when its condition holds', async () => {
    const over = step({ step_id: 'o', cost_usd: 500, tags: { feature: 'contract-redline' } }); // feature (140) and team (200) over, org (900) under
    const { result } = await reportOn({ 'a.jsonl': over }, { failOn: ['over-budget', 'hard-cap', 'global-cap', 'unattributed'] });
    expect(result.gates.tripped).toEqual(['over-budget', 'hard-cap']);
    const untagged = await reportOn({ 'a.jsonl': [over, step({ step_id: 'u', cost_usd: 100 })].join('\n') }, { failOn: ['unattributed'] });
    expect(untagged.result.gates.tripped).toEqual(['unattributed']);
  });
});

describe('input formats', () => {
  it('reads attrib CSV with tags.* columns, quoted fields and hostile values', async () => {
    const csv = [
      'ts,step_id,parent_step_id,kind,model,input_tokens,output_tokens,cost_usd,tags.feature,tags.tenant',
      '2026-10-02 09:00:00.000,c1,,model,gpt-4o-mini,1000,0,,inbox-triage,"=cmd|\' /C calc\'!A0"',
      '2026-10-02T09:00:01Z,c2,c1,tool,,,,0.5,,',
      '2026-10-02T09:00:02Z,c3,,model,gpt-4o-mini,0,0,1,__proto__,"multi',
      'line, ""quoted"""',
      '2026-10-02T09:00:03Z,c4,,model',
    ].join('\r\n');
    const { result, analysis } = await reportOn({ 'steps.csv': csv });
    expect(result.totals).toMatchObject({ costUsd: 1.50015, steps: 3, skippedLines: 1 });
    expect(result.skipped[0]).toEqual({ file: 'steps.csv', line: 6, reason: 'expected 10 CSV fields, found 4' });
    expect(row(result.byTenant, "=cmd|' /C calc'!A0")?.costUsd).toBe(0.50015);
    expect(analysis.step(2).tags.tenant.value).toBe('multi\nline, "quoted"');
    expect(result.unattributed[1]!.values).toEqual([{ value: '__proto__', costUsd: 1, steps: 1 }]);
    expect(Object.prototype).not.toHaveProperty('costUsd');
  });

  it('reads LiteLLM spend logs: spend, tags from metadata / request_tags / end_user, session as run', async () => {
    const rows = [
      { request_id: 'r1', call_type: 'acompletion', spend: 0.25, startTime: '2026-10-05T10:00:00Z', model: 'gpt-4o', custom_llm_provider: 'openai', prompt_tokens: 100, completion_tokens: 10, end_user: 'ws_acme', session_id: 's1', request_tags: ['feature:support-agent', 'other:x'], metadata: JSON.stringify({ usage_object: { prompt_tokens_details: { cached_tokens: 40 } } }), team_id: 'key-team' },
      { request_id: 'r2', call_type: 'aembedding', spend: 0, startTime: '2026-10-05 10:00:01.000', model: 'text-embedding-3-large', prompt_tokens: 50, completion_tokens: 0, session_id: 's1', metadata: { spend_logs_metadata: { feature: 'semantic-search', tenant: 'ws_globex' } } },
    ];
    const { result, analysis } = await reportOn({ 'spend.json': JSON.stringify(rows) });
    expect(analysis.step(0)).toMatchObject({ kind: 'model', cachedInputTokens: 40, costUsd: 0.25, format: 'litellm', run: 's1' });
    expect(analysis.step(0).tags.team).toEqual({ value: 'support', source: 'registry' });
    // spend 0 with 50 tokens is LiteLLM's "no price", not $0: priced from the table,
    // 50 x $0.13 per 1M = 6.5 micro-dollars, rounded half-up to 7.
    expect(analysis.step(1)).toMatchObject({ kind: 'embedding', costUsd: 0.000007, price: { price: { kind: 'table', entry: 'text-embedding-3-large' } } });
    expect(analysis.step(1).tags.tenant.value).toBe('ws_globex');
    expect(result.totals).toMatchObject({ costUsd: 0.250007, runs: 1 });
  });

  it('reads OTLP/JSON: structural agent spans pass tags on, only leaf usage counts', async () => {
    const s = (v: string) => ({ stringValue: v });
    const n = (v: number) => ({ intValue: String(v) });
    const span = (id: string, parent: string, attributes: unknown[]) => ({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: id, parentSpanId: parent, startTimeUnixNano: '1791100800000000000', attributes });
    const traces = {
      resourceSpans: [{
        resource: { attributes: [{ key: 'deployment.environment.name', value: s('staging') }] },
        scopeSpans: [{ spans: [
          span('00000000000000a1', '', [{ key: 'gen_ai.operation.name', value: s('invoke_agent') }, { key: 'attrib.feature', value: s('semantic-search') }]),
          span('00000000000000a2', '00000000000000a1', [{ key: 'gen_ai.usage.input_tokens', value: n(1000) }, { key: 'gen_ai.usage.output_tokens', value: n(100) }]),
          span('00000000000000a3', '00000000000000a2', [{ key: 'gen_ai.operation.name', value: s('chat') }, { key: 'gen_ai.request.model', value: s('gpt-4o-mini') }, { key: 'gen_ai.usage.input_tokens', value: n(1000) }, { key: 'gen_ai.usage.output_tokens', value: n(100) }]),
          span('00000000000000a4', '00000000000000a1', [{ key: 'gen_ai.operation.name', value: s('execute_tool') }, { key: 'gen_ai.tool.name', value: s('vector-search') }, { key: 'gen_ai.usage.cost', value: { doubleValue: 0.001 } }]),
        ] }],
      }],
    };
    const { result, analysis } = await reportOn({ 'traces.jsonl': JSON.stringify(traces) });
    // 1000 x 0.15 + 100 x 0.60 = 210 micro-dollars, counted once; plus the tool's 1000
    expect(result.totals).toMatchObject({ costUsd: 0.00121, steps: 2, runs: 1 });
    expect(result.inputs.structuralRecords).toBe(2);
    expect(analysis.step(2).tags.feature).toEqual({ value: 'semantic-search', source: 'ancestor' });
    expect(analysis.step(2).tags.environment).toEqual({ value: 'staging', source: 'own' });
    expect(analysis.step(2).ts).toBe('2026-10-04T08:00:00.000Z');
    expect(result.tools[0]).toMatchObject({ tool: 'vector-search', consumers: [{ feature: 'semantic-search', costUsd: 0.001 }] });
  });

  it('reads gzipped JSONL (by magic bytes) and stdin (-), and --input-format forces a format', async () => {
    const line = step({ step_id: 'g', cost_usd: 2, tags: { feature: 'inbox-triage' } });
    const gz = await reportOn({ 'a.jsonl.gz': gzipSync(line) });
    expect(gz.result.totals.costUsd).toBe(2);
    const dir = gz.dir;
    const stdin = await analyze({ cwd: dir, taxonomy: fixtureTaxonomy(), paths: ['-'], stdin: Readable.from([gzipSync(line)]) });
    expect(stdin.result.totals.costUsd).toBe(2);
    expect(stdin.result.inputs.files).toEqual(['-']);
    const forced = await reportOn({ 'a.jsonl': line }, { inputFormat: 'litellm' });
    expect(forced.result.totals.skippedLines).toBe(1);
    expect(forced.result.skipped[0]!.reason).toContain('startTime');
  });

  it('reads every fixture format together, and every group list sums to the total', async () => {
    const result = await report({ cwd: path.join(repoRoot, 'fixtures'), taxonomy: fixtureTaxonomy(), paths: ['logs/'] });
    expect(result.inputs.files).toEqual(['logs/attrib-2026-10.jsonl', 'logs/attrib-steps.csv', 'logs/langfuse-observations.json', 'logs/late-runs.jsonl.gz', 'logs/litellm-spend.json', 'logs/otel-traces.json']);
    expect(result.period).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(result.totals.skippedLines).toBe(3);
    expect(result.skipped.map((s) => s.line)).toEqual([41, 201, 401]);
    expect(row(result.byFeature, 'contract-redline')?.status).toBe('over');
    expect(row(result.byTeam, 'legal')?.status).toBe('over');
    // A real month: no feature holds more than 35% of the spend, each holds more than 3%, and every
    // other feature and team is under budget.
    for (const f of result.byFeature.filter((x) => x.key !== '(unattributed)')) {
      expect(f.costUsd / result.totals.costUsd).toBeLessThan(0.35);
      expect(f.costUsd / result.totals.costUsd).toBeGreaterThan(0.03);
    }
    expect(result.byFeature.filter((f) => f.status !== 'under' && f.status !== 'no-budget').map((f) => f.key)).toEqual(['contract-redline']);
    expect(result.byTeam.filter((t) => t.status !== 'under' && t.status !== 'no-budget').map((t) => t.key)).toEqual(['legal']);
    expect(result.byTenant.filter((t) => t.outlier)).toEqual([]);
    expect(result.totals.unattributedCostUsd / result.totals.costUsd).toBeLessThan(0.05);
    expect(result.totals.unpricedSteps).toBe(1);
    for (const bucket of ['missing', 'unknown-value', 'conflict'] as const) expect(result.unattributed.find((b) => b.bucket === bucket)!.costUsd).toBeGreaterThan(0);
    expect(new Set(result.flags.map((f) => f.kind))).toEqual(new Set(['conflicting-tags', 'environment-mixing', 'feature-team-mismatch', 'hard-cap', 'over-budget', 'spend-spike', 'unpriced']));
    expect(result.flags.filter((f) => f.kind === 'spend-spike').map((f) => `${f.scope} ${f.key} ${f.date}`)).toEqual(['feature support-agent 2026-10-22']);
    expectAllocation(result, expect);
    expect(schemaErrors('report-result', JSON.parse(JSON.stringify(result)))).toEqual([]);
  });

  it('uses report.logs of attrib.yaml when no paths are given', async () => {
    const result = await report({ cwd: repoRoot, taxonomy: fixtureTaxonomy() });
    expect(result.inputs.files).toEqual(['fixtures/logs/attrib-2026-10.jsonl']);
  });
});

describe('bad input', () => {
  it('skips what it cannot use and says why, with the line number', async () => {
    const { result } = await reportOn({
      'a.jsonl': [
        'not json',
        step({ step_id: 'ok', cost_usd: 1 }),
        '{"hello":"world"}',
        step({ step_id: 'neg', input_tokens: -3 }),
        step({ step_id: 'nan', output_tokens: 'many' }),
        step({ step_id: 'when', ts: 'tomorrow' }),
        step({ step_id: 'cache', input_tokens: 10, cached_input_tokens: 20 }),
        step({ step_id: 'ok', cost_usd: 1 }),
        '[1,2]',
        '',
      ].join('\n'),
    });
    expect(result.totals).toMatchObject({ costUsd: 1, steps: 1, skippedLines: 8 });
    expect(result.skipped.map((s) => `${s.line}: ${s.reason}`)).toEqual([
      expect.stringMatching(/^1: not valid JSON/),
      '3: not a record of a known format (attrib step, LiteLLM, Langfuse, OTLP, Helicone or Bedrock)',
      '4: input_tokens is negative: -3',
      '5: output_tokens is not a number: many',
      '6: ts is not a timestamp: tomorrow',
      '7: cached (20) plus cache-write (0) tokens exceed input tokens (10)',
      '8: duplicate step id "ok": already read, counted once',
      '9: expected a JSON object, got an array',
    ]);
  });

  it('does not read fields through a `__proto__` key or the prototype', async () => {
    const { result } = await reportOn({
      'a.jsonl': ['{"ts":"2026-10-03T00:00:00Z","step_id":"p","cost_usd":1,"tags":{"__proto__":{"feature":"inbox-triage"}},"__proto__":{"model":"gpt-4o"}}', step({ step_id: 'toString', cost_usd: 1, tags: { feature: 'constructor' } })].join('\n'),
    });
    expect(result.totals).toMatchObject({ costUsd: 2, unattributed: { missing: 1, unknownValue: 1, conflict: 0 } });
    expect(result.unattributed[1]!.values.map((v) => v.value)).toEqual(['constructor']);
  });

  it('lists at most 20 skipped lines but counts all of them', async () => {
    const { result } = await reportOn({ 'a.jsonl': Array.from({ length: 25 }, () => 'x').join('\n') });
    expect(result.totals.skippedLines).toBe(25);
    expect(result.skipped).toHaveLength(20);
  });

  it('reports each bad record of a broken JSON array at its line, and a corrupt gzip as a skipped line', async () => {
    const { result } = await reportOn({ 'a.json': '[\n{"a": 1},\n{oops}\n]', 'b.jsonl.gz': Buffer.from([0x1f, 0x8b, 1, 2, 3, 4, 5]) });
    // Record 1 parses but is no known format, record 2 is not JSON: each costs itself only.
    expect(result.skipped.map((s) => `${s.file}:${s.line}`)).toEqual(['a.json:2', 'a.json:3', 'b.jsonl.gz:1']);
  });

  it('missing files, empty globs and bad dates are ConfigErrors (exit 2)', async () => {
    await expect(reportOn({ 'a.jsonl': '' }, { paths: ['nope.jsonl'] })).rejects.toThrow(/log file not found: nope\.jsonl/);
    await expect(reportOn({ 'a.jsonl': '' }, { paths: ['logs/*.jsonl'] })).rejects.toThrow(ConfigError);
    await expect(reportOn({ 'a.jsonl': '' }, { since: '2026-13-01' })).rejects.toThrow(/--since must be a date/);
    await expect(reportOn({ 'a.jsonl': '' }, { since: '2026-10-05', until: '2026-10-01' })).rejects.toThrow(/before --since/);
    const noLogs = { ...fixtureTaxonomy(), report: { logs: [] } };
    await expect(report({ cwd: repoRoot, taxonomy: noLogs })).rejects.toThrow(/no usage logs to read/);
  });
});
