import { parseCost } from '../../step.js';
import type { StepKind } from '../../types.js';
import { type Dialect, type SpanReading, type SpanView, count, text, tokensOf } from './span.js';

/** `gen_ai.operation.name` values that are a billable step; every other value (invoke_agent, create_agent, ...) is a wrapper. */
const KINDS: ReadonlyMap<string, StepKind> = new Map<string, StepKind>([
  ['chat', 'model'],
  ['text_completion', 'model'],
  ['generate_content', 'model'],
  ['embeddings', 'embedding'],
  ['execute_tool', 'tool'],
  ['retrieval', 'retrieval'],
  // AI SDK 7 names its reranking call so; not (yet) in the conventions.
  ['rerank', 'retrieval'],
]);

/** The kind `gen_ai.operation.name` gives, or undefined when the span has none or a wrapper's. */
export function genAiKind(view: SpanView): StepKind | undefined {
  const operation = text(view, 'gen_ai.operation.name');
  return operation === null ? undefined : KINDS.get(operation);
}

/**
 * The OpenTelemetry GenAI semantic conventions (with their deprecated names), which every other
 * dialect falls back to for what it does not write itself.
 */
export function readGenAi(view: SpanView): SpanReading {
  const kind = genAiKind(view);
  return {
    kind: kind ?? 'other',
    container: kind === undefined,
    provider: text(view, 'gen_ai.provider.name') ?? text(view, 'gen_ai.system'),
    model: text(view, 'gen_ai.response.model') ?? text(view, 'gen_ai.request.model'),
    tokens: tokensOf(
      count(view, 'gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens'),
      // The flat names are OpenLLMetry's before the GenAI move, still written by LiteLLM's OTel logger.
      count(view, 'gen_ai.usage.cache_read.input_tokens', 'gen_ai.usage.cache_read_input_tokens'),
      count(view, 'gen_ai.usage.cache_creation.input_tokens', 'gen_ai.usage.cache_creation_input_tokens'),
      count(view, 'gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'),
    ),
    cost: parseCost(view.attrs.get('gen_ai.usage.cost'), 'gen_ai.usage.cost'),
    tool: kind === 'tool' ? text(view, 'gen_ai.tool.name') : null,
  };
}

/** Plain GenAI spans (opentelemetry-instrumentation-openai-v2 and the like): the fallback, detects everything. */
export const genAi: Dialect = {
  name: 'genai',
  detect: () => true,
  read: readGenAi,
};
