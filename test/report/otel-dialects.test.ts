import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/report/index.js';
import { type LedgerStep, runLedger } from '../../src/report/ledger.js';
import { repoRoot } from '../helpers/cli.js';
import { fixtureTaxonomy, reportOn } from './helpers.js';

/**
 * One test per emitter dialect, on fixtures/emitters/otel/*.jsonl (written by generate.mjs beside
 * them, in each emitter's real shape; README.md there names the sources). Prices are those of
 * rules/pricing.yaml, USD per 1M tokens: gpt-4o-mini 0.15 input / 0.075 cached / 0.60 output;
 * claude-sonnet-4 3.00 / 0.30 cached / 3.75 cache write / 15.00; text-embedding-3-small 0.02.
 */
const dir = path.join(repoRoot, 'fixtures/emitters/otel');
const read = (file: string) => analyze({ cwd: dir, taxonomy: fixtureTaxonomy(), paths: [file], fallbackPricing: false });

/** Every step of a run, tree order, keyed by step id. */
function steps(roots: LedgerStep[], into = new Map<string, LedgerStep>()): Map<string, LedgerStep> {
  for (const s of roots) {
    into.set(s.stepId!, s);
    steps(s.children, into);
  }
  return into;
}
const tokens = (s: LedgerStep) => [s.inputTokens, s.cachedInputTokens, s.cacheWriteTokens, s.outputTokens];
const tagValues = (s: LedgerStep) => Object.fromEntries(Object.entries(s.tags).map(([k, t]) => [k, t.value]));
const micros = (usd: number) => Math.round(usd * 1e6);

// The OpenAI call of most fixtures: 10,000 input of which 8,000 cached, 500 output, gpt-4o-mini:
// (10000 - 8000) x 0.15 + 8000 x 0.075 + 500 x 0.60 = 300 + 600 + 300 = 1200 micro-dollars.
// Read without its cached tokens it would be 10000 x 0.15 + 500 x 0.60 = 1800: 50% too high.
const OPENAI_MICROS = 1200;
const OPENAI_UNCACHED_MICROS = 1800;
// The Anthropic call: 100 uncached + 1,000 cache read + 2,000 cache write = 3,100 input, 400 output:
// 100 x 3.00 + 1000 x 0.30 + 2000 x 3.75 + 400 x 15.00 = 300 + 300 + 7500 + 6000 = 14100 micro-dollars.
const ANTHROPIC_MICROS = 14100;

describe('OpenInference spans', () => {
  it('reads kinds, token details, llm.cost, metadata and tag.tags; the LangChain LLM span around the Anthropic one is not counted', async () => {
    const analysis = await read('openinference.jsonl');
    const run = runLedger(analysis, 'e5bb0b80b3959b9f7090e7a537f123e8')!;
    const all = steps(run.roots);
    expect([...all.keys()]).toEqual(['536dd53f608890c8', '1a2b3c4d5e6f7081', '2a2b3c4d5e6f7082', '613071a5cf25852f', 'ec5da8e264b21fa1', 'ec5da8e264b21fa2', 'ec5da8e264b21fa3']);
    const chain = all.get('536dd53f608890c8')!;
    const langchainLlm = all.get('1a2b3c4d5e6f7081')!;
    const anthropic = all.get('2a2b3c4d5e6f7082')!;
    expect(chain.structural).toBe(true);
    // LLM span with usage whose child LLM span carries usage too: a wrapper (leaf usage only).
    expect(langchainLlm.structural).toBe(true);
    expect(anthropic.children).toEqual([]);
    expect(langchainLlm.children.map((c) => c.stepId)).toEqual(['2a2b3c4d5e6f7082']);
    // prompt 2600 includes 2000 cache read and 500 cache write: 100 x 3.00 + 2000 x 0.30 + 500 x 3.75 + 300 x 15.00 = 7275.
    expect(anthropic).toMatchObject({ kind: 'model', provider: 'anthropic', model: 'claude-sonnet-4-20250514', structural: false });
    expect(tokens(anthropic)).toEqual([2600, 2000, 500, 300]);
    expect(micros(anthropic.costUsd)).toBe(7275);
    const openai = all.get('ec5da8e264b21fa1')!;
    // llm.cost.total is the span's own cost: authoritative.
    expect(tokens(openai)).toEqual([12, 1, 0, 5]);
    expect(openai).toMatchObject({ costUsd: 0.000005, price: { kind: 'record' }, provider: 'openai' });
    // embedding.model_name, 800 x 0.02 = 16.
    expect(all.get('ec5da8e264b21fa2')).toMatchObject({ kind: 'embedding', model: 'text-embedding-3-small', inputTokens: 800, costUsd: 0.000016 });
    expect(all.get('613071a5cf25852f')).toMatchObject({ kind: 'tool', tool: 'get_order', costUsd: 0 });
    // Tags: metadata (a JSON string) gives feature and tenant, tag.tags gives workload_class; the chain passes them down.
    for (const s of [anthropic, openai]) {
      expect(tagValues(s)).toEqual({ feature: 'support-agent', team: 'support', workload_class: 'interactive', tenant: 'ws_acme', environment: null });
      expect(s.tags.feature.source).toBe('ancestor');
    }
    // 7275 + 5 + 16 (the streamed call without counts is $0, and says so).
    expect(micros(analysis.result.totals.costUsd)).toBe(7296);
    expect(analysis.result.totals.steps).toBe(5);
    expect(analysis.result.warnings).toEqual([expect.objectContaining({ code: 'usage-missing', count: 1 })]);
  });
});

