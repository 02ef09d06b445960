/**
 * `npm run bench:runtime`: the overhead attrib/runtime adds to one OpenAI chat completion, against
 * the bare client, both on the real `openai` client with a mocked fetch (no network), in the same
 * run. Time: mean per call over BENCH_CALLS sequential calls (best of 5 rounds). Allocation: heap
 * growth per call with GC off between gc() calls (node --expose-gc). The sink keeps nothing (it
 * only counts), so what is measured is the instrumentation and the step record itself.
 * Needs `npm run build`.
 */
import OpenAI from 'openai';
import { configure, instrument, withAttribution } from '../dist/runtime/index.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 20000);
const body = JSON.stringify({ id: 'c', object: 'chat.completion', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }], usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 } });
const fetch = async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
let recorded = 0;
configure({ sinks: [{ name: 'count', end: () => void (recorded += 1) }], environment: 'bench' });

const bare = new OpenAI({ apiKey: 'sk', fetch, maxRetries: 0 });
const inst = instrument(new OpenAI({ apiKey: 'sk', fetch, maxRetries: 0 }));
const params = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] };
const tags = { feature: 'inbox-triage', team: 'mail', workload_class: 'interactive', tenant: 'ws_acme', environment: 'production' };

async function round(client) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) await client.chat.completions.create(params);
  return Number(process.hrtime.bigint() - t0) / 1000 / CALLS;
}
async function heapPerCall(client) {
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 2000; i++) await client.chat.completions.create(params);
  const after = process.memoryUsage().heapUsed;
  return (after - before) / 2000;
}

const run = (client) => withAttribution(tags, async () => {
  const times = [];
  for (let r = 0; r < 5; r++) times.push(await round(client));
  const heaps = [];
  for (let r = 0; r < 5; r++) heaps.push(await heapPerCall(client));
  heaps.sort((a, b) => a - b);
  return { us: Math.min(...times), bytes: heaps[2] };
});

await run(bare); // warm-up
const b = await run(bare);
const i = await run(inst);
const overhead = i.us - b.us;
console.log(`bare client:        ${b.us.toFixed(1)} us/call, ${Math.round(b.bytes)} B heap/call`);
console.log(`instrumented:       ${i.us.toFixed(1)} us/call, ${Math.round(i.bytes)} B heap/call`);
console.log(`overhead:           ${overhead.toFixed(1)} us/call, ${Math.round(i.bytes - b.bytes)} B heap/call (${recorded} steps recorded)`);
console.log(overhead < 50 ? 'PASS  < 50 us per call' : 'MISS  >= 50 us per call');
