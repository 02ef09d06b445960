import { describe, expect, it } from 'vitest';
import { dialectOf } from '../../src/report/importers/otel/dialects.js';
import { spanView } from '../../src/report/importers/otel/span.js';
import { reportOn } from './helpers.js';

const view = (attrs: Record<string, unknown>, scope = '') => spanView(new Map(Object.entries(attrs)), new Map(), scope, '');
const dialect = (attrs: Record<string, unknown>, scope = '') => dialectOf(view(attrs, scope)).name;

describe('OTel dialect detection (per span, by attributes only that emitter writes)', () => {
  it('detects each emitter by its own names', () => {
    expect(dialect({ 'openinference.span.kind': 'LLM' })).toBe('openinference');
    expect(dialect({ 'llm.token_count.prompt': 10 })).toBe('openinference');
    expect(dialect({ 'llm.request.type': 'chat', 'gen_ai.system': 'OpenAI' })).toBe('openllmetry');
    expect(dialect({ 'gen_ai.operation.name': 'chat', 'traceloop.association.properties.feature': 'x' })).toBe('openllmetry');
    expect(dialect({ 'ai.operationId': 'ai.generateText.doGenerate' })).toBe('ai-sdk');
    expect(dialect({ 'gen_ai.operation.name': 'chat' }, 'ai')).toBe('ai-sdk');
    expect(dialect({ 'langfuse.observation.type': 'generation' })).toBe('langfuse');
    expect(dialect({ 'gen_ai.operation.name': 'chat', 'logfire.msg': 'chat gpt-4o' })).toBe('logfire');
    expect(dialect({ 'gen_ai.operation.name': 'chat', 'operation.cost': 0.01 })).toBe('logfire');
    expect(dialect({ 'genkit:type': 'action' })).toBe('genkit');
    expect(dialect({ 'gen_ai.operation.name': 'chat' })).toBe('genai');
    expect(dialect({})).toBe('genai');
  });

  it('when several match: Langfuse observations, then OpenInference, AI SDK, OpenLLMetry, Logfire', () => {
    expect(dialect({ 'langfuse.observation.type': 'generation', 'openinference.span.kind': 'LLM' })).toBe('langfuse');
    // Langfuse's propagated trace attributes alone do not make a span a Langfuse observation.
    expect(dialect({ 'langfuse.trace.metadata.feature': '"x"', 'openinference.span.kind': 'LLM' })).toBe('openinference');
    expect(dialect({ 'openinference.span.kind': 'LLM', 'ai.operationId': 'ai.toolCall' })).toBe('openinference');
    expect(dialect({ 'ai.operationId': 'ai.toolCall', 'traceloop.span.kind': 'tool' })).toBe('ai-sdk');
    expect(dialect({ 'traceloop.span.kind': 'tool', 'logfire.msg': 'x' })).toBe('openllmetry');
  });

  it('a Genkit model span is skipped with its reason, not passed off as a wrapper', async () => {
    const line = JSON.stringify({
      resourceSpans: [{ scopeSpans: [{ scope: { name: 'genkit-tracer' }, spans: [{
        traceId: '0b16212c37424d58636e7984919aa5b0', spanId: '0102030405060708', startTimeUnixNano: '1791190800000000000',
        attributes: [
          { key: 'genkit:type', value: { stringValue: 'action' } },
          { key: 'genkit:name', value: { stringValue: 'openai/gpt-5-mini' } },
          { key: 'genkit:metadata:subtype', value: { stringValue: 'model' } },
          { key: 'genkit:output', value: { stringValue: '{"usage":{"inputTokens":1618,"outputTokens":337,"thoughtsTokens":320,"totalTokens":1955}}' } },
        ],
      }] }] }],
    });
    const { result } = await reportOn({ 'a.jsonl': line });
    expect(result.skipped.map((s) => s.reason)).toEqual(['span 0102030405060708: Genkit model span: its usage is inside genkit:output, which attrib does not read (export GenAI-convention spans for it)']);
  });
});
