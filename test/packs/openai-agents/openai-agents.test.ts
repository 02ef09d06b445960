import { describe, expect, it } from 'vitest';
import { lintFiles, ruleTester, taxonomyFrom, TEST_TAXONOMY_YAML } from '../../lint/rule-tester.js';

// OpenAI Agents SDK (rules/packs/openai-agents.yaml), checked against @openai/agents 0.20.0. Shapes
// from openai/openai-agents-js@6d0c61a5 examples: basic/tools.ts (tool({ execute }) in an agent's
// tools, run(agent, input)), research-bot/manager.ts (withTrace around runs, new Runner()),
// realtime-demo (new RealtimeSession(agent).connect), docs/voice-agents/thinClient.ts (a transport
// connected directly). Required tags in the test taxonomy: feature, tenant, team (derived).

const TOOL = `const getWeather = tool({
  name: 'get_weather',
  description: 'Get the weather for a city.',
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => {
    const r = await openai.responses.create({ model: 'gpt-4.1', input: city });
    return r.output_text;
  },
});`;
const HEAD = `import { Agent, Runner, run, tool, withTrace } from '@openai/agents';
import OpenAI from 'openai';
import { z } from 'zod';
const openai = new OpenAI();`;

const WITH_RUN_ID = taxonomyFrom(`${TEST_TAXONOMY_YAML.replace('tags:\n', 'tags:\n  parent_run_id: {}\n')}`);

