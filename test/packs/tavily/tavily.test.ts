import { ruleTester } from '../../lint/rule-tester.js';

// Shaped on tavily-ai/tavily-js's README (`const tvly = tavily({ apiKey }); await tvly.search(query, options)`)
// and the search tools agent apps define around it.

ruleTester('pack tavily', {
  valid: [
    {
      name: 'a search through an @attrib-tool wrapper that takes the tags is checked at the wrapper call',
      callSites: 1,
      files: {
        'src/search.ts': `import { tavily } from '@tavily/core';
const tvly = tavily({ apiKey: process.env.TAVILY_API_KEY });
/** @attrib-tool */
export function webSearch(query: string, tags: { feature: string; tenant: string }) {
  return tvly.search(query, { maxResults: 5 });
}`,
        'src/agent.ts': `import { webSearch } from './search';
export const look = (tenant: string) => webSearch('q', { feature: 'inbox-triage', tenant });`,
      },
      sites: [{ file: 'src/agent.ts', line: 2, column: 41, kind: 'tool', sdk: 'wrapper', callee: 'webSearch' }],
    },
  ],
  invalid: [
    {
      name: 'each billable function of the client is a tool call site with no carrier; polling and feedback are none',
      files: `import { tavily, type TavilyClient } from '@tavily/core';
const client: TavilyClient = tavily({ apiKey: 'k', projectId: 'p' });
export async function research(url: string) {
  await client.extract([url], { extractDepth: 'advanced' });
  await client.crawl(url, { maxDepth: 2 });
  await client.map(url);
  const task = await client.research('q');
  await client.getResearch('id');
  await client.feedback({ requestId: 'r' } as never);
  return task;
}`,
      errors: [
        { ruleId: 'missing-tags', line: 4, column: 9, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 5, column: 9, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 6, column: 9, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 7, column: 22, missing: ['feature', 'team', 'tenant'] },
      ],
      sites: [
        { line: 4, column: 9, kind: 'tool', sdk: 'tavily', callee: 'extract', tags: {} },
        { line: 5, column: 9, kind: 'tool', sdk: 'tavily', callee: 'crawl', tags: {} },
        { line: 6, column: 9, kind: 'tool', sdk: 'tavily', callee: 'map', tags: {} },
        { line: 7, column: 22, kind: 'tool', sdk: 'tavily', callee: 'research', tags: {} },
      ],
    },
    {
      name: 'a client made inline and used at once',
      files: `import { tavily } from '@tavily/core';
export const find = (q: string) => tavily().search(q, { topic: 'news' });`,
      errors: [{ ruleId: 'missing-tags', line: 2, column: 36, missing: ['feature', 'team', 'tenant'] }],
      sites: [{ line: 2, column: 36, kind: 'tool', sdk: 'tavily', callee: 'search', tags: {} }],
    },
  ],
});