describe('OpenLLMetry / Traceloop spans', () => {
  it('before the GenAI move: llm.request.type for the kind, prompt/completion names, cache_*_input_tokens, association properties', async () => {
    const analysis = await read('openllmetry-legacy.jsonl');
    const all = steps(runLedger(analysis, '0af7651916cd43dd8448eb211c80319c')!.roots);
    expect(all.get('b000000000000001')!.structural).toBe(true);
    expect(all.get('b000000000000002')!.structural).toBe(true);
    const anthropic = all.get('b000000000000003')!;
    expect(anthropic).toMatchObject({ kind: 'model', provider: 'anthropic' });
    expect(tokens(anthropic)).toEqual([3100, 1000, 2000, 400]);
    expect(micros(anthropic.costUsd)).toBe(ANTHROPIC_MICROS);
    const openai = all.get('b000000000000004')!;
    expect(openai).toMatchObject({ kind: 'model', provider: 'openai', model: 'gpt-4o-mini-2024-07-18' });
    expect(tokens(openai)).toEqual([10000, 8000, 0, 500]);
    expect(micros(openai.costUsd)).toBe(OPENAI_MICROS);
    expect(micros(openai.costUsd)).not.toBe(OPENAI_UNCACHED_MICROS);
    // 500 x 0.02 = 10.
    expect(all.get('b000000000000006')).toMatchObject({ kind: 'embedding', inputTokens: 500, costUsd: 0.00001 });
    expect(all.get('b000000000000005')).toMatchObject({ kind: 'tool', tool: 'lookup_sender' });
    expect(tagValues(openai)).toMatchObject({ feature: 'inbox-triage', team: 'mail', tenant: 'ws_acme' });
    expect(openai.tags.feature.source).toBe('own');
    expect(micros(analysis.result.totals.costUsd)).toBe(ANTHROPIC_MICROS + OPENAI_MICROS + 10);
  });

  it('after the move: gen_ai.operation.name and the GenAI cache names; agent spans are containers', async () => {
    const analysis = await read('openllmetry-genai.jsonl');
    const all = steps(runLedger(analysis, '1af7651916cd43dd8448eb211c80319d')!.roots);
    expect(all.get('c000000000000001')!.structural).toBe(true);
    expect(tokens(all.get('c000000000000002')!)).toEqual([3100, 1000, 2000, 400]);
    expect(tokens(all.get('c000000000000003')!)).toEqual([10000, 8000, 0, 500]);
    expect(all.get('c000000000000004')).toMatchObject({ kind: 'tool', tool: 'lookup_sender' });
    expect(micros(analysis.result.totals.costUsd)).toBe(ANTHROPIC_MICROS + OPENAI_MICROS);
  });
});

