import { createOpenAI } from '@ai-sdk/openai';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { generateText, wrapLanguageModel } from 'ai';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { attribMiddleware, configure, instrument, otelSink, tool, withAttribution } from '../../src/runtime/index.js';
import { FULL_TAGS, capture, json, mockFetch } from './helpers.js';

const completion = {
  id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500, prompt_tokens_details: { cached_tokens: 200 } },
};

describe('attribMiddleware (AI SDK, @ai-sdk/openai with a mocked fetch)', () => {
  it('sends the tag headers and records the usage of the call', async () => {
    const { steps } = capture();
    const mock = mockFetch(json(completion));
    const provider = createOpenAI({ apiKey: 'sk-test', fetch: mock.fetch });
    const model = wrapLanguageModel({ model: provider.chat('gpt-4o-mini'), middleware: attribMiddleware() });
    const { text } = await withAttribution(FULL_TAGS, () => generateText({ model, prompt: 'x', maxRetries: 0 }));
    expect(text).toBe('hi');
    expect(mock.requests[0]!.headers.get('x-attrib-tenant')).toBe('ws_acme');
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ provider: 'openai', operation: 'doGenerate', inputTokens: 1200, cachedInputTokens: 200, outputTokens: 300, status: 'ok' });
  });
});

describe('otelSink', () => {
  it('writes GenAI spans with attrib.<tag> attributes, a tool span as the parent of its model call', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    configure({ sinks: [await otelSink({ tracer: provider.getTracer('test') })], environment: 'test', onWarning: () => {} });
    const client = instrument(new OpenAI({ apiKey: 'sk', fetch: mockFetch(json(completion)).fetch, maxRetries: 0 }));
    await withAttribution(FULL_TAGS, () => tool('lookup', () => client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] }))());
    const spans = exporter.getFinishedSpans();
    const chat = spans.find((s) => s.name === 'chat gpt-4o-mini')!;
    const toolSpan = spans.find((s) => s.name === 'execute_tool lookup')!;
    expect(chat.attributes).toMatchObject({ 'gen_ai.usage.input_tokens': 1200, 'gen_ai.usage.cache_read.input_tokens': 200, 'gen_ai.usage.output_tokens': 300, 'attrib.feature': 'inbox-triage' });
    expect(chat.parentSpanContext?.spanId).toBe(toolSpan.spanContext().spanId);
  });
});
