import { str } from '../../step.js';
import type { StepKind } from '../../types.js';
import { langfuseCost, langfuseUsage } from '../langfuse-usage.js';
import { readGenAi } from './genai.js';
import { type Dialect, jsonAttribute, listTags, prefixedTags, text } from './span.js';

/**
 * Langfuse SDK (v3+, built on OpenTelemetry) spans. Names from langfuse-python
 * `langfuse/_client/attributes.py` (LangfuseOtelSpanAttributes) and the Langfuse server's OTel
 * mapping tests.
 */

/** `langfuse.observation.type` values that are billable steps; span, agent, chain, event, evaluator, guardrail are wrappers. */
const TYPES: ReadonlyMap<string, StepKind> = new Map<string, StepKind>([
  ['generation', 'model'],
  ['embedding', 'embedding'],
  ['tool', 'tool'],
  ['retriever', 'retrieval'],
]);

/** The SDK JSON-encodes metadata values (`"\"value1\""`); plain strings are taken as they are. */
function jsonString(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('"')) return str(value);
  try {
    return str(JSON.parse(value));
  } catch {
    return str(value);
  }
}

export const langfuse: Dialect = {
  name: 'langfuse',
  // Its own observations only: `langfuse.trace.*` is also propagated onto other instrumentations' spans.
  detect: (view) => view.attrs.has('langfuse.observation.type') || view.scope === 'langfuse-sdk',
  read(view) {
    const base = readGenAi(view);
    const kind = TYPES.get((text(view, 'langfuse.observation.type') ?? '').toLowerCase());
    const usage = jsonAttribute(view, 'langfuse.observation.usage_details');
    const cost = jsonAttribute(view, 'langfuse.observation.cost_details');
    return {
      ...base,
      kind: kind ?? 'other',
      container: kind === undefined,
      model: text(view, 'langfuse.observation.model.name') ?? base.model,
      tokens: usage === undefined ? base.tokens : langfuseUsage(usage, 'langfuse.observation.usage_details'),
      cost: (cost === undefined ? null : langfuseCost(cost, 'langfuse.observation.cost_details')) ?? base.cost,
      tool: kind === 'tool' ? (base.tool ?? (view.name || null)) : null,
    };
  },
  tags(view, into) {
    prefixedTags(view, 'langfuse.observation.metadata.', into, jsonString);
    prefixedTags(view, 'langfuse.trace.metadata.', into, jsonString);
    listTags(view.attrs.get('langfuse.trace.tags'), into);
  },
  environment: (view) => text(view, 'langfuse.environment') ?? str(view.resource.get('langfuse.environment')),
};
