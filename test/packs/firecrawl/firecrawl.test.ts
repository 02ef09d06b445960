import { ruleTester } from '../../lint/rule-tester.js';

// Firecrawl (rules/packs/firecrawl.yaml), checked against @mendable/firecrawl-js 4.42.0. Shapes as in
// research apps (nickscamara/open-deep-research's chat route: a module `app = new FirecrawlApp({ apiKey })`
// called from AI SDK tool `execute`s with `app.search(query)`, `app.extract(urls, { prompt })`,
// `app.scrapeUrl(url)`; dzhng/deep-research: `firecrawl.search(q, { scrapeOptions })` inside
// `Promise.all(queries.map(...))`), written here in that shape. The SDK carries no tags, so every call
// is missing them unless it is made through an `@attrib-tool` wrapper. Required tags in the test
// taxonomy: feature, tenant, team (derived). Columns are 1 + the index of the callee's text.

const NONE = ['feature', 'team', 'tenant'];

ruleTester('pack firecrawl', {
  valid: [
    {
      name: 'a scrape through an @attrib-tool wrapper that takes the tags is checked at the wrapper call',
      callSites: 1,
      files: `import Firecrawl from '@mendable/firecrawl-js';
const firecrawl = new Firecrawl({ apiKey: process.env.FIRECRAWL_API_KEY });
/** @attrib-tool */
function scrapePage(url: string, tags: { feature: string; tenant: string }) {
  return firecrawl.scrape(url, { formats: ['markdown'] });
}
export const read = (tenant: string) => scrapePage('https://example.com', { feature: 'inbox-triage', tenant });`,
      sites: [{ line: 7, column: 41, kind: 'tool', sdk: 'wrapper', callee: 'scrapePage' }],
    },
    {
      name: 'precision: the same method names on other objects, and job polls, are no call sites',
      callSites: 0,
      files: `import Firecrawl from 'firecrawl';
const firecrawl = new Firecrawl({ apiKey: 'fc-key' });
const index = { search: async (q: string) => q, scrape: async (u: string) => u, extract: async (u: string[]) => u };
export async function run(id: string) {
  await index.search('q'); await index.scrape('u'); await index.extract(['u']);
  await firecrawl.getCrawlStatus(id); await firecrawl.getCreditUsage(); await firecrawl.v1.checkCrawlStatus(id);
}`,
    },
  ],
  invalid: [
    {
      name: 'v1 calls (the 1.x default export) in AI SDK tool executes and in a mapped Promise.all are tool call sites with no carrier',
      files: `import FirecrawlApp from '@mendable/firecrawl-js';
import { streamText } from 'ai';
import { z } from 'zod';
const app = new FirecrawlApp({ apiKey: process.env.FIRECRAWL_API_KEY || '' });
export function chat(model: never, queries: string[]) {
  const tools = {
    search: { parameters: z.object({ query: z.string() }), execute: async ({ query }: { query: string }) => app.search(query) },
    extract: { parameters: z.object({ urls: z.array(z.string()) }), execute: async ({ urls }: { urls: string[] }) => app.extract(urls, { prompt: 'prices' }) },
    scrape: { parameters: z.object({ url: z.string() }), execute: async ({ url }: { url: string }) => app.scrapeUrl(url) },
  };
  void Promise.all(queries.map((q) => app.search(q, { limit: 5, scrapeOptions: { formats: ['markdown'] } })));
  return { tools, model };
}`,
      errors: [
        { ruleId: 'missing-tags', line: 7, column: 109, missing: NONE },
        { ruleId: 'missing-tags', line: 8, column: 118, missing: NONE },
        { ruleId: 'missing-tags', line: 9, column: 103, missing: NONE },
        { ruleId: 'missing-tags', line: 11, column: 39, missing: NONE },
      ],
      sites: [
        { line: 7, column: 109, kind: 'tool', sdk: 'firecrawl', callee: 'search', tags: {} },
        { line: 8, column: 118, kind: 'tool', sdk: 'firecrawl', callee: 'extract', tags: {} },
        { line: 9, column: 103, kind: 'tool', sdk: 'firecrawl', callee: 'scrapeUrl', tags: {} },
        { line: 11, column: 39, kind: 'tool', sdk: 'firecrawl', callee: 'search', tags: {} },
      ],
    },
    {
      name: 'the v2 client (default export of 2.x and later, also as `firecrawl`) and its v1 getter',
      files: `import { Firecrawl } from 'firecrawl';
const fc = new Firecrawl('fc-key');
export async function crawlSite(url: string) {
  const job = await fc.startCrawl(url, { limit: 10 });
  const mapped = await fc.map(url);
  const old = await fc.v1.scrapeUrl(url);
  return { job, mapped, old };
}`,
      errors: [
        { ruleId: 'missing-tags', line: 4, column: 21, missing: NONE },
        { ruleId: 'missing-tags', line: 5, column: 24, missing: NONE },
        { ruleId: 'missing-tags', line: 6, column: 21, missing: NONE },
      ],
      sites: [
        { line: 4, column: 21, kind: 'tool', sdk: 'firecrawl', callee: 'startCrawl', tags: {} },
        { line: 5, column: 24, kind: 'tool', sdk: 'firecrawl', callee: 'map', tags: {} },
        { line: 6, column: 21, kind: 'tool', sdk: 'firecrawl', callee: 'v1.scrapeUrl', tags: {} },
      ],
    },
  ],
});