describe('Vercel AI SDK spans, every major', () => {
  it.each([
    ['ai-sdk-v4.jsonl', '4bf92f3577b34da6a3ce929d0e0e4736', 'a10000000000000'],
    ['ai-sdk-v5.jsonl', '4bf92f3577b34da6a3ce929d0e0e4736', 'a10000000000000'],
    ['ai-sdk-v6.jsonl', '4bf92f3577b34da6a3ce929d0e0e4736', 'a10000000000000'],
    ['ai-sdk-v7.jsonl', '5bf92f3577b34da6a3ce929d0e0e4737', 'd10000000000000'],
  ])('%s: the calls are the leaves with their cache buckets, the outer span is a wrapper, tool calls are tool steps', async (file, trace, id) => {
    const analysis = await read(file);
    const run = runLedger(analysis, trace)!;
    const all = steps(run.roots);
    expect(run.roots.map((r) => r.stepId)).toEqual([`${id}1`]);
    expect(all.get(`${id}1`)!.structural).toBe(true);
    expect(all.get(`${id}1`)!.children.map((c) => c.stepId)).toEqual([`${id}2`, `${id}3`, `${id}4`]);
    const openai = all.get(`${id}2`)!;
    const tool = all.get(`${id}3`)!;
    const anthropic = all.get(`${id}4`)!;
    // Provider ids `openai.chat` and `anthropic.messages` (4-6) and GenAI names (7) are one provider each.
    expect(openai).toMatchObject({ kind: 'model', provider: 'openai', structural: false });
    expect(tokens(openai)).toEqual([10000, 8000, 0, 500]);
    expect(micros(openai.costUsd)).toBe(OPENAI_MICROS);
    // 4.x and 5.x count Anthropic's input without the cache: attrib adds the buckets back.
    expect(anthropic).toMatchObject({ kind: 'model', provider: 'anthropic', model: 'claude-sonnet-4-20250514' });
    expect(tokens(anthropic)).toEqual([3100, 1000, 2000, 400]);
    expect(micros(anthropic.costUsd)).toBe(ANTHROPIC_MICROS);
    expect(tool).toMatchObject({ kind: 'tool', tool: 'search_contacts', costUsd: 0, structural: false });
    // ai.telemetry.metadata.* (4-6) or ai.settings.context.* (7) tags, on every span or on the root.
    for (const s of [openai, tool, anthropic]) expect(tagValues(s)).toMatchObject({ feature: 'smart-compose', team: 'mail', tenant: 'ws_acme' });
    expect(micros(analysis.result.totals.costUsd)).toBe(OPENAI_MICROS + ANTHROPIC_MICROS);
    expect(analysis.result.totals.steps).toBe(3);
    expect(analysis.result.warnings).toEqual([]);
  });

  it('prices cached input at the cached rate (the issue: 40-52% too high when cachedInputTokens was not read)', async () => {
    const line = (usage: Record<string, number>) =>
      JSON.stringify({
        resourceSpans: [{ scopeSpans: [{ scope: { name: 'ai' }, spans: [{
          traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: 'a100000000000002', startTimeUnixNano: '1791190800000000000',
          attributes: [
            { key: 'ai.operationId', value: { stringValue: 'ai.generateText.doGenerate' } },
            { key: 'ai.model.provider', value: { stringValue: 'openai.chat' } },
            { key: 'ai.model.id', value: { stringValue: 'gpt-4o-mini' } },
            ...Object.entries(usage).map(([key, n]) => ({ key, value: { intValue: String(n) } })),
          ],
        }] }] }],
      });
    const withCache = await reportOn({ 'a.jsonl': line({ 'ai.usage.inputTokens': 10000, 'ai.usage.cachedInputTokens': 8000, 'ai.usage.outputTokens': 500 }) });
    const withoutCache = await reportOn({ 'a.jsonl': line({ 'ai.usage.inputTokens': 10000, 'ai.usage.outputTokens': 500 }) });
    expect(micros(withCache.result.totals.costUsd)).toBe(OPENAI_MICROS);
    expect(micros(withoutCache.result.totals.costUsd)).toBe(OPENAI_UNCACHED_MICROS);
    // 1800 / 1200 = 1.5: what the report charged before the cached tokens were read.
    expect(OPENAI_UNCACHED_MICROS / OPENAI_MICROS).toBe(1.5);
  });
});

