import { describe, expect, it } from 'vitest';
import { langfuseCost, langfuseUsage } from '../../src/report/importers/langfuse-usage.js';
import { BadRecord } from '../../src/report/step.js';

describe('langfuseUsage (public API usageDetails, blob export usage_details, SDK span usage_details)', () => {
  it('adds every input bucket up, as Langfuse counts them apart', () => {
    // OpenAI integration: input is net of its cached bucket: 200 + 800 cached = 1000 input.
    expect(langfuseUsage({ input: 200, input_cached_tokens: 800, output: 50, output_reasoning_tokens: 20, total: 1070 }, 'u')).toEqual({ input: 1000, cached: 800, cacheWrite: 0, output: 70 });
    // Anthropic-style keys: 100 + 1000 read + 2000 write = 3100.
    expect(langfuseUsage({ input_tokens: 100, cache_read_input_tokens: 1000, cache_creation_input_tokens: 2000, output_tokens: 400 }, 'u')).toEqual({ input: 3100, cached: 1000, cacheWrite: 2000, output: 400 });
    // Langfuse's own canonical names, with the 5m/1h cache-write split: 500 + 1500 + 2000 + 1000 = 5000.
    expect(langfuseUsage({ input: 500, input_cache_read: 1500, input_cache_creation_5m: 2000, input_cache_creation_1h: 1000, output: 200 }, 'u')).toEqual({ input: 5000, cached: 1500, cacheWrite: 3000, output: 200 });
    expect(langfuseUsage({ prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 }, 'u')).toEqual({ input: 12, cached: 0, cacheWrite: 0, output: 5 });
  });

  it('a bucket that is not a token count makes the record unusable', () => {
    expect(() => langfuseUsage({ input: 'many' }, 'usageDetails')).toThrow(BadRecord);
    expect(() => langfuseUsage({ input: 'many' }, 'usageDetails')).toThrow('usageDetails.input is not a number: many');
  });

  it('cost details: total, else the sum of the parts, else none', () => {
    expect(langfuseCost({ input: 0.001, output: 0.002, total: 0.003 }, 'c')).toBe(0.003);
    // 0.0001 + 0.002, in micro-dollars to stay exact: 100 + 2000.
    expect(Math.round(langfuseCost({ input_tokens: 0.0001, output_tokens: 0.002 }, 'c')! * 1e6)).toBe(2100);
    expect(langfuseCost({}, 'c')).toBeNull();
  });
});
