/**
 * `npm run bench:runtime`: the overhead attrib/runtime adds to one OpenAI chat completion, against
 * the bare client, both on the real `openai` client with a mocked fetch (no network), in the same
 * run. Time: mean per call over BENCH_CALLS sequential calls (best of 5 rounds). Allocation: heap
 * growth per call with GC off between gc() calls (node --expose-gc). The sink keeps nothing (it
 * only counts), so what is measured is the instrumentation and the step record itself. The
 * instrumented client runs twice, with call-site capture (the default) and with `callSites: false`,
 * rounds interleaved with the bare client's so that load on the machine hits all three alike.
 * Needs `npm run build`.
 */
import OpenAI from 'openai';
import { configure, instrument, tool, withAttribution } from '../dist/runtime/index.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 20000);
const body = JSON.stringify({ id: 'c', object: 'chat.completion', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }], usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 } });
const fetch = async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
let recorded = 0;
const sinks = [{ name: 'count', end: () => void (recorded += 1) }];
const setCallSites = (callSites) => configure({ sinks, environment: 'bench', callSites });

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

const ROUNDS = 7;
const variants = [
  { name: 'bare client', client: bare, callSites: false },
  { name: 'instrumented, no call sites', client: inst, callSites: false },
  { name: 'instrumented (default)', client: inst, callSites: true },
];
const measure = () => withAttribution(tags, async () => {
  const us = variants.map(() => Infinity);
  for (let r = 0; r < ROUNDS; r++) {
    for (const [v, variant] of variants.entries()) {
      setCallSites(variant.callSites);
      us[v] = Math.min(us[v], await round(variant.client));
    }
  }
  const bytes = [];
  for (const variant of variants) {
    setCallSites(variant.callSites);
    const heaps = [];
    for (let r = 0; r < 5; r++) heaps.push(await heapPerCall(variant.client));
    bytes.push(heaps.sort((a, b) => a - b)[2]);
  }
  return { us, bytes };
});

setCallSites(true);
await withAttribution(tags, () => round(inst)); // warm-up
const { us, bytes } = await measure();
for (const [v, variant] of variants.entries()) console.log(`${variant.name.padEnd(30)} ${us[v].toFixed(1)} us/call, ${Math.round(bytes[v])} B heap/call`);
const overhead = us[2] - us[0];
console.log(`overhead:                      ${overhead.toFixed(1)} us/call, ${Math.round(bytes[2] - bytes[0])} B heap/call; call-site capture alone ${(us[2] - us[1]).toFixed(1)} us/call, ${Math.round(bytes[2] - bytes[1])} B heap/call (${recorded} steps recorded)`);

// Call-site capture is lost in the HTTP client's noise above: a synchronous tool() step has no
// transport, so the difference with and without capture is the capture itself.
const noop = tool('noop', () => 1);
const toolRound = () => {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < CALLS * 10; i++) noop();
  return Number(process.hrtime.bigint() - t0) / 1000 / (CALLS * 10);
};
const toolUs = [Infinity, Infinity];
withAttribution(tags, () => {
  for (let r = 0; r < ROUNDS; r++) {
    for (const [v, callSites] of [false, true].entries()) {
      setCallSites(callSites);
      toolUs[v] = Math.min(toolUs[v], toolRound());
    }
  }
});
console.log(`tool() step without / with call-site capture: ${toolUs[0].toFixed(2)} / ${toolUs[1].toFixed(2)} us/call: capture ${(toolUs[1] - toolUs[0]).toFixed(2)} us/call`);
console.log(overhead < 50 ? 'PASS  < 50 us per call' : 'MISS  >= 50 us per call');
