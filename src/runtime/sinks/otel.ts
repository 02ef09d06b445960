import type { Attributes, Span, Tracer } from '@opentelemetry/api';
import type { RuntimeStep, StepKind } from '../step.js';
import type { Sink } from './sink.js';

export interface OtelSinkOptions {
  /** The tracer to use (default: `trace.getTracer('attrib')` from the global provider). */
  tracer?: Tracer;
}

/** gen_ai.operation.name per step kind (OpenTelemetry GenAI semantic conventions). */
const OPERATION: Record<StepKind, string> = {
  model: 'chat',
  embedding: 'embeddings',
  tool: 'execute_tool',
  retrieval: 'retrieval',
  other: 'invoke_agent',
};

/**
 * OpenTelemetry GenAI spans, one per step, for teams that already run a collector. Loads
 * `@opentelemetry/api` (an optional peer dependency) only when this sink is made. A step's span is
 * the child of its parent step's span, else of the span active where the step started; tags are
 * `attrib.<tag>` attributes, which `attrib report` reads back from OTLP.
 */
export async function otelSink(options: OtelSinkOptions = {}): Promise<Sink> {
  const api = await import('@opentelemetry/api');
  const tracer = options.tracer ?? api.trace.getTracer('attrib');
  const open = new Map<string, Span>();
  return {
    name: 'otel',
    start(step) {
      const parent = step.parentStepId === null ? undefined : open.get(step.parentStepId);
      const ctx = parent ? api.trace.setSpan(api.context.active(), parent) : api.context.active();
      const span = tracer.startSpan(spanName(step), { kind: api.SpanKind.CLIENT, startTime: step.ts }, ctx);
      open.set(step.stepId, span);
    },
    end(step) {
      const span = open.get(step.stepId);
      if (!span) return;
      open.delete(step.stepId);
      span.updateName(spanName(step)); // the response may have named the model
      span.setAttributes(attributesOf(step));
      if (step.error) {
        span.setAttribute('error.type', step.error.status === null ? step.error.type : String(step.error.status));
        span.setStatus({ code: api.SpanStatusCode.ERROR, message: step.error.message });
      }
      span.end(step.ts + step.durationMs);
    },
  };
}

/** `{operation} {model}` (or `execute_tool {tool}`), as the GenAI conventions name spans. */
function spanName(step: RuntimeStep): string {
  const what = step.kind === 'tool' ? step.tool : (step.model ?? step.operation);
  return what ? `${OPERATION[step.kind]} ${what}` : OPERATION[step.kind];
}

function attributesOf(step: RuntimeStep): Attributes {
  const a: Attributes = { 'gen_ai.operation.name': OPERATION[step.kind], 'attrib.step_id': step.stepId };
  if (step.provider !== null) a['gen_ai.provider.name'] = step.provider;
  if (step.model !== null) {
    a['gen_ai.request.model'] = step.model;
    a['gen_ai.response.model'] = step.model;
  }
  if (step.tool !== null) a['gen_ai.tool.name'] = step.tool;
  if (step.inputTokens !== null) a['gen_ai.usage.input_tokens'] = step.inputTokens;
  if (step.outputTokens !== null) a['gen_ai.usage.output_tokens'] = step.outputTokens;
  if (step.cachedInputTokens !== null) a['gen_ai.usage.cache_read.input_tokens'] = step.cachedInputTokens;
  if (step.cacheWriteTokens !== null) a['gen_ai.usage.cache_creation.input_tokens'] = step.cacheWriteTokens;
  for (const key in step.tags) a[`attrib.${key}`] = step.tags[key];
  if (step.missingTags.length > 0) a['attrib.missing_tags'] = [...step.missingTags];
  return a;
}
