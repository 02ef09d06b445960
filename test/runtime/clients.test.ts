import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { AttributionError, configure, instrument, memorySink, step, tool, withAttribution } from '../../src/runtime/index.js';
import { FULL_TAGS, capture, json, mockFetch, sse } from './helpers.js';

const chatCompletion = {
  id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'gpt-4o-mini-2024-07-18',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500, prompt_tokens_details: { cached_tokens: 200 } },
};

function openai(...answers: Parameters<typeof mockFetch>) {
  const mock = mockFetch(...answers);
  return { client: instrument(new OpenAI({ apiKey: 'sk-test', fetch: mock.fetch, maxRetries: 0 })), requests: mock.requests };
}
function anthropic(...answers: Parameters<typeof mockFetch>) {
  const mock = mockFetch(...answers);
  return { client: instrument(new Anthropic({ apiKey: 'sk-ant-test', fetch: mock.fetch, maxRetries: 0 })), requests: mock.requests };
}

describe('instrument(OpenAI)', () => {
  it('sends the tags as x-attrib-* headers and metadata, and records tokens incl. cached', async () => {
    const { steps } = capture();
    const { client, requests } = openai(json(chatCompletion));
    await withAttribution({ ...FULL_TAGS, parent_run_id: 'run_42' }, () =>
      client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], metadata: { feature: 'own-wins' } }),
    );
    expect(requests[0]!.headers.get('x-attrib-feature')).toBe('inbox-triage');
    expect(requests[0]!.headers.get('x-attrib-workload-class')).toBe('interactive');
    expect(requests[0]!.headers.get('x-attrib-parent-run-id')).toBe('run_42');
    // The caller's own metadata key wins; the other tags are added.
    expect(requests[0]!.body.metadata).toEqual({ feature: 'own-wins', team: 'mail', workload_class: 'interactive', tenant: 'ws_acme', environment: 'production', parent_run_id: 'run_42' });
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({
      kind: 'model', provider: 'openai', model: 'gpt-4o-mini-2024-07-18', operation: 'chat.completions.create', status: 'ok',
      inputTokens: 1200, cachedInputTokens: 200, cacheWriteTokens: 0, outputTokens: 300, missingTags: [],
    });
    expect(steps[0]!.tags.tenant).toBe('ws_acme');
  });

  it('keeps the SDK promise: withResponse() still works', async () => {
    capture();
    const { client } = openai(json(chatCompletion));
    const { data, response } = await withAttribution(FULL_TAGS, () => client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] }).withResponse());
    expect(data.id).toBe('chatcmpl-1');
    expect(response.headers.get('x-request-id')).toBe('req_test');
  });

  it('reads usage from the last chunk of a streamed chat completion', async () => {
    const { steps } = capture();
    const chunk = (delta: object, usage: object | null = null) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-2024-08-06', choices: usage ? [] : [{ index: 0, delta, finish_reason: null }], usage });
    const { client } = openai(sse([chunk({ content: 'a' }), chunk({ content: 'b' }), chunk({}, { prompt_tokens: 50, completion_tokens: 7, total_tokens: 57, prompt_tokens_details: { cached_tokens: 32 } })]));
    let text = '';
    await withAttribution(FULL_TAGS, async () => {
      const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [], stream: true, stream_options: { include_usage: true } });
      for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
    });
    expect(text).toBe('ab');
    expect(steps[0]).toMatchObject({ stream: true, model: 'gpt-4o-2024-08-06', inputTokens: 50, cachedInputTokens: 32, outputTokens: 7, status: 'ok' });
  });

  it('a stream without usage records the tokens as unknown (null), not zero', async () => {
    const { steps } = capture();
    const { client } = openai(sse([{ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: { content: 'a' }, finish_reason: 'stop' }] }]));
    await withAttribution(FULL_TAGS, async () => {
      for await (const _ of await client.chat.completions.create({ model: 'gpt-4o', messages: [], stream: true })) void _;
    });
    expect(steps[0]).toMatchObject({ inputTokens: null, outputTokens: null, status: 'ok' });
  });

  it('reads usage of the Responses API, streamed (response.completed)', async () => {
    const { steps } = capture();
    const response = { id: 'resp_1', object: 'response', model: 'gpt-4.1-2025-04-14', status: 'completed', output: [], usage: { input_tokens: 900, input_tokens_details: { cached_tokens: 100 }, output_tokens: 40, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 940 } };
    const { client } = openai(sse([{ type: 'response.created', sequence_number: 0, response: { ...response, status: 'in_progress', usage: null } }, { type: 'response.completed', sequence_number: 1, response }], false));
    await withAttribution(FULL_TAGS, async () => {
      for await (const _ of await client.responses.create({ model: 'gpt-4.1', input: 'x', stream: true })) void _;
    });
    expect(steps[0]).toMatchObject({ operation: 'responses.create', model: 'gpt-4.1-2025-04-14', inputTokens: 900, cachedInputTokens: 100, outputTokens: 40 });
  });

  it('records an HTTP error with its status, and the error still reaches the caller', async () => {
    const { steps } = capture();
    const { client } = openai(json({ error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } }, 429));
    await expect(withAttribution(FULL_TAGS, () => client.chat.completions.create({ model: 'gpt-4o', messages: [] }))).rejects.toThrow(/Rate limit/);
    await new Promise((r) => setImmediate(r));
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ status: 'error', error: { type: 'RateLimitError', status: 429 }, inputTokens: null });
  });

  it('records embeddings as embedding steps', async () => {
    const { steps } = capture();
    const { client } = openai(json({ object: 'list', data: [{ object: 'embedding', index: 0, embedding: [0.1] }], model: 'text-embedding-3-small', usage: { prompt_tokens: 8, total_tokens: 8 } }));
    await withAttribution(FULL_TAGS, () => client.embeddings.create({ model: 'text-embedding-3-small', input: 'x', encoding_format: 'float' }));
    expect(steps[0]).toMatchObject({ kind: 'embedding', inputTokens: 8, outputTokens: 0 });
  });
});

