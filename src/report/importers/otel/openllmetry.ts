import type { StepKind } from '../../types.js';
import { genAiKind, readGenAi } from './genai.js';
import { type Dialect, count, prefixedTags, text, tokensOf } from './span.js';

/**
 * OpenLLMetry / Traceloop, before and after its move to the GenAI conventions. Names from
 * opentelemetry-semantic-conventions-ai (semconv_ai/__init__.py): `llm.request.type` where
 * `gen_ai.operation.name` is absent (2024-25 releases), `traceloop.span.kind` for the SDK's
 * workflow/task/agent/tool decorators, cache buckets under both their old and their GenAI names.
 */

const REQUEST_TYPES: ReadonlyMap<string, StepKind> = new Map<string, StepKind>([
  ['chat', 'model'],
  ['completion', 'model'],
  ['embedding', 'embedding'],
  ['rerank', 'retrieval'],
]);

export const openLLMetry: Dialect = {
  name: 'openllmetry',
  detect: (view) => view.attrs.has('llm.request.type') || view.namespaces.has('traceloop'),
  read(view) {
    const base = readGenAi(view);
    const isTool = text(view, 'traceloop.span.kind') === 'tool';
    const kind = genAiKind(view) ?? REQUEST_TYPES.get(text(view, 'llm.request.type') ?? '') ?? (isTool ? 'tool' : undefined);
    // Before the move, the prompt count includes cache reads and writes as in the GenAI names
    // (the Anthropic instrumentation adds them up); only the cache buckets were named differently.
    const tokens = tokensOf(
      count(view, 'gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens'),
      count(view, 'gen_ai.usage.cache_read.input_tokens', 'gen_ai.usage.cache_read_input_tokens'),
      count(view, 'gen_ai.usage.cache_creation.input_tokens', 'gen_ai.usage.cache_creation_input_tokens'),
      count(view, 'gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'),
    );
    return {
      ...base,
      kind: kind ?? 'other',
      container: kind === undefined,
      tokens,
      tool: kind === 'tool' ? (text(view, 'gen_ai.tool.name') ?? text(view, 'traceloop.entity.name')) : null,
    };
  },
  tags: (view, into) => prefixedTags(view, 'traceloop.association.properties.', into),
};
