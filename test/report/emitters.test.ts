import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/report/index.js';
import { bedrockModel } from '../../src/report/importers/bedrock.js';
import { importHelicone } from '../../src/report/importers/helicone.js';
import { format as markdown } from '../../src/formats/markdown.js';
import { format as table } from '../../src/formats/table.js';
import { repoRoot } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { expectAllocation, fixtureTaxonomy, reportOn, row } from './helpers.js';

/**
 * Real-shaped exports of each emitter (fixtures/emitters/, sources in its README.md). Every number
 * is worked out by hand in a comment: rates are USD per 1M tokens from rules/pricing.yaml, so
 * tokens x rate is a cost in micro-dollars.
 */
async function read(file: string) {
  const analysis = await analyze({ cwd: repoRoot, taxonomy: fixtureTaxonomy(), paths: [`fixtures/emitters/${file}`], fallbackPricing: false });
  const { result } = analysis;
  expectAllocation(result, expect);
  expect(schemaErrors('report-result', JSON.parse(JSON.stringify(result)))).toEqual([]);
  const byId = (id: string) => {
    for (let i = 0; i < analysis.size; i++) if (analysis.step(i).stepId === id) return analysis.step(i);
    throw new Error(`no step ${id}`);
  };
  return { result, byId };
}

describe('AWS Bedrock model invocation logs', () => {
  it('adds the cache buckets to the input, drops geographic prefixes, prices from the table, counts failures', async () => {
    const { result, byId } = await read('bedrock/model-invocations.jsonl');
    // Line 1 is the public sample with its impossible day 99: skipped, said why.
    expect(result.skipped).toEqual([{ file: 'fixtures/emitters/bedrock/model-invocations.jsonl', line: 1, reason: 'timestamp is not a timestamp: 2025-04-99T23:00:17Z' }]);
    // 652 uncached + 9800 cache reads + 2048 cache writes = 12500 input tokens.
    // 652 x 3 + 9800 x 0.30 + 2048 x 3.75 + 640 x 15 = 1956 + 2940 + 7680 + 9600 = 22176 micro-dollars.
    expect(byId('1d2e3f40-5a6b-7c8d-9e0f-a1b2c3d4e5f6')).toMatchObject({
      model: 'anthropic.claude-sonnet-4-20250514-v1:0',
      provider: 'bedrock',
      inputTokens: 12500,
      cachedInputTokens: 9800,
      cacheWriteTokens: 2048,
      outputTokens: 640,
      costUsd: 0.022176,
      price: { price: { kind: 'table', entry: 'anthropic.claude-sonnet-4-20250514-v1:0' } },
      tags: { tenant: { value: 'ws_acme', source: 'own' } },
    });
    // global. keeps its own (cheaper) price: 1000 x 3 + 100 x 15 = 4500.
    expect(byId('a0000000-0000-4000-8000-000000000003')).toMatchObject({ model: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', costUsd: 0.0045, run: 'run-7' });
    // An inference-profile ARN with us.: the regional price, 10% above global: 1000 x 3.30 + 100 x 16.50 = 4950.
    expect(byId('a0000000-0000-4000-8000-000000000004')).toMatchObject({ model: 'anthropic.claude-sonnet-4-5-20250929-v1:0', costUsd: 0.00495, run: 'run-7' });
    // The throttled call (errorCode, no counts) is not a step; the Titan embedding has no table price: unpriced, flagged.
    expect(result.inputs.failedRequests).toBe(1);
    expect(byId('a0000000-0000-4000-8000-000000000006')).toMatchObject({ kind: 'embedding', inputTokens: 500, unpriced: true });
    expect(result.flags).toContainEqual(expect.objectContaining({ kind: 'unpriced', key: 'amazon.titan-embed-text-v2:0' }));
    // 22176 + 4500 + 4950 = 31626 micro-dollars over 4 steps.
    expect(result.totals).toMatchObject({ costUsd: 0.031626, steps: 4, unpricedSteps: 1, skippedLines: 1 });
    expect(row(result.byFeature, 'support-agent')?.costUsd).toBe(0.00945);
  });

  it('normalises model ids for pricing', () => {
    expect(bedrockModel('us.anthropic.claude-3-haiku-20240307-v1:0')).toBe('anthropic.claude-3-haiku-20240307-v1:0');
    expect(bedrockModel('apac.amazon.nova-pro-v1:0')).toBe('amazon.nova-pro-v1:0');
    expect(bedrockModel('global.anthropic.claude-haiku-4-5-20251001-v1:0')).toBe('global.anthropic.claude-haiku-4-5-20251001-v1:0');
    expect(bedrockModel('arn:aws:bedrock:eu-west-1::foundation-model/mistral.mistral-large-2402-v1:0')).toBe('mistral.mistral-large-2402-v1:0');
  });
});

describe('LiteLLM', () => {
  it('SpendLogs: provider prefix dropped, cache writes read, failures counted apart', async () => {
    const { result, byId } = await read('litellm/spend-logs.json');
    // The live v1.98.0 row: `anthropic/claude-3-5-sonnet-20241022` with custom_llm_provider anthropic.
    expect(byId('chatcmpl-b4316a00-a559-4169-8e63-37aa94425808')).toMatchObject({
      model: 'claude-3-5-sonnet-20241022',
      provider: 'anthropic',
      inputTokens: 10,
      outputTokens: 20,
      costUsd: 0.00033,
      tags: { tenant: { value: 'end-user-731', source: 'own' } },
    });
    expect(byId('chatcmpl-7f1c')).toMatchObject({
      model: 'claude-sonnet-4-20250514',
      inputTokens: 12000,
      cachedInputTokens: 9000,
      cacheWriteTokens: 2000,
      outputTokens: 640,
      costUsd: 0.02766,
      run: 'sess-42',
      tags: { feature: { value: 'support-agent', source: 'own' }, environment: { value: 'production', source: 'own' }, workload_class: { value: 'interactive', source: 'own' } },
    });
    expect(result.inputs.failedRequests).toBe(1);
    expect(markdown(result, { color: false, cwd: repoRoot })).toContain('· 1 failed request (not billed)');
    expect(table(result, { color: false, cwd: repoRoot })).toContain('· 1 failed request (not billed)');
    // 330 + 27660 micro-dollars, two steps: the failed call is not one.
    expect(result.totals).toMatchObject({ costUsd: 0.02799, steps: 2 });
  });

  it('StandardLoggingPayload: response_cost, trace_id as run, requester tags, a failed cost calculation is priced', async () => {
    const { result, byId } = await read('litellm/standard-logging-payload.jsonl');
    expect(byId('chatcmpl-2299b6a2-82a3-465a-b47c-04e685a2227f')).toMatchObject({ model: 'gpt-4o', inputTokens: 10, outputTokens: 20, costUsd: 0.000225, format: 'litellm-payload' });
    expect(byId('msg_01XFDUDYJgAACzvnptvVoYEL')).toMatchObject({
      inputTokens: 2100,
      cachedInputTokens: 1000,
      cacheWriteTokens: 1000,
      costUsd: 0.0099,
      run: '4c6f8e8a-5b0e-4f7b-9a57-1a4b7f6c2d10',
      tags: { feature: { value: 'contract-redline', source: 'own' }, tenant: { value: 'ws_globex', source: 'own' }, workload_class: { value: 'batch', source: 'own' } },
    });
    // response_cost 0 with response_cost_failure_debug_info: priced, 1000 x 0.15 + 200 x 0.60 = 150 + 120 = 270.
    expect(byId('chatcmpl-nocost-3')).toMatchObject({ costUsd: 0.00027, price: { price: { kind: 'table', entry: 'gpt-4o-mini' } } });
    expect(result.inputs.failedRequests).toBe(1);
    // 225 + 9900 + 270 = 10395 micro-dollars.
    expect(result.totals).toMatchObject({ costUsd: 0.010395, steps: 3, runs: 2 });
  });
});

describe('Helicone', () => {
  it('request API ({ data, error }): cache buckets added, properties as tags, session as run, a 0 cost priced', async () => {
    const { result, byId } = await read('helicone/request-query.json');
    // prompt_tokens 800 exclude the 200 cache reads: 1000 input tokens, Helicone's own cost kept.
    expect(byId('hc-req-1')).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini',
      inputTokens: 1000,
      cachedInputTokens: 200,
      outputTokens: 100,
      costUsd: 0.000195,
      run: 'sess-1',
      tags: { feature: { value: 'inbox-triage', source: 'own' }, tenant: { value: 'ws_acme', source: 'own' }, environment: { value: 'production', source: 'own' } },
    });
    // cost 0 with tokens is "no price": 100 x 3 + 2000 x 3.75 + 50 x 15 = 300 + 7500 + 750 = 8550.
    expect(byId('hc-req-2')).toMatchObject({
      inputTokens: 2100,
      cacheWriteTokens: 2000,
      costUsd: 0.00855,
      price: { price: { kind: 'table', entry: 'claude-sonnet-4' } },
      tags: { workload_class: { value: 'interactive', source: 'own' }, tenant: { value: 'user-9', source: 'own' } },
    });
    // The 429 is a failed request; the stream with -1 counts carries no usage and is warned about.
    expect(result.inputs.failedRequests).toBe(1);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'usage-missing', count: 1 })]);
    // 195 + 8550 = 8745 micro-dollars.
    expect(result.totals).toMatchObject({ costUsd: 0.008745, steps: 3, runs: 2 });
  });

  it("the exporter's CSV: its twice-escaped JSON cells still give the tags", async () => {
    const { result } = await read('helicone/export.csv');
    expect(result.totals).toMatchObject({ costUsd: 0.0035, steps: 1 });
    expect(row(result.byFeature, 'clause-search')?.costUsd).toBe(0.0035);
    expect(row(result.byTenant, 'ws_globex')?.costUsd).toBe(0.0035);
    expect(result.inputs.failedRequests).toBe(1);
  });
  it("the Python example's pandas CSV: float token counts, Python-repr properties, costUSD", async () => {
    const { result, byId } = await read('helicone/python-export.csv');
    // prompt_tokens "1200.0" (pandas writes a column with gaps as floats); the response model wins.
    expect(byId('q-py-1')).toMatchObject({ model: 'gpt-4o-mini-2024-07-18', inputTokens: 1200, outputTokens: 300, costUsd: 0.00036, tags: { tenant: { value: 'ws_acme', source: 'own' } } });
    // The example keeps six named properties (agent, function, ...), none a tag: the step is unattributed, not mis-tagged.
    expect(result.totals).toMatchObject({ costUsd: 0.00036, steps: 1, unattributed: { missing: 0.00036, unknownValue: 0, conflict: 0 } });
    expect(result.inputs.failedRequests).toBe(1);
    const tags = (properties: string) => importHelicone({ request_id: 'x', request_created_at: '2024-08-02T00:00:01.000Z', request_properties: properties }).tags;
    expect(tags(`{'agent': None, 'feature': 'inbox-triage', 'team': "o'neil"}`)).toEqual({ feature: 'inbox-triage', team: "o'neil" });
    // Anything but a flat dict of strings and None is not guessed at.
    expect(tags(`{'feature': {'nested': 'x'}}`)).toEqual({});
    expect(tags(`{'feature': 'x'} trailing`)).toEqual({});
  });
});

