import type { StepKind } from '../../types.js';
import { genAiKind, readGenAi } from './genai.js';
import { type Dialect, prefixedTags, text } from './span.js';

/**
 * OpenLLMetry / Traceloop, before and after its move to the GenAI conventions. Names from
 * opentelemetry-semantic-conventions-ai (semconv_ai/__init__.py): `llm.request.type` where
 * `gen_ai.operation.name` is absent (2024-25 releases), `traceloop.span.kind` for the SDK's
 * workflow/task/agent/tool decorators. Token names, old and new, are read by ./genai.ts (the
 * prompt count includes cache reads and writes in both: the Anthropic instrumentation adds them up).
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
    return {
      ...base,
      kind: kind ?? 'other',
      container: kind === undefined,
      tool: kind === 'tool' ? (text(view, 'gen_ai.tool.name') ?? text(view, 'traceloop.entity.name')) : null,
    };
  },
  tags: (view, into) => prefixedTags(view, 'traceloop.association.properties.', into),
};
