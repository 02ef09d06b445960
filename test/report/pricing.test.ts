import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/util/errors.js';
import { loadPricing, matchModel, parsePricing, rateAt } from '../../src/report/pricing-table.js';
import { Pricer, costMicros } from '../../src/report/pricing.js';
import type { StepRecord } from '../../src/report/step.js';
import { repoRoot } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { writeLogs } from './helpers.js';

const table = parsePricing(
  `version: 1
models:
  gpt-4o-mini: { provider: openai, input: 0.15, cached_input: 0.075, output: 0.60, aliases: [openai/gpt-4o-mini] }
  gpt-4o: { provider: openai, input: 2.50, output: 10.00 }
  claude-sonnet-4:
    provider: anthropic
    input: 3.00
    cached_input: 0.30
    cache_write: 3.75
    output: 15.00
    from: 2025-06-01
    history:
      - { from: 2025-01-01, input: 3.50, output: 15.00 }
`,
  'test.yaml',
);

const usage = (input: number, cached: number, write: number, output: number) => ({ inputTokens: input, cachedInputTokens: cached, cacheWriteTokens: write, outputTokens: output });

function stepOf(fields: Partial<StepRecord>): StepRecord {
  return {
    ts: Date.parse('2026-10-03T00:00:00Z'), stepId: null, parentStepId: null, kind: 'model', provider: null, model: null,
    inputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 0, costUsd: null, tool: null, toolOwner: null,
    tags: {}, traceId: null, structural: false, leafOnly: false, usageAbsent: false, ...fields,
  };
}

