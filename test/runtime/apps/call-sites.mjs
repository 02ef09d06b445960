// A small app run by test/runtime/call-site.test.ts in a plain Node process (no test transform,
// so V8's lines are this file's lines). It prints each step's call_site as JSON lines. The
// `site:` comments mark the lines the test expects.
import OpenAI from 'openai';
import { configure, flush, instrument, memorySink, stepLine, tool, withAttribution } from 'attrib/runtime';

const body = JSON.stringify({ id: 'c', object: 'chat.completion', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }], usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 } });
const fetch = async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
const sink = memorySink();
configure({ sinks: [sink], environment: 'test', onWarning: () => {} });
const client = instrument(new OpenAI({ apiKey: 'sk-test', fetch, maxRetries: 0 }));
const params = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] };
const tags = { feature: 'f', team: 't', workload_class: 'interactive', tenant: 'ws', environment: 'test' };

/** The app's own helper around the SDK, as fixtures/agent-app/src/llm.ts has. */
async function complete() {
  return client.chat.completions.create(params); // site:helper-inner
}
const search = tool('search', async (q) => q.length);

await withAttribution(tags, async () => {
  await client.chat.completions.create(params); // site:direct
  await complete(); // site:helper-caller
  for (let i = 0; i < 2; i++) await client.chat.completions.create(params); // site:loop
  await search('contracts'); // site:tool
  const stream = client.chat.completions.stream(params); // site:sdk-helper
  await stream.finalChatCompletion().catch(() => {});
});
await flush();
for (const step of sink.steps) console.log(stepLine(step));
