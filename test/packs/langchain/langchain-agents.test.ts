import { ruleTester, TAGGED_METADATA as META } from '../../lint/rule-tester.js';

// LangChain JS agents (rules/packs/langchain-agents.yaml), checked against langchain 1.5.14,
// @langchain/classic 1.0.50 and @langchain/core 1.4.0. Shapes from langchain-ai/langchainjs@62fc484b
// examples/src: createAgent/tools.ts (tool(fn, fields) in createAgent's tools, agent.invoke),
// multi-agent/subagents-personal-assistant.ts (a sub-agent invoked from a supervisor's tool),
// langchain-classic/models/chat/integration_anthropic_tool_calling_agent.ts (AgentExecutor).
// Required tags in the test taxonomy: feature, tenant, team (derived). Columns are 1 + the index of
// the callee's text in its source line.

ruleTester('langchain-agents', {
  valid: [
    {
      name: "createAgent's invoke carries the run config; a model call in its tool inherits it",
      callSites: 2,
      inherited: 1,
      files: `import { z } from 'zod';
import { createAgent, tool } from 'langchain';
import { ChatOpenAI } from '@langchain/openai';
const writer = new ChatOpenAI({ model: 'gpt-4o-mini' });
const draft = tool(
  async ({ topic }) => (await writer.invoke(\`Draft a note about \${topic}\`)).content,
  { name: 'draft', description: 'Draft a note.', schema: z.object({ topic: z.string() }) },
);
const agent = createAgent({ model: new ChatOpenAI({ model: 'gpt-4o' }), tools: [draft] });
export const ask = (q: string) => agent.invoke({ messages: q }, { ${META} });`,
      sites: [
        { line: 6, column: 31, kind: 'model', sdk: 'langchain', callee: 'invoke', status: 'inherited', inheritsFrom: ['src/index.ts:10:35'] },
        {
          line: 10,
          column: 35,
          kind: 'agent',
          sdk: 'langchain-agents',
          callee: 'invoke',
          status: 'compliant',
          tags: { feature: { value: 'inbox-triage', source: 'metadata' }, tenant: { value: 'ws_1', source: 'metadata' }, team: { value: 'mail', source: 'derived from feature' } },
        },
      ],
    },
    {
      name: "AgentExecutor's own metadata and tags join every run; a DynamicStructuredTool's func inherits",
      callSites: 2,
      inherited: 1,
      files: `import { AgentExecutor, createToolCallingAgent } from 'langchain/agents';
import { DynamicStructuredTool } from '@langchain/core/tools';
import { ChatAnthropic } from '@langchain/anthropic';
import { z } from 'zod';
const llm = new ChatAnthropic({ model: 'claude-sonnet-4-5' });
const lookup = new DynamicStructuredTool({ name: 'lookup', description: 'Look up.', schema: z.object({ q: z.string() }), func: async ({ q }) => String((await llm.invoke(q)).content) });
const agent = await createToolCallingAgent({ llm, tools: [lookup], prompt });
const executor = new AgentExecutor({ agent, tools: [lookup], metadata: { feature: 'contract-redline' }, tags: ['tenant:acct_9'] });
await executor.stream({ input: 'what is LangChain?' });`,
      sites: [
        { line: 6, column: 159, kind: 'model', sdk: 'langchain', callee: 'invoke', status: 'inherited', inheritsFrom: ['src/index.ts:9:7'] },
        { line: 9, column: 7, kind: 'agent', sdk: 'langchain-agents', callee: 'stream', status: 'compliant' },
      ],
    },
    {
      // langgraphjs examples/streaming/src/agents/deep-agent.ts and subagents/in-process.ts.
      name: "a deep agent (deepagents' createDeepAgent) is a LangChain agent",
      callSites: 1,
      files: `import { createDeepAgent } from 'deepagents';
export const agent = createDeepAgent({ model: 'anthropic:claude-sonnet-4-5', subagents: [] });
const run = await agent.streamEvents({ messages: [{ role: 'user', content: 'Write me a haiku' }] }, { version: 'v3', ${META} });`,
      sites: [{ line: 3, column: 19, kind: 'agent', sdk: 'langchain-agents', callee: 'streamEvents' }],
    },
    {
      name: 'an agent on a test double or a local model is no call site',
      callSites: 0,
      files: `import { createAgent } from 'langchain';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { ChatOllama } from '@langchain/ollama';
const local = new ChatOllama({ model: 'llama3.1' });
await createAgent({ model: new FakeListChatModel({ responses: ['ok'] }), tools: [] }).invoke({ messages: 'hi' });
await createAgent({ model: local, tools: [] }).invoke({ messages: 'hi' });`,
    },
    {
      name: 'precision: a tool no agent runs is not a call site, nor is a look-alike createAgent',
      callSites: 0,
      files: `import { tool } from '@langchain/core/tools';
const createAgent = (_: object) => ({ invoke: (_x: unknown) => 1 });
export const t = tool(async () => 'x', { name: 't' });
createAgent({}).invoke({});`,
    },
  ],
  invalid: [
    {
      name: "a sub-agent run in a supervisor's tool inherits from the supervisor's runs; the supervisor is checked",
      files: `import { createAgent, tool } from 'langchain';
import { z } from 'zod';
const calendarAgent = createAgent({ model: 'openai:gpt-4o', tools: [] });
const scheduleEvent = tool(async ({ request }) => {
  const result = await calendarAgent.invoke({ messages: [{ role: 'user', content: request }] });
  return result.messages.at(-1)?.text;
}, { name: 'schedule_event', schema: z.object({ request: z.string() }) });
const supervisor = createAgent({ model: 'openai:gpt-4o', tools: [scheduleEvent] });
await supervisor.stream({ messages: [{ role: 'user', content: 'Book lunch' }] });`,
      errors: [{ ruleId: 'missing-tags', line: 9, column: 7, missing: ['feature', 'team', 'tenant'] }],
      sites: [
        { line: 5, column: 24, kind: 'agent', sdk: 'langchain-agents', callee: 'invoke', status: 'inherited', inheritsFrom: ['src/index.ts:9:7'] },
        { line: 9, column: 7, kind: 'agent', sdk: 'langchain-agents', callee: 'stream', status: 'violation' },
      ],
    },
  ],
});