ruleTester('openai-agents', {
  valid: [
    {
      name: "a Runner's traceMetadata tags each of its runs; a tool's model call inherits from the run",
      callSites: 2,
      inherited: 1,
      files: `${HEAD}
${TOOL}
const agent = new Agent({ name: 'Weather', instructions: 'Answer briefly.', tools: [getWeather] });
const runner = new Runner({ traceMetadata: { feature: 'inbox-triage', tenant: 'ws_1' } });
export const ask = (q: string) => runner.run(agent, q);`,
      sites: [
        { line: 10, column: 21, kind: 'model', sdk: 'openai', callee: 'responses.create', status: 'inherited', inheritsFrom: ['src/index.ts:16:35'] },
        {
          line: 16, column: 35,
          kind: 'agent',
          sdk: 'openai-agents',
          callee: 'run',
          status: 'compliant',
          tags: { feature: { value: 'inbox-triage', source: 'traceMetadata' }, tenant: { value: 'ws_1', source: 'traceMetadata' }, team: { value: 'mail', source: 'derived from feature' } },
        },
      ],
    },
    {
      name: "withTrace's metadata tags the runs inside it; groupId is the parent_run_id",
      callSites: 1,
      options: { taxonomy: WITH_RUN_ID },
      files: `${HEAD}
const agent = new Agent({ name: 'Planner', instructions: 'Plan.' });
export async function plan(tenant: string, thread: string) {
  await withTrace('Research workflow', async () => {
    await run(agent, 'Plan a trip');
  }, { metadata: { feature: 'inbox-triage', tenant }, groupId: thread });
}`,
      sites: [
        {
          line: 8, column: 11,
          kind: 'agent',
          sdk: 'openai-agents',
          callee: 'run',
          tags: {
            feature: { value: 'inbox-triage', source: 'metadata' },
            tenant: { dynamic: true, source: 'metadata' },
            parent_run_id: { dynamic: true, source: 'groupId' },
            team: { value: 'mail', source: 'derived from feature' },
          },
        },
      ],
    },
    {
      name: 'a RealtimeSession carries the trace metadata of its options; a transport its session config',
      callSites: 2,
      files: `import { OpenAIRealtimeWebRTC, RealtimeAgent, RealtimeSession } from '@openai/agents/realtime';
const agent = new RealtimeAgent({ name: 'Greeter', instructions: 'Greet the user.' });
const session = new RealtimeSession(agent, { traceMetadata: { feature: 'inbox-triage', tenant: 'ws_1' } });
await session.connect({ apiKey: 'ek_123' });
const client = new OpenAIRealtimeWebRTC();
await client.connect({ apiKey: 'ek_123', initialSessionConfig: { tracing: { metadata: { feature: 'inbox-triage', tenant: 'ws_2' } } } });`,
      sites: [
        { line: 4, column: 7, kind: 'agent', sdk: 'openai-agents', callee: 'connect' },
        { line: 6, column: 7, kind: 'model', sdk: 'openai-agents', callee: 'connect' },
      ],
    },
    {
      name: 'precision: a local run(), tool() and a look-alike Runner are no call sites',
      callSites: 0,
      files: `const tool = (spec: object) => spec;
function run(_a: unknown, _b: string) {}
class Runner { run(_a: unknown, _b: string) {} }
run(tool({ execute: () => 1 }), 'x');
new Runner().run({}, 'x');`,
    },
    {
      // Shaped on openai/openai-agents-js examples/basic/hello-world-gpt-oss.ts (an Ollama server).
      name: 'precision: an agent whose model wraps a client on a local server (loopback baseURL) runs free',
      callSites: 0,
      files: `import { Agent, OpenAIChatCompletionsModel, Runner, run } from '@openai/agents';
import OpenAI from 'openai';
const ollama = new OpenAI({ baseURL: 'http://localhost:11434/v1', apiKey: 'ollama' });
const model = new OpenAIChatCompletionsModel(ollama, 'gpt-oss:20b');
const agent = new Agent({ name: 'Assistant', instructions: 'Be brief.', model });
export const once = () => run(agent, 'Tell me about recursion.');
export const viaRunner = () => new Runner().run(agent, 'Again.');`,
    },
  ],
  invalid: [
    {
      name: 'an agent whose model wraps a client with a baseURL from the environment is billed',
      files: `import { Agent, OpenAIChatCompletionsModel, run } from '@openai/agents';
import OpenAI from 'openai';
const client = new OpenAI({ baseURL: process.env.LLM_BASE_URL, defaultHeaders: { 'x-attrib-feature': 'inbox-triage' } });
const agent = new Agent({ name: 'Assistant', instructions: 'Be brief.', model: new OpenAIChatCompletionsModel(client, 'gpt-4.1') });
export const once = () => run(agent, 'Hi.');`,
      errors: [{ ruleId: 'missing-tags', line: 5, column: 27, missing: ['feature', 'team', 'tenant'] }],
    },
    {
      // The default runner of run() has no trace metadata (0.20's run options carry none).
      name: 'a bare run() carries no tags',
      files: `${HEAD}
const agent = new Agent({ name: 'Assistant', instructions: 'You are helpful.' });
const result = await run(agent, 'Write a haiku about recursion.');`,
      errors: [{ ruleId: 'missing-tags', line: 6, column: 22, missing: ['feature', 'team', 'tenant'] }],
      sites: [{ line: 6, column: 22, kind: 'agent', sdk: 'openai-agents', callee: 'run', status: 'violation' }],
    },
    {
      name: 'a tool in another file inherits from the runs of the agent that lists it (handoffs included)',
      files: {
        'src/tools.ts': `import { tool } from '@openai/agents';
import OpenAI from 'openai';
import { z } from 'zod';
const openai = new OpenAI();
export const summarize = tool({ name: 'summarize', parameters: z.object({ text: z.string() }), async execute({ text }) {
  return (await openai.responses.create({ model: 'gpt-4.1-mini', input: text })).output_text;
} });`,
        'src/agents.ts': `import { Agent, run } from '@openai/agents';
import { summarize } from './tools';
const writer = new Agent({ name: 'Writer', instructions: 'Write.', tools: [summarize] });
const triage = new Agent({ name: 'Triage', instructions: 'Route.', handoffs: [writer] });
export const go = (q: string) => run(triage, q);`,
      },
      errors: [{ ruleId: 'missing-tags', file: 'src/agents.ts', line: 5, column: 34, missing: ['feature', 'team', 'tenant'] }],
      sites: [
        { line: 5, column: 34, file: 'src/agents.ts', kind: 'agent', sdk: 'openai-agents', callee: 'run', status: 'violation' },
        { line: 6, column: 17, file: 'src/tools.ts', kind: 'model', sdk: 'openai', callee: 'responses.create', status: 'inherited', inheritsFrom: ['src/agents.ts:5:34'] },
      ],
    },
    {
      name: 'a tool no linted run reaches: a warning says its inherited tags are unknown',
      files: `${HEAD}
${TOOL}
export const weatherAgent = new Agent({ name: 'Weather', tools: [getWeather] });`,
      errors: [{ ruleId: 'unresolved-inheritance', line: 10, column: 21, missing: ['feature', 'team', 'tenant'] }],
      sites: [{ line: 10, column: 21, kind: 'model', sdk: 'openai', callee: 'responses.create', status: 'compliant' }],
    },
  ],
});

describe('openai-agents: unresolved inheritance', () => {
  it('names the registration and what to do', async () => {
    const result = await lintFiles(`${HEAD}\n${TOOL}\nexport const weatherAgent = new Agent({ name: 'Weather', tools: [getWeather] });`);
    expect(result.findings.map((f) => [f.severity, f.message])).toEqual([
      [
        'warning',
        'model call `responses.create` lacks tags `feature`, `team`, `tenant` and runs inside the function given to `tool` at src/index.ts:5:20, but no agent entry site that runs it was found in the linted files, so what it inherits is unknown: lint the code that runs it too, or tag this call',
      ],
    ]);
    expect(result.summary).toMatchObject({ callSites: 1, compliant: 1, inherited: 0, errors: 0, warnings: 1 });
  });
});
