import { ruleTester } from '../../lint/rule-tester.js';

// LangGraph SDK remote runs (rules/packs/langgraph-sdk.yaml), checked against
// @langchain/langgraph-sdk 1.15.0 (dist/client/runs/index.d.ts). Shapes as in
// langchain-ai/social-media-agent (a node that starts another graph with `new Client().runs.create`)
// and langchain-ai/open-canvas (a client from a factory, `client.runs.stream` in a web worker).
// Required tags in the test taxonomy: feature, tenant, team (derived). Columns are 1 + the index of
// the callee's text in its source line.

ruleTester('langgraph-sdk', {
  valid: [
    {
      name: "runs.create with the run's metadata and config.tags",
      callSites: 2,
      files: `import { Client } from '@langchain/langgraph-sdk';
const client = new Client({ apiUrl: process.env.LANGGRAPH_API_URL });
export async function startReflection(threadId: string, tenant: string) {
  await client.runs.create(threadId, 'reflection', { input: {}, metadata: { feature: 'inbox-triage', tenant } });
  await client.runs.wait(null, 'optimize_prompts', { input: {}, config: { tags: ['feature:inbox-triage', 'tenant:ws_1'] } });
}`,
      sites: [
        {
          line: 4,
          column: 9,
          kind: 'agent',
          sdk: 'langgraph-sdk',
          callee: 'runs.create',
          tags: {
            feature: { value: 'inbox-triage', source: 'metadata' },
            tenant: { dynamic: true, source: 'metadata' },
            team: { value: 'mail', source: 'derived from feature' },
          },
        },
        { line: 5, column: 9, kind: 'agent', sdk: 'langgraph-sdk', callee: 'runs.wait' },
      ],
    },
    {
      name: 'a client made by a factory in another file, streamed',
      callSites: 1,
      files: {
        'src/client.ts': `import { Client } from '@langchain/langgraph-sdk';
export const createClient = () => new Client({ apiUrl: '/api' });`,
        'src/stream.ts': `import { createClient } from './client';
export async function* stream(threadId: string, tenant: string) {
  const client = createClient();
  yield* client.runs.stream(threadId, 'agent', { input: {}, streamMode: 'events', metadata: { feature: 'inbox-triage', tenant } });
}`,
      },
      sites: [{ line: 4, column: 10, file: 'src/stream.ts', kind: 'agent', sdk: 'langgraph-sdk', callee: 'runs.stream', status: 'compliant' }],
    },
    {
      name: 'reading runs and threads starts nothing',
      callSites: 0,
      files: `import { Client } from '@langchain/langgraph-sdk';
const client = new Client();
export const status = (t: string, r: string) => client.runs.get(t, r);
export const join = (t: string, r: string) => client.runs.join(t, r);
export const threads = () => client.threads.search({ limit: 10 });`,
    },
  ],
  invalid: [
    {
      name: 'a run without its tags, and a cron without them',
      files: `import { Client } from '@langchain/langgraph-sdk';
const client = new Client();
export const run = (threadId: string) => client.runs.create(threadId, 'generate_post', { input: { links: [] } });
export const nightly = () => client.crons.create('digest', { schedule: '0 6 * * *', input: {} });`,
      errors: [
        { ruleId: 'missing-tags', line: 3, column: 42, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 4, column: 30, missing: ['feature', 'team', 'tenant'] },
      ],
    },
  ],
});
