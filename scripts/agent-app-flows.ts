/**
 * Runs the agent app's runtime-instrumented flows (fixtures/agent-app/src/agents/inbox.ts) against
 * the real `openai`, `@anthropic-ai/sdk` and AI SDK (`ai`, `@ai-sdk/openai`) clients with a mocked transport (a custom global fetch:
 * no network), and writes the runtime's own step JSONL. Clock and ids are fixed, so the output is
 * byte-for-byte reproducible; it is committed as fixtures/runtime/agent-app-steps.jsonl and checked
 * by test/runtime/agent-app-flows.test.ts.
 *
 *   npm run fixture:agent-app-steps [-- OUT_FILE]
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configure, flush, jsonlSink } from 'attrib/runtime';

const repo = fileURLToPath(new URL('..', import.meta.url));
const out = path.resolve(process.argv[2] ?? path.join(repo, 'fixtures/runtime/agent-app-steps.jsonl'));

/** The usage each mocked response reports, by model: what the test's expected costs are computed from. */
export const USAGE = {
  'gpt-4.1-mini': { prompt_tokens: 1200, completion_tokens: 40 },
  'gpt-4.1': { prompt_tokens: 10000, completion_tokens: 800 },
  'gpt-4.1-nano': { prompt_tokens: 3000, completion_tokens: 20, prompt_tokens_details: { cached_tokens: 1000 } },
  'claude-sonnet-4-5': { input_tokens: 2000, output_tokens: 500 },
} as const;

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', 'x-request-id': 'req_fixture' } });
}

/** The providers' response shapes (OpenAI chat completion, Anthropic message) for the request's model. */
async function mockedFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = String(input instanceof Request ? input.url : input);
  const body = JSON.parse(String(init?.body ?? '{}')) as { model: keyof typeof USAGE };
  if (url.endsWith('/chat/completions')) {
    const usage = USAGE[body.model] as { prompt_tokens: number; completion_tokens: number };
    return json({
      id: 'chatcmpl-fixture',
      object: 'chat.completion',
      created: 1793610000,
      model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content: 'label: billing' }, finish_reason: 'stop' }],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    });
  }
  if (url.endsWith('/messages')) {
    return json({
      id: 'msg_fixture',
      type: 'message',
      role: 'assistant',
      model: body.model,
      content: [{ type: 'text', text: 'Thanks, we are on it.' }],
      stop_reason: 'end_turn',
      usage: USAGE[body.model],
    });
  }
  throw new Error(`agent-app-flows: no mocked response for ${url}`);
}

globalThis.fetch = mockedFetch as typeof fetch;
process.env.OPENAI_API_KEY = 'sk-fixture';
process.env.ANTHROPIC_API_KEY = 'sk-ant-fixture';

// A clock that starts on 2026-11-02 09:00 UTC and moves 250 ms per read; ids from counters.
let now = Date.UTC(2026, 10, 2, 9, 0, 0);
let steps = 0;
rmSync(out, { force: true });
configure({
  sinks: [jsonlSink({ file: () => out })],
  // Call sites relative to the repository root, as `attrib lint fixtures/agent-app` run there names them.
  callSiteRoot: repo,
  clock: () => (now += 250),
  ids: { step: () => `st_fixture_${++steps}`, run: () => 'run_fixture_unnamed' },
});

// Imported after the transport is mocked: the app builds its clients at module load.
const { suggestSubject, triageEmail, weeklyDigest } = await import('@app/agents/inbox.js');

await triageEmail('ana@acme.example\nOur invoice is wrong.', 'ws_acme', 'run_triage_acme');
await triageEmail('bo@globex.example\nPlease cancel my plan.', 'ws_globex', 'run_triage_globex');
await suggestSubject('Thanks, we are on it.', 'ws_acme', 'run_compose_acme');
await weeklyDigest(['Our invoice is wrong.', 'Please cancel my plan.'], 'ws_acme', 'run_digest_acme');
await flush();