describe('instrument(Anthropic)', () => {
  const message = { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-20250514', content: [{ type: 'text', text: 'hi' }], stop_reason: 'end_turn', stop_sequence: null,
    usage: { input_tokens: 25, cache_creation_input_tokens: 1000, cache_read_input_tokens: 3000, output_tokens: 60 } };

  it('adds cache reads and writes to input (25 + 3000 + 1000 = 4025) and sends the headers', async () => {
    const { steps } = capture();
    const { client, requests } = anthropic(json(message));
    await withAttribution(FULL_TAGS, () => client.messages.create({ model: 'claude-sonnet-4-0', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }));
    expect(requests[0]!.headers.get('x-attrib-team')).toBe('mail');
    expect(requests[0]!.body.metadata).toBeUndefined(); // Anthropic takes only metadata.user_id
    expect(steps[0]).toMatchObject({ provider: 'anthropic', model: 'claude-sonnet-4-20250514', inputTokens: 4025, cachedInputTokens: 3000, cacheWriteTokens: 1000, outputTokens: 60 });
  });

  it('reads a streamed message: input from message_start, output from message_delta (also through messages.stream())', async () => {
    const events = [
      ['message_start', { type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: { input_tokens: 25, cache_creation_input_tokens: 1000, cache_read_input_tokens: 3000, output_tokens: 1 } } }],
      ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
      ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'hi' } }],
      ['content_block_stop', { type: 'content_block_stop', index: 0 }],
      ['message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 60 } }],
      ['message_stop', { type: 'message_stop' }],
    ] as [string, unknown][];
    const { steps } = capture();
    const { client } = anthropic(sse(events, false));
    await withAttribution(FULL_TAGS, async () => {
      for await (const _ of await client.messages.create({ model: 'claude-sonnet-4-0', max_tokens: 10, messages: [], stream: true })) void _;
      const final = await client.messages.stream({ model: 'claude-sonnet-4-0', max_tokens: 10, messages: [] }).finalMessage();
      expect(final.usage.output_tokens).toBe(60);
    });
    expect(steps).toHaveLength(2);
    for (const s of steps) expect(s).toMatchObject({ stream: true, inputTokens: 4025, cachedInputTokens: 3000, cacheWriteTokens: 1000, outputTokens: 60 });
  });
});