describe('Langfuse SDK spans', () => {
  it('reads usage and cost details (JSON strings), trace metadata and tags, the environment; an empty-usage span is structural', async () => {
    const analysis = await read('langfuse-sdk.jsonl');
    const all = steps(runLedger(analysis, '2cce18f7e8cd065a0b4e634eef728391')!.roots);
    // usage_details "{}" is no usage: the span is a container.
    expect(all.get('dfe387fea7ef3b02')!.structural).toBe(true);
    const gpt = all.get('57f02554179741bd')!;
    // cost_details {"input_tokens": 0.0001, "output_tokens": 0.002} has no total: 0.0001 + 0.002.
    expect(gpt).toMatchObject({ kind: 'model', model: 'gpt-4o', inputTokens: 123, outputTokens: 456, costUsd: 0.0021, price: { kind: 'record' } });
    const claude = all.get('57f02554179741be')!;
    // {"input": 100, "input_cache_read": 1000, "input_cache_creation": 2000, "output": 400}: Langfuse
    // counts each input bucket apart, so input = 100 + 1000 + 2000; priced from the table.
    expect(tokens(claude)).toEqual([3100, 1000, 2000, 400]);
    expect(micros(claude.costUsd)).toBe(ANTHROPIC_MICROS);
    expect(all.get('57f02554179741bf')).toMatchObject({ kind: 'tool', tool: 'clause_lookup' });
    // feature from the root's langfuse.trace.metadata.feature ("\"contract-redline\""), team from
    // langfuse.trace.tags "team:legal", tenant from the generation's own observation metadata,
    // environment from the resource's langfuse.environment.
    expect(tagValues(gpt)).toEqual({ feature: 'contract-redline', team: 'legal', workload_class: null, tenant: 'ws_acme', environment: 'production' });
    expect(gpt.tags.tenant.source).toBe('own');
    expect(claude.tags.tenant.source).toBe('run');
    expect(micros(analysis.result.totals.costUsd)).toBe(2100 + ANTHROPIC_MICROS);
  });
});

describe('Pydantic Logfire / pydantic-ai spans', () => {
  it('reads operation.cost, the older cache detail names and "running tool" spans; the agent run is a wrapper', async () => {
    const analysis = await read('logfire.jsonl');
    const all = steps(runLedger(analysis, '6bf92f3577b34da6a3ce929d0e0e4738')!.roots);
    // invoke_agent with the run's aggregated usage and cost, above calls that carry theirs: not counted.
    expect(all.get('e100000000000001')!.structural).toBe(true);
    expect(all.get('e100000000000002')).toMatchObject({ costUsd: 0.0012, price: { kind: 'record' }, cachedInputTokens: 8000 });
    // gen_ai.usage.details.cache_read_tokens only: (10000 - 8000) x 0.15 + 8000 x 0.075 + 400 x 0.60 = 300 + 600 + 240.
    const older = all.get('e100000000000004')!;
    expect(tokens(older)).toEqual([10000, 8000, 0, 400]);
    expect(micros(older.costUsd)).toBe(1140);
    expect(all.get('e100000000000003')).toMatchObject({ kind: 'tool', tool: 'search_kb', structural: false });
    // logfire.tags "feature:support-agent"; environment from the resource.
    expect(tagValues(older)).toMatchObject({ feature: 'support-agent', team: 'support', workload_class: 'interactive', environment: 'staging' });
    expect(micros(analysis.result.totals.costUsd)).toBe(1200 + 1140);
  });
});

describe('OTel records that cannot be used', () => {
  const traces = (attributes: Record<string, unknown>) =>
    JSON.stringify({
      resourceSpans: [{ scopeSpans: [{ spans: [{
        traceId: '0af7651916cd43dd8448eb211c80319c', spanId: '00000000000000b1', startTimeUnixNano: '1791190800000000000',
        attributes: Object.entries(attributes).map(([key, v]) => ({ key, value: typeof v === 'number' ? { intValue: String(v) } : { stringValue: v } })),
      }] }] }],
    });

  it.each([
    [{ 'openinference.span.kind': 'LLM', 'llm.model_name': 'gpt-4o-mini', 'llm.token_count.prompt': 'lots' }, 'span 00000000000000b1: llm.token_count.prompt is not a number: lots'],
    [{ 'ai.operationId': 'ai.generateText.doGenerate', 'ai.model.provider': 'openai.chat', 'ai.usage.promptTokens': 10, 'ai.response.providerMetadata': '{not json' }, 'span 00000000000000b1: ai.response.providerMetadata is not a JSON object'],
    [{ 'langfuse.observation.type': 'generation', 'langfuse.observation.usage_details': '[1,2]' }, 'span 00000000000000b1: langfuse.observation.usage_details is not a JSON object'],
    [{ 'ai.operationId': 'ai.generateText.doGenerate', 'ai.model.provider': 'openai.chat', 'ai.usage.inputTokens': 10, 'ai.usage.cachedInputTokens': 50 }, 'span 00000000000000b1: cached (50) plus cache-write (0) tokens exceed input tokens (10)'],
  ])('skips %o with its reason', async (attributes, reason) => {
    const { result } = await reportOn({ 'a.jsonl': traces(attributes) });
    expect(result.totals.skippedLines).toBe(1);
    expect(result.skipped[0]!.reason).toBe(reason);
  });

  it('a span of one dialect also reads the tags another propagates onto it (Langfuse trace metadata on an OpenInference span)', async () => {
    const { result } = await reportOn({
      'a.jsonl': traces({ 'openinference.span.kind': 'LLM', 'llm.model_name': 'gpt-4o-mini', 'llm.token_count.prompt': 1000, 'llm.token_count.completion': 100, 'langfuse.trace.metadata.feature': '"inbox-triage"' }),
    });
    // Read as OpenInference: 1000 x 0.15 + 100 x 0.60 = 210 micro-dollars, charged to inbox-triage.
    expect(result.byFeature.find((r) => r.key === 'inbox-triage')).toMatchObject({ costUsd: 0.00021 });
  });
});

