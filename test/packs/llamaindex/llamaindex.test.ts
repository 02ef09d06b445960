import { ruleTester } from '../../lint/rule-tester.js';

// LlamaIndex.TS (rules/packs/llamaindex.yaml), checked against llamaindex 0.12.1, @llamaindex/core
// 0.6.23, @llamaindex/openai 0.4.23, @llamaindex/anthropic 0.3.27 and @llamaindex/workflow 1.1.25.
// Shapes as in run-llama/LlamaIndexTS examples/agents (agent/single-agent.ts: `agent({ llm: openai({...}),
// tools }).run(...)`; agent/blog-writer.ts: `multiAgent({ agents, rootAgent }).runStream(...)`;
// agent/with-ollama.ts: an agent on `ollama(...)`; tools/exec-object.ts: `openai().exec({ messages })`;
// tools/response-format-exec.ts: `new Anthropic({ model }).exec(...)`; agent/query-tool.ts:
// `VectorStoreIndex.fromDocuments`) and run-llama/chat-llamaindex (a chat engine's `chat`).
// Required tags in the test taxonomy: feature, tenant, team (derived). Columns are where the call starts.

const HEADERS = `additionalSessionOptions: { defaultHeaders: { 'x-attrib-feature': 'inbox-triage', 'x-attrib-tenant': 'ws_1' } }`;
const TAGS = {
  feature: { value: 'inbox-triage', source: 'additionalSessionOptions.defaultHeaders' },
  tenant: { value: 'ws_1', source: 'additionalSessionOptions.defaultHeaders' },
  team: { value: 'mail', source: 'derived from feature' },
};

ruleTester('llamaindex', {
  valid: [
    {
      name: "an agent's run carries its llm's headers; exec and chat on the llm itself",
      callSites: 4,
      files: `import { openai } from '@llamaindex/openai';
import { agent } from '@llamaindex/workflow';
import { tool } from 'llamaindex';
import { z } from 'zod';
const llm = openai({ model: 'gpt-4.1-mini', ${HEADERS} });
const weather = tool({ name: 'weather', description: 'w', parameters: z.object({ city: z.string() }), execute: ({ city }) => city });
export async function main() {
  const weatherAgent = agent({ tools: [weather], llm, verbose: false });
  const first = await weatherAgent.run("What's the weather like in San Francisco?");
  await llm.exec({ messages: [{ role: 'user', content: 'hi' }] });
  await llm.chat({ messages: [], stream: true });
  return weatherAgent.runStream('Compare it with California?', { state: first.data.state });
}`,
      sites: [
        { line: 9, column: 23, kind: 'agent', sdk: 'llamaindex', callee: 'run', tags: TAGS },
        { line: 10, column: 9, kind: 'model', sdk: 'llamaindex', callee: 'exec', tags: TAGS },
        { line: 11, column: 9, kind: 'model', sdk: 'llamaindex', callee: 'chat', status: 'compliant' },
        { line: 12, column: 10, kind: 'agent', sdk: 'llamaindex', callee: 'runStream', status: 'compliant' },
      ],
    },
    {
      name: "a model call inside a tool's execute inherits the run of the agent given that tool",
      callSites: 2,
      inherited: 1,
      files: `import { openai } from '@llamaindex/openai';
import { agent } from '@llamaindex/workflow';
import { tool } from 'llamaindex';
const llm = openai({ model: 'gpt-4.1-mini', ${HEADERS} });
const summarize = tool({ name: 'summarize', description: 's', parameters: {} as never, execute: async ({ text }: { text: string }) => (await openai({ model: 'gpt-4.1-nano' }).complete({ prompt: text })).text });
export const run = () => agent({ tools: [summarize], llm }).run('summarize this');`,
      sites: [
        { line: 5, column: 142, kind: 'model', sdk: 'llamaindex', callee: 'complete', status: 'inherited', inheritsFrom: ['src/index.ts:6:26'] },
        { line: 6, column: 26, kind: 'agent', sdk: 'llamaindex', callee: 'run', tags: TAGS },
      ],
    },
    {
      name: 'precision: an agent on a local Ollama model, a loopback OpenAI server, and run/chat/exec on objects of no SDK',
      callSites: 0,
      files: `import { ollama } from '@llamaindex/ollama';
import { OpenAI } from '@llamaindex/openai';
import { agent } from '@llamaindex/workflow';
const local = agent({ tools: [], llm: ollama({ model: 'granite3.2:2b' }) });
await local.run("What's the weather like in San Francisco?");
const vllm = new OpenAI({ model: 'qwen', baseURL: 'http://localhost:8000/v1' });
await vllm.chat({ messages: [] });
const runner = { run: (s: string) => s, chat: (x: unknown) => x, exec: () => 1 };
runner.run('x');
runner.chat({ messages: [] });
runner.exec();
class VectorStoreIndex { static fromDocuments(d: unknown[]) { return d; } }
VectorStoreIndex.fromDocuments([]);`,
    },
  ],
  invalid: [
    {
      name: 'multi-agent runStream, an Anthropic LLM, an index built from documents (it embeds), a query engine and a chat engine: no tags reach them',
      files: `import { Anthropic } from '@llamaindex/anthropic';
import { agent, multiAgent } from '@llamaindex/workflow';
import { Document, VectorStoreIndex, ContextChatEngine } from 'llamaindex';
const llm = new Anthropic({ model: 'claude-4-0-sonnet' });
export async function main() {
  const researcher = agent({ name: 'ResearchAgent', tools: [], llm });
  const workflow = multiAgent({ agents: [researcher], rootAgent: researcher });
  const events = workflow.runStream('Write a blog post about the history of LLMs');
  const { object } = await llm.exec({ messages: [], responseFormat: {} });
  const index = await VectorStoreIndex.fromDocuments([new Document({ text: 'Cats land on their feet.' })]);
  const answer = await index.asQueryEngine().query({ query: 'cats?' });
  const engine = new ContextChatEngine({ retriever: index.asRetriever() });
  return [events, object, answer, await engine.chat({ message: 'hi' })];
}`,
      errors: [
        { ruleId: 'missing-tags', line: 8, column: 18, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 9, column: 28, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 10, column: 23, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 11, column: 24, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 13, column: 41, missing: ['feature', 'team', 'tenant'] },
      ],
    },
  ],
});
