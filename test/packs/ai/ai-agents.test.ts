import { ruleTester } from '../../lint/rule-tester.js';

// AI SDK agents (rules/packs/ai-agents.yaml), checked against ai 7.0.173 (and ai 6's
// experimental_telemetry.metadata). Shapes from vercel/ai@ed857f50 examples/ai-functions/src/agent:
// openai/subagent.ts (a ToolLoopAgent whose tool streams a child agent, runtimeContext and telemetry
// settings), and examples/next-agent (createAgentUIStreamResponse({ agent, uiMessages })). Required
// tags in the test taxonomy: feature, tenant, team (derived). Columns are 1 + the index of the
// callee's text in its source line.

const HEAD = `import { openai } from '@ai-sdk/openai';
import { Experimental_Agent, ToolLoopAgent, createAgentUIStreamResponse, generateText, tool } from 'ai';
import { z } from 'zod';`;

ruleTester('ai-agents', {
  valid: [
    {
      name: "AI SDK 6: the agent's experimental_telemetry.metadata tags generate and stream",
      callSites: 2,
      files: `${HEAD}
const agent = new ToolLoopAgent({ model: openai('gpt-5-mini'), experimental_telemetry: { isEnabled: true, metadata: { feature: 'inbox-triage', tenant: 'ws_1' } } });
await agent.generate({ prompt: 'Sort my inbox' });
await agent.stream({ prompt: 'Sort my inbox' });`,
      sites: [
        {
          line: 5,
          column: 7,
          kind: 'agent',
          sdk: 'ai-agents',
          callee: 'generate',
          tags: {
            feature: { value: 'inbox-triage', source: 'experimental_telemetry.metadata' },
            tenant: { value: 'ws_1', source: 'experimental_telemetry.metadata' },
            team: { value: 'mail', source: 'derived from feature' },
          },
        },
        { line: 6, column: 7, kind: 'agent', sdk: 'ai-agents', callee: 'stream' },
      ],
    },
    {
      name: 'AI SDK 7: runtimeContext keys that telemetry.includeRuntimeContext lets through; Experimental_Agent is the same class',
      callSites: 1,
      files: `${HEAD}
const agent = new Experimental_Agent({
  model: openai('gpt-5-mini'),
  runtimeContext: { feature: 'inbox-triage', tenant: 'ws_1', agentLevel: 'L1' },
  telemetry: { functionId: 'triage', includeRuntimeContext: { feature: true, tenant: true } },
});
export const triage = (prompt: string) => agent.generate({ prompt });`,
      sites: [
        {
          line: 9,
          column: 43,
          kind: 'agent',
          sdk: 'ai-agents',
          callee: 'generate',
          tags: { feature: { value: 'inbox-triage', source: 'runtimeContext' }, tenant: { value: 'ws_1', source: 'runtimeContext' }, team: { value: 'mail', source: 'derived from feature' } },
        },
      ],
    },
    {
      name: "a tool's model call inherits from the agent; a child agent streamed in a tool inherits from the parent",
      callSites: 3,
      inherited: 2,
      files: `${HEAD}
const child = new ToolLoopAgent({ model: openai('gpt-5-mini'), tools: { summarize: tool({ inputSchema: z.object({ text: z.string() }), execute: async ({ text }) => (await generateText({ model: openai('gpt-5-nano'), prompt: text })).text }) } });
const parent = new ToolLoopAgent({
  model: openai('gpt-5-mini'),
  experimental_telemetry: { metadata: { feature: 'inbox-triage', tenant: 'ws_1' } },
  tools: { call_child: tool({ inputSchema: z.object({ task: z.string() }), execute: async ({ task }) => (await child.stream({ prompt: task })).text }) },
});
await parent.stream({ prompt: 'Delegate' });`,
      sites: [
        { line: 4, column: 172, kind: 'model', sdk: 'ai', callee: 'generateText', status: 'inherited', inheritsFrom: ['src/index.ts:8:112'] },
        { line: 8, column: 112, kind: 'agent', sdk: 'ai-agents', callee: 'stream', status: 'inherited', inheritsFrom: ['src/index.ts:10:7'] },
        { line: 10, column: 7, kind: 'agent', sdk: 'ai-agents', callee: 'stream', status: 'compliant' },
      ],
    },
    {
      name: "createAgentUIStreamResponse reads the tags of the agent it is given",
      callSites: 1,
      files: `${HEAD}
const agent = new ToolLoopAgent({ model: openai('gpt-5-mini'), headers: { 'x-attrib-feature': 'inbox-triage', 'x-attrib-tenant': 'ws_1' } });
export async function POST(request: Request) {
  const { messages } = await request.json();
  return createAgentUIStreamResponse({ agent, uiMessages: messages });
}`,
      sites: [{ line: 7, column: 10, kind: 'agent', sdk: 'ai-agents', callee: 'createAgentUIStreamResponse' }],
    },
    {
      name: 'agents and calls on a test double or a local model are no call sites',
      callSites: 0,
      files: `import { ToolLoopAgent, generateText } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { ollama } from 'ollama-ai-provider-v2';
const mock = new MockLanguageModelV3({ doGenerate: async () => ({ content: [], finishReason: 'stop', usage: {}, warnings: [] }) });
await new ToolLoopAgent({ model: mock }).generate({ prompt: 'x' });
await generateText({ model: ollama('llama3.1'), prompt: 'x' });`,
    },
  ],
  invalid: [
    {
      name: 'AI SDK 7: runtimeContext keys telemetry does not include do not reach it',
      files: `${HEAD}
const agent = new ToolLoopAgent({ model: openai('gpt-5-mini'), runtimeContext: { feature: 'inbox-triage', tenant: 'ws_1' }, telemetry: { includeRuntimeContext: { feature: true } } });
await agent.generate({ prompt: 'x' });`,
      errors: [{ ruleId: 'missing-tags', line: 5, column: 7, missing: ['tenant'] }],
    },
    {
      // generateText runs the tools it is given without passing its telemetry on (run_by: any).
      name: 'a tool a plain generateText runs is checked on its own',
      files: `${HEAD}
const search = tool({ inputSchema: z.object({ q: z.string() }), execute: async ({ q }) => (await generateText({ model: openai('gpt-5-nano'), prompt: q })).text });
await generateText({ model: openai('gpt-5-mini'), prompt: 'x', tools: { search }, experimental_telemetry: { metadata: { feature: 'inbox-triage', tenant: 'ws_1' } } });`,
      errors: [{ ruleId: 'missing-tags', line: 4, column: 98, missing: ['feature', 'team', 'tenant'] }],
      sites: [
        { line: 4, column: 98, kind: 'model', sdk: 'ai', callee: 'generateText', status: 'violation' },
        { line: 5, column: 7, kind: 'model', sdk: 'ai', callee: 'generateText', status: 'compliant' },
      ],
    },
  ],
});
