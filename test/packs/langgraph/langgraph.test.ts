import { ruleTester, TAGGED_METADATA as META } from '../../lint/rule-tester.js';

// LangGraph JS (rules/packs/langgraph.yaml), checked against @langchain/langgraph 1.7.3. Shapes from
// langchain-ai/langgraphjs@f8bdf16d examples: ui-angular/src/agent.mts (a chained builder compiled
// and exported, a node calling the model), streaming/src/agents/simple-tool-graph.ts with
// streaming/src/basic/in-process.ts (graph in one file, streamEvents in another; a ToolNode of tools),
// sql-agent/sql_agent.ts (nodes as named functions, builder.compile(), agent.stream(x, config)).
// Required tags in the test taxonomy: feature, tenant, team (derived from the feature). Columns are
// 1 + the index of the callee's text in its source line.

ruleTester('langgraph', {
  valid: [
    {
      name: "a compiled graph's invoke carries the call config; the model call in its node inherits it",
      callSites: 2,
      inherited: 1,
      files: `import { MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import { ChatOpenAI } from '@langchain/openai';
const llm = new ChatOpenAI({ model: 'gpt-4o-mini' });
async function callModel(state: typeof MessagesAnnotation.State) {
  return { messages: [await llm.invoke(state.messages)] };
}
const workflow = new StateGraph(MessagesAnnotation);
workflow.addNode('agent', callModel);
workflow.addEdge(START, 'agent');
const app = workflow.compile();
export const answer = (q: string) => app.invoke({ messages: [{ role: 'user', content: q }] }, { ${META} });`,
      sites: [
        { line: 5, column: 29, kind: 'model', sdk: 'langchain', callee: 'invoke', status: 'inherited', inheritsFrom: ['src/index.ts:11:38'] },
        {
          line: 11,
          column: 38,
          kind: 'agent',
          sdk: 'langgraph',
          callee: 'invoke',
          status: 'compliant',
          tags: { feature: { value: 'inbox-triage', source: 'metadata' }, tenant: { value: 'ws_1', source: 'metadata' }, team: { value: 'mail', source: 'derived from feature' } },
        },
      ],
    },
    {
      name: 'graph and its tools in one file, streamEvents in another; a ToolNode tool inherits too',
      callSites: 3,
      inherited: 2,
      files: {
        'src/graph.ts': `import { END, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import { ToolNode } from '@langchain/langgraph/prebuilt';
import { tool } from '@langchain/core/tools';
import { ChatAnthropic } from '@langchain/anthropic';
import { z } from 'zod';
const model = new ChatAnthropic({ model: 'claude-sonnet-4-5' });
const summarize = tool(async ({ text }) => (await model.invoke(text)).content, { name: 'summarize', schema: z.object({ text: z.string() }) });
const toolNode = new ToolNode([summarize]);
const modelWithTools = model.bindTools([summarize]);
export const graph = new StateGraph(MessagesAnnotation)
  .addNode('agent', async (state) => ({ messages: [await modelWithTools.invoke(state.messages)] }))
  .addNode('tools', toolNode)
  .addEdge(START, 'agent')
  .addEdge('tools', 'agent')
  .compile();`,
        'src/run.ts': `import { graph } from './graph.js';
const run = await graph.streamEvents({ messages: [{ role: 'user', content: 'What is 42 * 17?' }] }, { version: 'v3', tags: ['feature:inbox-triage', 'tenant:ws_1'] });`,
      },
      sites: [
        { line: 7, column: 51, file: 'src/graph.ts', kind: 'model', sdk: 'langchain', callee: 'invoke', status: 'inherited', inheritsFrom: ['src/run.ts:2:19'] },
        { line: 11, column: 58, file: 'src/graph.ts', kind: 'model', sdk: 'langchain', callee: 'invoke', status: 'inherited', inheritsFrom: ['src/run.ts:2:19'] },
        { line: 2, column: 19, file: 'src/run.ts', kind: 'agent', sdk: 'langgraph', callee: 'streamEvents', status: 'compliant' },
      ],
    },
    {
      name: "withConfig binds a config into the compiled graph's later calls",
      callSites: 1,
      files: `import { MessagesAnnotation, StateGraph } from '@langchain/langgraph';
const graph = new StateGraph(MessagesAnnotation).addNode('noop', () => ({})).compile();
export const tagged = graph.withConfig({ ${META} });
await tagged.stream({ messages: [] });`,
      sites: [{ line: 4, column: 7, kind: 'agent', sdk: 'langgraph', callee: 'stream' }],
    },
    {
      name: 'a prebuilt agent on a test double is no call site; on a real model it is',
      callSites: 1,
      files: `import { createReactAgent } from '@langchain/langgraph/prebuilt';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { ChatOpenAI } from '@langchain/openai';
const fake = createReactAgent({ llm: new FakeListChatModel({ responses: ['hi'] }), tools: [] });
await fake.invoke({ messages: [] }, {});
const real = createReactAgent({ llm: new ChatOpenAI({ model: 'gpt-4o' }), tools: [] });
await real.invoke({ messages: [] }, { ${META} });`,
      sites: [{ line: 7, column: 7, kind: 'agent', sdk: 'langgraph', callee: 'invoke' }],
    },
    {
      name: 'precision: a builder is not run (addNode, compile, getState), and a look-alike graph is no call site',
      callSites: 0,
      files: `import { StateGraph, MessagesAnnotation } from '@langchain/langgraph';
const g = new StateGraph(MessagesAnnotation).addNode('a', () => ({}));
const app = g.compile();
await app.getState({ configurable: { thread_id: '1' } });
const fake = { invoke: (_x: unknown) => 1 };
fake.invoke({});`,
    },
  ],
  invalid: [
    {
      name: 'an invoke without metadata is missing tags; its node calls inherit (they are checked at the invoke)',
      files: `import { StateGraph, MessagesAnnotation } from '@langchain/langgraph';
import { ChatOpenAI } from '@langchain/openai';
const llm = new ChatOpenAI({});
const app = new StateGraph(MessagesAnnotation)
  .addNode({ agent: async (s: typeof MessagesAnnotation.State) => ({ messages: [await llm.invoke(s.messages)] }) })
  .compile();
await app.invoke({ messages: [] }, { configurable: { thread_id: '1' } });`,
      errors: [{ ruleId: 'missing-tags', line: 7, column: 7, missing: ['feature', 'team', 'tenant'] }],
      sites: [
        { line: 5, column: 87, kind: 'model', sdk: 'langchain', callee: 'invoke', status: 'inherited', inheritsFrom: ['src/index.ts:7:7'] },
        { line: 7, column: 7, kind: 'agent', sdk: 'langgraph', callee: 'invoke', status: 'violation' },
      ],
    },
    {
      // LangGraph Platform runs an exported graph (langgraph.json): no invoke in the code.
      name: 'an exported graph nobody invokes in the linted files: its node calls are unresolved',
      files: `import { StateGraph, MessagesAnnotation, START } from '@langchain/langgraph';
import { ChatOpenAI } from '@langchain/openai';
const llm = new ChatOpenAI({ model: 'gpt-4o-mini' });
export const graph = new StateGraph(MessagesAnnotation)
  .addNode('agent', async ({ messages }) => ({
    messages: await llm.invoke(messages),
  }))
  .addEdge(START, 'agent')
  .compile();`,
      errors: [{ ruleId: 'unresolved-inheritance', line: 6, column: 21, missing: ['feature', 'team', 'tenant'] }],
      sites: [{ line: 6, column: 21, kind: 'model', sdk: 'langchain', callee: 'invoke', status: 'compliant' }],
    },
    {
      name: 'a node of another graph does not inherit from this one',
      files: `import { StateGraph, MessagesAnnotation } from '@langchain/langgraph';
import { ChatOpenAI } from '@langchain/openai';
const llm = new ChatOpenAI({});
const a = new StateGraph(MessagesAnnotation).addNode('x', async (s: typeof MessagesAnnotation.State) => ({ messages: [await llm.invoke(s.messages)] }));
const b = new StateGraph(MessagesAnnotation).addNode('y', () => ({}));
export const unused = a;
await b.compile().invoke({ messages: [] }, { ${META} });`,
      errors: [{ ruleId: 'unresolved-inheritance', line: 4, column: 125, missing: ['feature', 'team', 'tenant'] }],
    },
  ],
});