describe('scopes, steps and strict mode', () => {
  it('two concurrent runs never mix tags, across awaits and timers', async () => {
    const { steps } = capture();
    const { client, requests } = openai(json(chatCompletion));
    const run = (tenant: string, delay: number) =>
      withAttribution({ ...FULL_TAGS, tenant }, async () => {
        for (let i = 0; i < 3; i++) {
          await new Promise((r) => setTimeout(r, delay));
          await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] });
        }
      });
    await Promise.all([run('ws_a', 3), run('ws_b', 1)]);
    expect(steps).toHaveLength(6);
    const byTenant = new Map<string, Set<string>>();
    for (const s of steps) byTenant.set(s.tags.tenant!, (byTenant.get(s.tags.tenant!) ?? new Set()).add(s.tags.parent_run_id!));
    expect([...byTenant.keys()].sort()).toEqual(['ws_a', 'ws_b']);
    // One run id per scope, created by the outermost scope, distinct between the two.
    const runs = [...byTenant.values()].map((set) => [...set]);
    expect(runs.every((r) => r.length === 1)).toBe(true);
    expect(runs[0]![0]).not.toBe(runs[1]![0]);
    expect(new Set(requests.map((r) => `${r.headers.get('x-attrib-tenant')}|${r.headers.get('x-attrib-parent-run-id')}`)).size).toBe(2);
  });

  it('nested scopes add and override tags; tools and model calls inside an agent step are its children', async () => {
    const { steps } = capture();
    const { client } = openai(json(chatCompletion));
    const search = tool('search', async (q: string) => {
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: q }] });
      return 'found';
    });
    await withAttribution({ feature: 'inbox-triage', team: 'mail', parent_run_id: 'run_1' }, () =>
      withAttribution({ tenant: 'ws_acme', feature: 'summarize' }, () =>
        step('planner', async () => {
          await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] });
          setTimeout(() => void 0, 0);
          return search('q');
        }),
      ),
    );
    const [plannerCall, toolCall, tooled, planner] = steps; // steps end inner first
    expect(planner).toMatchObject({ kind: 'other', operation: 'planner', parentStepId: null });
    expect(plannerCall!.parentStepId).toBe(planner!.stepId);
    expect(toolCall).toMatchObject({ kind: 'model' });
    expect(tooled).toMatchObject({ kind: 'tool', tool: 'search', parentStepId: planner!.stepId });
    expect(toolCall!.parentStepId).toBe(tooled!.stepId);
    for (const s of steps) expect(s.tags).toMatchObject({ feature: 'summarize', team: 'mail', tenant: 'ws_acme', parent_run_id: 'run_1' });
    expect(new Set(steps.map((s) => s.stepId)).size).toBe(4);
  });

  it('an injected clock and ids make the records reproducible: one clock read at the start, one at the end', async () => {
    const sink = memorySink();
    let now = Date.UTC(2026, 10, 2, 9, 0, 0);
    let n = 0;
    configure({ sinks: [sink], environment: 'test', onWarning: () => {}, clock: () => (now += 100), ids: { step: () => `st_${++n}`, run: () => 'run_fixed' } });
    const { client } = openai(json(chatCompletion));
    await withAttribution({ feature: 'inbox-triage' }, () => step('agent', () => client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] })));
    // Reads: agent start (+100), call start (+200), call end (+300), agent end (+400).
    expect(sink.steps.map((s) => [s.stepId, s.parentStepId, new Date(s.ts).toISOString(), s.durationMs, s.tags.parent_run_id])).toEqual([
      ['st_2', 'st_1', '2026-11-02T09:00:00.200Z', 100, 'run_fixed'],
      ['st_1', null, '2026-11-02T09:00:00.100Z', 300, 'run_fixed'],
    ]);
  });

  it('records missing required tags as missing, never filled in', async () => {
    const { steps, warnings } = capture();
    const { client, requests } = openai(json(chatCompletion));
    await withAttribution({ feature: 'inbox-triage' }, async () => {
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] });
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] });
    });
    expect(steps[0]!.missingTags).toEqual(['team', 'workload_class', 'tenant', 'environment']);
    expect(steps[0]!.tags.team).toBeUndefined();
    expect(requests[0]!.headers.get('x-attrib-team')).toBeNull();
    expect(warnings).toHaveLength(1); // said once for two calls
  });

  it('strict: a production call without its required tags throws before anything is sent', async () => {
    capture({ strict: true, environment: 'development' });
    const { client, requests } = openai(json(chatCompletion));
    const call = () => client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] });
    // The scope's environment tag says production: refused, nothing sent.
    let error: unknown;
    try {
      await withAttribution({ feature: 'x', environment: 'production' }, call);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AttributionError);
    expect((error as AttributionError).missing).toEqual(['team', 'workload_class', 'tenant']);
    expect(requests).toHaveLength(0);
    // Outside production the same call goes through.
    await withAttribution({ feature: 'x' }, call);
    expect(requests).toHaveLength(1);
  });
});
