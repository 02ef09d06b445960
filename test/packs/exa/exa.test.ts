import { ruleTester } from '../../lint/rule-tester.js';

// Exa (rules/packs/exa.yaml), checked against exa-js 2.23.0. Shapes as in agent apps' search tools
// (a module `exa = new Exa(process.env.EXA_API_KEY)` in lib/exa.ts imported by tool files that call
// `exa.search(query, { numResults, contents })` and `exa.getContents(urls, { livecrawl })`, as in
// techwithanirudh/mastra-slack-agent-template), written here in that shape. The SDK carries no tags, so
// every call is missing them unless it is made through an `@attrib-tool` wrapper. Required tags in
// the test taxonomy: feature, tenant, team (derived). Columns are 1 + the index of the callee's text.

const NONE = ['feature', 'team', 'tenant'];

ruleTester('pack exa', {
  valid: [
    {
      name: 'a search through an @attrib-tool wrapper that takes the tags is checked at the wrapper call',
      callSites: 1,
      files: {
        'src/lib/exa.ts': `import Exa from 'exa-js';
export const exa = new Exa(process.env.EXA_API_KEY);`,
        'src/tools/search.ts': `import { exa } from '../lib/exa.js';
/** @attrib-tool */
export function searchWeb(query: string, tags: { feature: string; tenant: string }) {
  return exa.search(query, { numResults: 3, contents: { text: { maxCharacters: 2000 } } });
}
export const look = (tenant: string) => searchWeb('tides', { feature: 'inbox-triage', tenant });`,
      },
      sites: [{ file: 'src/tools/search.ts', line: 6, column: 41, kind: 'tool', sdk: 'wrapper', callee: 'searchWeb' }],
    },
    {
      name: 'precision: the same method names on other objects, and reads of tasks, are no call sites',
      callSites: 0,
      files: `import { Exa } from 'exa-js';
const exa = new Exa('key');
const index = { search: async (q: string) => q, getContents: async (u: string) => u, answer: async (q: string) => q };
const research = { create: async (x: unknown) => x };
export async function run() {
  await index.search('q'); await index.getContents('u'); await index.answer('q'); await research.create({});
  await exa.research.get('r_1'); await exa.research.pollUntilFinished('r_1');
  await exa.websets.get('ws'); await exa.websets.items.list('ws');
  await exa.agent.runs.get('run_1');
}`,
    },
  ],
  invalid: [
    {
      name: 'a module client imported by tool files: search, contents, answer, research and agent runs are tool call sites with no carrier',
      files: {
        'src/lib/exa.ts': `import Exa from 'exa-js';
export const exa = new Exa(process.env.EXA_API_KEY);`,
        'src/tools.ts': `import { exa } from './lib/exa.js';
export async function tools(query: string, url: string) {
  const found = await exa.search(query, { numResults: 3 });
  const page = await exa.getContents([url], { livecrawl: 'preferred' });
  const similar = await exa.findSimilarAndContents(url, { text: true });
  const answer = await exa.answer(query, { text: true });
  for await (const chunk of exa.streamAnswer(query)) void chunk;
  const task = await exa.research.create({ instructions: query, model: 'exa-research' });
  const run = await exa.agent.runs.create({ query } as never);
  return { found, page, similar, answer, task, run };
}`,
      },
      errors: [
        { ruleId: 'missing-tags', file: 'src/tools.ts', line: 3, column: 23, missing: NONE },
        { ruleId: 'missing-tags', file: 'src/tools.ts', line: 4, column: 22, missing: NONE },
        { ruleId: 'missing-tags', file: 'src/tools.ts', line: 5, column: 25, missing: NONE },
        { ruleId: 'missing-tags', file: 'src/tools.ts', line: 6, column: 24, missing: NONE },
        { ruleId: 'missing-tags', file: 'src/tools.ts', line: 7, column: 29, missing: NONE },
        { ruleId: 'missing-tags', file: 'src/tools.ts', line: 8, column: 22, missing: NONE },
        { ruleId: 'missing-tags', file: 'src/tools.ts', line: 9, column: 21, missing: NONE },
      ],
      sites: [
        { file: 'src/tools.ts', line: 3, column: 23, kind: 'tool', sdk: 'exa', callee: 'search', tags: {} },
        { file: 'src/tools.ts', line: 4, column: 22, kind: 'tool', sdk: 'exa', callee: 'getContents', tags: {} },
        { file: 'src/tools.ts', line: 5, column: 25, kind: 'tool', sdk: 'exa', callee: 'findSimilarAndContents', tags: {} },
        { file: 'src/tools.ts', line: 6, column: 24, kind: 'tool', sdk: 'exa', callee: 'answer', tags: {} },
        { file: 'src/tools.ts', line: 7, column: 29, kind: 'tool', sdk: 'exa', callee: 'streamAnswer', tags: {} },
        { file: 'src/tools.ts', line: 8, column: 22, kind: 'tool', sdk: 'exa', callee: 'research.create', tags: {} },
        { file: 'src/tools.ts', line: 9, column: 21, kind: 'tool', sdk: 'exa', callee: 'agent.runs.create', tags: {} },
      ],
    },
    {
      name: "websets and a handler that answers a model's tool calls with searches",
      files: `import Exa from 'exa-js';
const exa = new Exa();
export async function build(response: never) {
  const set = await exa.websets.create({ search: { query: 'AI startups', count: 10 } } as never);
  const results = await exa.openai.responses.handleToolCalls(response);
  return { set, results };
}`,
      errors: [
        { ruleId: 'missing-tags', line: 4, column: 21, missing: NONE },
        { ruleId: 'missing-tags', line: 5, column: 25, missing: NONE },
      ],
    },
  ],
});