describe('spans shaped like the Langfuse server mapping tests (langfuse/langfuse web/src/__tests__/server/api/otel/otelMapping.servertest.ts at 62751446)', () => {
  const traces = (scope: string, attributes: Record<string, string | number>) =>
    JSON.stringify({
      resourceSpans: [{ scopeSpans: [{ scope: { name: scope }, spans: [{
        traceId: 'abcdef1234567890abcdef1234567890', spanId: '1234567890abcdef', startTimeUnixNano: '1791190800000000000',
        attributes: Object.entries(attributes).map(([key, v]) => ({ key, value: typeof v === 'number' ? { intValue: String(v) } : { stringValue: v } })),
      }] }] }],
    });
  const only = async (scope: string, attributes: Record<string, string | number>) => {
    const { result, analysis } = await reportOn({ 'a.jsonl': traces(scope, attributes) });
    expect(result.totals.skippedLines).toBe(0);
    const run = runLedger(analysis, 'abcdef1234567890abcdef1234567890')!;
    return run.roots[0]!;
  };

  it('an OpenInference span without its kind attribute still counts its llm.token_count.* (agno)', async () => {
    const s = await only('openinference.instrumentation.agno', { 'llm.token_count.prompt': 50000, 'llm.token_count.completion': 200, 'llm.token_count.prompt_details.cache_read': 40000, 'llm.token_count.prompt_details.cache_write': 5000 });
    expect(s.structural).toBe(false);
    expect(tokens(s)).toEqual([50000, 40000, 5000, 200]);
  });

  it("LiteLLM's OTel logger writes the flat cache names: read as the GenAI ones", async () => {
    const s = await only('litellm', { 'gen_ai.usage.input_tokens': 100, 'gen_ai.usage.output_tokens': 40, 'gen_ai.usage.cache_read_input_tokens': 20, 'gen_ai.usage.cache_creation_input_tokens': 10 });
    expect(tokens(s)).toEqual([100, 20, 10, 40]);
  });

  it('AI SDK provider metadata: the input count includes the cache when it is the raw count plus the cache, else it is added', async () => {
    // 7 uncached + 2089 cache write + 16399 cache read = 18495: the written input already is the total.
    const inclusive = await only('ai', {
      'gen_ai.usage.input_tokens': 18495, 'gen_ai.usage.output_tokens': 445, 'ai.usage.cachedInputTokens': '16399',
      'ai.response.providerMetadata': JSON.stringify({ anthropic: { usage: { input_tokens: 7, cache_creation_input_tokens: 2089, cache_read_input_tokens: 16399 }, cacheCreationInputTokens: 2089 } }),
    });
    expect(tokens(inclusive)).toEqual([18495, 16399, 2089, 445]);
    // Bedrock: inputTokens 5734 is its raw count (5734 + 178 output + 4482 cache read = totalTokens 10394): 5734 + 4482.
    const bedrock = await only('ai', {
      'gen_ai.usage.input_tokens': 5734, 'gen_ai.usage.output_tokens': 178,
      'ai.response.providerMetadata': JSON.stringify({ bedrock: { usage: { inputTokens: 5734, outputTokens: 178, totalTokens: 10394, cacheReadInputTokens: 4482, cacheWriteInputTokens: 0 } } }),
    });
    expect(tokens(bedrock)).toEqual([10216, 4482, 0, 178]);
  });
});
