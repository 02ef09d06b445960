import { ChatOpenAI } from '@langchain/openai';
import { describe, expect, it } from 'vitest';
import { withAttribution } from '../../src/runtime/index.js';
import { attribConfig } from '../../src/runtime/langchain.js';
import { FULL_TAGS, capture, json, mockFetch } from './helpers.js';

describe('AttribCallbackHandler (@langchain/openai ChatOpenAI with a mocked fetch)', () => {
  it('records one model step with the usage and the scope tags', async () => {
    const { steps } = capture();
    const mock = mockFetch(json({
      id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'gpt-4o-mini',
      choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500, prompt_tokens_details: { cached_tokens: 200 } },
    }));
    const model = new ChatOpenAI({ model: 'gpt-4o-mini', apiKey: 'sk-test', maxRetries: 0, configuration: { fetch: mock.fetch } });
    const config = withAttribution(FULL_TAGS, () => attribConfig());
    expect(config.metadata).toMatchObject({ feature: 'inbox-triage', tenant: 'ws_acme' });
    await withAttribution(FULL_TAGS, () => model.invoke('x', attribConfig()));
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ kind: 'model', provider: 'openai', model: 'gpt-4o-mini', inputTokens: 1200, cachedInputTokens: 200, outputTokens: 300 });
    expect(steps[0]!.tags.team).toBe('mail');
  });
});