describe('Langfuse', () => {
  it('blob-export CSV: JSON cells parsed, the agent is structural, a calculated 0 is priced', async () => {
    const { result, byId } = await read('langfuse/blob-export-observations.csv');
    expect(result.inputs.structuralRecords).toBe(1);
    // usage_details input 1000 + input_cache_read 400 = 1400; cost_details.total kept.
    expect(byId('obs-g1')).toMatchObject({
      inputTokens: 1400,
      cachedInputTokens: 400,
      outputTokens: 200,
      costUsd: 0.005,
      run: 'trace-9',
      // The agent's metadata and trace tags (a JSON list in its cell) reach the generation through the parent chain.
      tags: { feature: { value: 'contract-redline', source: 'ancestor' }, tenant: { value: 'ws_acme', source: 'ancestor' }, workload_class: { value: 'interactive', source: 'ancestor' } },
    });
    // total_cost 0, empty cost_details: 2000 x 0.15 + 500 x 0.60 = 300 + 300 = 600.
    expect(byId('obs-g2')).toMatchObject({ costUsd: 0.0006, price: { price: { kind: 'table', entry: 'gpt-4o-mini', match: 'snapshot-prefix' } } });
    expect(byId('obs-t1')).toMatchObject({ kind: 'tool', tool: 'vector-search' });
    expect(result.totals).toMatchObject({ costUsd: 0.0056, steps: 3, runs: 1 });
  });

  it('public API v1: zero usage and a 0 cost are structural on a span, "no price" on a generation, missing usage is warned', async () => {
    const { result, byId } = await read('langfuse/public-api-v1-observations.json');
    expect(result.inputs.structuralRecords).toBe(1);
    // calculatedTotalCost 0 for gpt-4o with tokens: 300 x 2.50 + 100 x 10 = 750 + 1000 = 1750.
    expect(byId('v1-gen-known')).toMatchObject({ costUsd: 0.00175, tags: { feature: { value: 'semantic-search', source: 'ancestor' } } });
    // A model nobody prices is unpriced (flagged), not an authoritative $0.
    expect(byId('v1-gen-unknown')).toMatchObject({ unpriced: true, inputTokens: 1000 });
    expect(result.totals).toMatchObject({ costUsd: 0.00175, steps: 3, unpricedSteps: 1 });
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'usage-missing', count: 1 })]);
  });

  it('a wrapper observation whose descendants carry usage is not counted again', async () => {
    const obs = (fields: Record<string, unknown>) => JSON.stringify({ traceId: 't3', startTime: '2026-10-09T11:00:00.000Z', metadata: { feature: 'support-agent' }, ...fields });
    const { result } = await reportOn({
      'obs.jsonl': [
        // The chain span reports the sum of its generation's usage (as LangChain callbacks do).
        obs({ id: 'chain', type: 'CHAIN', usageDetails: { input: 1000, output: 100 } }),
        obs({ id: 'gen', type: 'GENERATION', parentObservationId: 'chain', model: 'gpt-4o-mini', usageDetails: { input: 1000, output: 100 } }),
        // A span with usage and nothing below it is a step.
        obs({ id: 'lone', type: 'SPAN', model: 'gpt-4o-mini', usageDetails: { input: 2000, output: 0 } }),
      ].join('\n'),
    });
    // gen: 1000 x 0.15 + 100 x 0.60 = 210; lone: 2000 x 0.15 = 300; the chain is structural.
    expect(result.totals).toMatchObject({ costUsd: 0.00051, steps: 2 });
    expect(result.inputs.structuralRecords).toBe(1);
  });

  it('public API v2 without fields=usage: every generation is usage-missing, never a green $0', async () => {
    // GET /api/public/v2/observations?fields=core,basic: core fields and the basic group only.
    const obs = (id: string) => JSON.stringify({ id, traceId: 't2', startTime: '2026-10-09T11:00:00.000Z', endTime: '2026-10-09T11:00:01.000Z', projectId: 'p', parentObservationId: null, type: 'GENERATION', name: 'answer', level: 'DEFAULT', statusMessage: null, version: null, environment: 'production' });
    const { result } = await reportOn({ 'v2.jsonl': [obs('a'), obs('b')].join('\n') });
    expect(result.totals).toMatchObject({ costUsd: 0, steps: 2 });
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'usage-missing', count: 2, hint: expect.stringContaining('fields=core,basic,usage') })]);
  });
});
