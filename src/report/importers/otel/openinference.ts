import { parseCost } from '../../step.js';
import type { StepKind } from '../../types.js';
import { readGenAi } from './genai.js';
import { type Dialect, type SpanView, count, listTags, objectTags, text, tokensOf } from './span.js';

/**
 * OpenInference (Arize Phoenix and its OpenAI, LangChain, LlamaIndex, ... instrumentations).
 * Names from openinference-semantic-conventions (python/.../semconv/trace/__init__.py).
 */

/** `openinference.span.kind` values that are billable steps; CHAIN, AGENT, GUARDRAIL, EVALUATOR, PROMPT, UNKNOWN are wrappers. */
const KINDS: ReadonlyMap<string, StepKind> = new Map<string, StepKind>([
  ['LLM', 'model'],
  ['EMBEDDING', 'embedding'],
  ['TOOL', 'tool'],
  ['RETRIEVER', 'retrieval'],
  ['RERANKER', 'retrieval'],
]);

function cost(view: SpanView): number | null {
  const total = parseCost(view.attrs.get('llm.cost.total'), 'llm.cost.total');
  if (total !== null) return total;
  const prompt = parseCost(view.attrs.get('llm.cost.prompt'), 'llm.cost.prompt');
  const completion = parseCost(view.attrs.get('llm.cost.completion'), 'llm.cost.completion');
  return prompt === null && completion === null ? null : (prompt ?? 0) + (completion ?? 0);
}

export const openInference: Dialect = {
  name: 'openinference',
  // The token counts too: a span without its kind attribute must not pass for a wrapper with no usage.
  detect: (view) => view.attrs.has('openinference.span.kind') || view.attrs.has('llm.token_count.prompt') || view.attrs.has('llm.token_count.completion'),
  read(view) {
    const base = readGenAi(view);
    const kind = KINDS.get((text(view, 'openinference.span.kind') ?? '').toUpperCase());
    return {
      kind: kind ?? 'other',
      container: kind === undefined,
      provider: text(view, 'llm.provider') ?? text(view, 'llm.system') ?? base.provider,
      model:
        text(view, 'llm.response.model_name') ??
        text(view, 'llm.model_name') ??
        text(view, 'embedding.model_name') ??
        text(view, 'reranker.model_name') ??
        text(view, 'llm.request.model_name') ??
        base.model,
      // `llm.token_count.prompt` includes cache reads and writes (the Anthropic instrumentation adds
      // them up); `prompt_details.cache_input` is not read: instrumentations disagree on its meaning.
      tokens:
        tokensOf(
          count(view, 'llm.token_count.prompt'),
          count(view, 'llm.token_count.prompt_details.cache_read'),
          count(view, 'llm.token_count.prompt_details.cache_write'),
          count(view, 'llm.token_count.completion'),
        ) ?? base.tokens,
      cost: cost(view) ?? base.cost,
      tool: kind === 'tool' ? (text(view, 'tool.name') ?? base.tool) : null,
    };
  },
  tags(view, into) {
    objectTags(view.attrs.get('metadata'), into);
    listTags(view.attrs.get('tag.tags'), into);
  },
};
