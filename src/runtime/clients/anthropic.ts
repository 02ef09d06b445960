import { type RuntimeStep, setUsage } from '../step.js';
import { int, obj, text } from './usage.js';
import type { CallSpec } from './wrap.js';

/**
 * Anthropic counts input without the cache: attrib's input_tokens is input + cache reads + cache
 * writes. A stream's `message_delta` usage is cumulative and may repeat or update the input
 * counts of `message_start`, so the later value of each field wins.
 */
function messageUsage(step: RuntimeStep, usage: unknown): void {
  const u = obj(usage);
  if (!u) return;
  const base = int(u.input_tokens);
  const read = int(u.cache_read_input_tokens);
  const write = int(u.cache_creation_input_tokens);
  const output = int(u.output_tokens);
  // Keep what an earlier event said for a field this one leaves out.
  const cached = read ?? step.cachedInputTokens ?? 0;
  const written = write ?? step.cacheWriteTokens ?? 0;
  const uncached = base ?? (step.inputTokens === null ? null : step.inputTokens - (step.cachedInputTokens ?? 0) - (step.cacheWriteTokens ?? 0));
  setUsage(step, {
    inputTokens: uncached === null ? null : uncached + cached + written,
    cachedInputTokens: cached,
    cacheWriteTokens: written,
    outputTokens: output ?? step.outputTokens ?? 0,
  });
}

export function anthropicSpec(provider: string, operation: string): CallSpec {
  return {
    operation,
    kind: 'model',
    provider,
    result(step, data) {
      const message = obj(data);
      const name = text(message?.model);
      if (name) step.model = name;
      messageUsage(step, message?.usage);
    },
    event(step, event) {
      const e = obj(event);
      if (e?.type === 'message_start') {
        const message = obj(e.message);
        const name = text(message?.model);
        if (name) step.model = name;
        messageUsage(step, message?.usage);
      } else if (e?.type === 'message_delta') messageUsage(step, e.usage);
    },
  };
}