describe('pricing', () => {
  it('prices uncached, cached, cache-write and output tokens in micro-dollars', () => {
    const sonnet = table.models.get('claude-sonnet-4')!;
    // (10000 - 2000 - 1000) x 3 + 2000 x 0.30 + 1000 x 3.75 + 500 x 15 = 21000 + 600 + 3750 + 7500 micro-dollars
    expect(costMicros(usage(10_000, 2000, 1000, 500), rateAt(sonnet, Date.parse('2026-10-01')))).toBe(32_850);
    // cached and cache-write rates fall back to input: 1000 x 2.5 + 100 x 10
    expect(costMicros(usage(1000, 400, 100, 100), table.models.get('gpt-4o')!.rates[0]!)).toBe(3500);
  });

  it('uses the price in force on the step date (history)', () => {
    const sonnet = table.models.get('claude-sonnet-4')!;
    expect(rateAt(sonnet, Date.parse('2025-03-01')).input).toBe(3_500_000);
    expect(rateAt(sonnet, Date.parse('2025-06-01')).input).toBe(3_000_000);
    expect(rateAt(sonnet, Date.parse('2024-01-01')).input).toBe(3_500_000);
  });

  it('matches exactly, without a provider prefix, and by the longest dated-snapshot prefix', () => {
    expect(matchModel(table, 'gpt-4o-mini')).toMatchObject({ entry: { name: 'gpt-4o-mini' }, match: 'exact' });
    expect(matchModel(table, 'openai/gpt-4o-mini')).toMatchObject({ entry: { name: 'gpt-4o-mini' }, match: 'exact' });
    expect(matchModel(table, 'azure/gpt-4o')).toMatchObject({ entry: { name: 'gpt-4o' }, match: 'provider-prefix' });
    expect(matchModel(table, 'gpt-4o-mini-2024-07-18')).toMatchObject({ entry: { name: 'gpt-4o-mini' }, match: 'snapshot-prefix' });
    expect(matchModel(table, 'gpt-4o-2024-08-06')).toMatchObject({ entry: { name: 'gpt-4o' }, match: 'snapshot-prefix' });
    expect(matchModel(table, 'gpt-4')).toBeUndefined();
    expect(matchModel(table, 'gpt-4omni')).toBeUndefined();
  });

  it("keeps the record's own cost, even 0, and says where each price came from", () => {
    const pricer = new Pricer(table, false);
    expect(pricer.price(stepOf({ model: 'gpt-4o', costUsd: 0, inputTokens: 1000 })).micros).toBe(0);
    const priced = pricer.price(stepOf({ model: 'claude-sonnet-4-20250514', ts: Date.parse('2025-02-01'), inputTokens: 1000 }));
    expect(priced.micros).toBe(3500);
    expect(pricer.refs[priced.ref]).toEqual({ model: 'claude-sonnet-4-20250514', provider: null, price: { kind: 'table', source: 'test.yaml', entry: 'claude-sonnet-4', effectiveFrom: '2025-01-01', match: 'snapshot-prefix', terms: { batch: null, discount: null } } });
    const unknown = pricer.price(stepOf({ model: 'gemini-2.5-pro', inputTokens: 1000 }));
    expect(unknown.micros).toBe(-1);
    expect(pricer.refs[unknown.ref]!.price).toEqual({ kind: 'unpriced' });
  });

  it('falls back to the bundled @pydantic/genai-prices catalogue, offline and dated', () => {
    const pricer = new Pricer(table, true);
    const priced = pricer.price(stepOf({ model: 'gemini-2.5-flash', provider: 'google', inputTokens: 1_000_000, outputTokens: 1_000_000 }));
    expect(priced.micros).toBe(2_800_000); // 0.30 + 2.50 per 1M
    expect(pricer.refs[priced.ref]!.price).toMatchObject({ kind: 'fallback', source: '@pydantic/genai-prices@0.1.8', entry: 'google/gemini-2.5-flash' });
    expect(pricer.price(stepOf({ model: 'acme-internal-llm-v2', inputTokens: 10 })).micros).toBe(-1);
  });

  it('rejects a broken pricing file with the file, line and field', () => {
    expect(() => parsePricing('version: 1\nmodels:\n  x: { input: -1, output: 1 }\n', 'p.yaml')).toThrow(/p\.yaml:3:15: models\.x\.input must be a number of USD per 1M tokens from 0 to 100000, not -1$/);
    expect(() => parsePricing('version: 1\nmodels:\n  x: { input: 1, output: 1, inptu: 2 }\n', 'p.yaml')).toThrow(/unknown field `inptu`/);
    expect(() => parsePricing('version: 1\nmodels:\n  x:\n    input: 1\n    output: 1\n    history: [{ from: 2025-01-01, input: 2, output: 2 }]\n', 'p.yaml')).toThrow(/needs `from`/);
    expect(() => parsePricing('version: 2\nmodels: {}\n', 'p.yaml')).toThrow(ConfigError);
  });

  it('--pricing overrides and extends the bundled list; a missing file is a ConfigError', async () => {
    const dir = writeLogs({ 'prices.yaml': 'version: 1\nmodels:\n  gpt-4o-mini: { input: 1, output: 2 }\n  acme-internal-llm-v2: { input: 0.5, output: 1 }\n' });
    const merged = await loadPricing({ cwd: dir, file: 'prices.yaml' });
    expect(merged.models.get('gpt-4o-mini')!.rates[0]!.input).toBe(1_000_000);
    expect(merged.models.get('gpt-4o-mini')!.source).toBe('prices.yaml');
    expect(matchModel(merged, 'acme-internal-llm-v2')?.entry.source).toBe('prices.yaml');
    expect(matchModel(merged, 'gpt-4.1')?.entry.source).toBe('rules/pricing.yaml');
    await expect(loadPricing({ cwd: dir, file: 'nope.yaml' })).rejects.toThrow(/pricing file not found: nope\.yaml/);
  });

  it('the bundled rules/pricing.yaml loads and conforms to schemas/pricing.schema.json', async () => {
    const builtin = await loadPricing({ cwd: repoRoot });
    expect(builtin.models.size).toBeGreaterThan(20);
    const doc = parse(readFileSync(path.join(repoRoot, 'rules/pricing.yaml'), 'utf8'));
    expect(schemaErrors('pricing', doc)).toEqual([]);
  });
});
