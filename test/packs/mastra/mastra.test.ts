import { ruleTester } from '../../lint/rule-tester.js';

// Mastra (rules/packs/mastra.yaml), checked against @mastra/core 1.71.0 (dist/agent/agent.d.ts,
// agent/types.d.ts defaultOptions, observability/types/tracing.d.ts TracingOptions, tools/tool.d.ts
// createTool). Shapes as in Mastra's own quick start (an agent with a createTool tool registered in
// `new Mastra({ agents })`, fetched back with mastra.getAgent). The mastra-ai/mastra repository is
// too large to fetch here, so the shapes follow the typings. Required tags in the test taxonomy:
// feature, tenant, team (derived). Columns are 1 + the index of the callee's text in its source line.

ruleTester('mastra', {
  valid: [
    {
      name: "a call's tracingOptions, deep-merged over the agent's defaultOptions",
      callSites: 2,
      files: `import { Agent } from '@mastra/core/agent';
const agent = new Agent({ name: 'Support', instructions: 'Help.', model: 'openai/gpt-4o-mini', defaultOptions: { tracingOptions: { metadata: { feature: 'inbox-triage' } } } });
export const a = (tenant: string) => agent.generate('Where is my order?', { tracingOptions: { metadata: { tenant } } });
export const b = () => agent.stream('Hi', { tracingOptions: { tags: ['tenant:ws_1'] } });`,
      sites: [
        {
          line: 3,
          column: 38,
          kind: 'agent',
          sdk: 'mastra',
          callee: 'generate',
          tags: {
            feature: { value: 'inbox-triage', source: 'defaultOptions.tracingOptions.metadata' },
            tenant: { dynamic: true, source: 'tracingOptions.metadata' },
            team: { value: 'mail', source: 'derived from feature' },
          },
        },
        { line: 4, column: 24, kind: 'agent', sdk: 'mastra', callee: 'stream' },
      ],
    },
    {
      name: 'a createTool tool inherits from the runs of the agent it is registered with, fetched back with getAgent',
      callSites: 2,
      inherited: 1,
      files: {
        'src/mastra/tools.ts': `import { createTool } from '@mastra/core/tools';
import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
import { z } from 'zod';
export const summaryTool = createTool({
  id: 'summarize',
  description: 'Summarize a text',
  inputSchema: z.object({ text: z.string() }),
  execute: async ({ text }) => (await generateText({ model: openai('gpt-4o-mini'), prompt: text })).text,
});`,
        'src/mastra/index.ts': `import { Mastra } from '@mastra/core';
import { Agent } from '@mastra/core/agent';
import { summaryTool } from './tools';
const summaryAgent = new Agent({ name: 'Summary', instructions: 'Summarize.', model: 'openai/gpt-4o', tools: { summaryTool } });
export const mastra = new Mastra({ agents: { summaryAgent } });
const agent = mastra.getAgent('summaryAgent');
await agent.generate('Summarize this', { tracingOptions: { metadata: { feature: 'inbox-triage', tenant: 'ws_1' } } });`,
      },
      sites: [
        { line: 7, column: 7, file: 'src/mastra/index.ts', kind: 'agent', sdk: 'mastra', callee: 'generate', status: 'compliant' },
        { line: 9, column: 39, file: 'src/mastra/tools.ts', kind: 'model', sdk: 'ai', callee: 'generateText', status: 'inherited', inheritsFrom: ['src/mastra/index.ts:7:7'] },
      ],
    },
    {
      name: 'precision: the same shapes under a createTool that is not Mastra\'s, or a parameter Mastra does not fill, are no call sites',
      callSites: 0,
      files: `import { createTool } from './my-tools';
import { createTool as mastraTool } from '@mastra/core/tools';
export const a = createTool({ id: 'a', execute: async ({ mastra }: any) => mastra.getAgent('x').generate('hi') });
export const b = mastraTool({ id: 'b', execute: async (inputData, context, extra: any) => extra.mastra.getAgent('x').generate('hi') });
export const c = mastraTool({ id: 'c', execute: async ({ agent }: any) => agent.generate('hi') });`,
    },
    {
      name: 'an agent on a local model is no call site',
      callSites: 0,
      files: `import { Agent } from '@mastra/core/agent';
import { ollama } from 'ollama-ai-provider-v2';
await new Agent({ name: 'Local', instructions: 'x', model: ollama('llama3.1') }).generate('hi');`,
    },
  ],
  invalid: [
    {
      // Shaped on mastra-ai/template-pdf-questions (0.x tool signature), mastra-ai/template-text-to-sql
      // (1.x) and mastra-ai/workshops' weather workflow (a step): the agent comes from the Mastra
      // instance the framework passes the function, untyped in the source.
      name: 'agents fetched from the Mastra instance a tool or a step is given are entry points: untagged, the tool\'s is unresolved (no agent runs the tool here) and the step\'s missing its tags',
      files: {
        'src/mastra/tools/summarize.ts': `import { createTool } from '@mastra/core/tools';
import { z } from 'zod';
export const summarizeTool = createTool({
  id: 'summarize', description: 'Summarize', inputSchema: z.object({ text: z.string() }),
  execute: async ({ context, mastra }) => {
    const agent = mastra?.getAgent('summaryAgent');
    if (!agent) throw new Error('no agent');
    const stream = await agent.stream([{ role: 'user', content: context.text }]);
    return { text: await stream.text };
  },
});`,
        'src/mastra/tools/sql.ts': `import { createTool } from '@mastra/core/tools';
import { z } from 'zod';
export const sqlTool = createTool({
  id: 'sql', inputSchema: z.object({ question: z.string() }),
  execute: async (inputData, context) => {
    const sqlAgent = context?.mastra?.getAgentById('sql-generation-agent');
    if (!sqlAgent) throw new Error('no agent');
    const result = await sqlAgent.generate(inputData.question, { tracingOptions: { metadata: { feature: 'inbox-triage', tenant: 'ws_1' } } });
    return { sql: result.text };
  },
});`,
        'src/mastra/workflows/weather.ts': `import { createStep } from '@mastra/core/workflows';
import { z } from 'zod';
export const planActivities = createStep({
  id: 'plan-activities', inputSchema: z.object({ city: z.string() }), outputSchema: z.object({ plan: z.string() }),
  async execute({ inputData, mastra }) {
    const response = await mastra.getAgent('weatherAgent').generate(inputData.city);
    return { plan: response.text };
  },
});`,
      },
      errors: [
        { ruleId: 'unresolved-inheritance', file: 'src/mastra/tools/summarize.ts', line: 8, column: 26, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', file: 'src/mastra/workflows/weather.ts', line: 6, column: 28, missing: ['feature', 'team', 'tenant'] },
      ],
      sites: [
        { line: 8, column: 26, file: 'src/mastra/tools/sql.ts', kind: 'agent', sdk: 'mastra', callee: 'generate', tags: { feature: { value: 'inbox-triage', source: 'tracingOptions.metadata' }, tenant: { value: 'ws_1', source: 'tracingOptions.metadata' }, team: { value: 'mail', source: 'derived from feature' } } },
        { line: 8, column: 26, file: 'src/mastra/tools/summarize.ts', kind: 'agent', sdk: 'mastra', callee: 'stream' },
        { line: 6, column: 28, file: 'src/mastra/workflows/weather.ts', kind: 'agent', sdk: 'mastra', callee: 'generate' },
      ],
    },
    {
      name: 'an agent run without tracing options is missing tags',
      files: `import { Agent } from '@mastra/core/agent';
const agent = new Agent({ name: 'Weather', instructions: 'Answer.', model: 'openai/gpt-4o-mini' });
const result = await agent.generate('What is the weather in London?');`,
      errors: [{ ruleId: 'missing-tags', line: 3, column: 22, missing: ['feature', 'team', 'tenant'] }],
    },
  ],
});
