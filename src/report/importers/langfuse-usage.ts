import { parseCost, parseTokens } from '../step.js';
import type { Tokens } from './otel/span.js';

/**
 * A Langfuse usage-details map (`usageDetails` of the public API, `usage_details` of the blob export,
 * the `langfuse.observation.usage_details` JSON of its SDK's spans) in attrib's buckets. Langfuse
 * counts each key on its own and adds the input ones up (its OpenAI integration writes `input` net of
 * `input_cached_tokens`; Anthropic-style callers write `input_tokens` net of
 * `cache_read_input_tokens`), so attrib's input is the sum of every input key:
 *
 * - input: `input`, `input_*`, `prompt_tokens`, `cache_read_input_tokens`, `cache_creation_input_tokens*`
 * - cached (part of input): `input_cached_tokens`, `input_cache_read*`, `cache_read_input_tokens`
 * - cache write (part of input): `input_cache_creation*`, `input_cache_write*`, `cache_creation_input_tokens*`
 * - output: `output`, `output_*`, `completion_tokens`
 * - `total` and `total_tokens` are sums of the others and are not read.
 */
export function langfuseUsage(details: Record<string, unknown>, field: string): Tokens {
  const tokens: Tokens = { input: 0, cached: 0, cacheWrite: 0, output: 0 };
  for (const key of Object.keys(details)) {
    if (key === 'total' || key === 'total_tokens') continue;
    const cached = key === 'input_cached_tokens' || key.startsWith('input_cache_read') || key === 'cache_read_input_tokens';
    const write = key.startsWith('input_cache_creation') || key.startsWith('input_cache_write') || key.startsWith('cache_creation_input_tokens');
    const input = cached || write || key === 'input' || key.startsWith('input_') || key === 'prompt_tokens';
    const output = key === 'output' || key.startsWith('output_') || key === 'completion_tokens';
    if (!input && !output) continue;
    const n = parseTokens(details[key], `${field}.${key}`);
    if (input) tokens.input += n;
    if (cached) tokens.cached += n;
    if (write) tokens.cacheWrite += n;
    if (output) tokens.output += n;
  }
  return tokens;
}

/** A Langfuse cost-details map: its `total`, else the sum of its parts (the SDK writes `{input, output}`); null when empty. */
export function langfuseCost(details: Record<string, unknown>, field: string): number | null {
  if (Object.hasOwn(details, 'total')) {
    const total = parseCost(details.total, `${field}.total`);
    if (total !== null) return total;
  }
  let sum: number | null = null;
  for (const key of Object.keys(details)) {
    const part = parseCost(details[key], `${field}.${key}`);
    if (part !== null) sum = (sum ?? 0) + part;
  }
  return sum;
}
