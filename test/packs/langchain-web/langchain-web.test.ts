import { ruleTester, MISSING_ALL as ALL } from '../../lint/rule-tester.js';

// Shaped on langchain-ai/open-canvas (apps/agents/src/web-search/nodes/search.ts: an ExaRetriever in a
// LangGraph node; open-canvas/nodes/generate-path/include-url-contents.ts: a FireCrawlLoader scrape in
// a helper), langchain-ai/social-media-agent (FireCrawlLoader in graph nodes) and CopilotKit's
// research showcases (TavilySearchAPIRetriever), and on the classes' .d.ts (rules/packs/langchain-web.yaml).

ruleTester('pack langchain-web', {
  valid: [
    {
      name: 'a search tool handed to an agent is no call site of its own; a free or local loader is none',
      callSites: 0,
      files: `import { TavilySearch } from '@langchain/tavily';
import { CheerioWebBaseLoader } from '@langchain/community/document_loaders/web/cheerio';
import { DuckDuckGoSearch } from '@langchain/community/tools/duckduckgo_search';
export const tools = [new TavilySearch({ maxResults: 3 })];
export async function page(url: string) {
  await new DuckDuckGoSearch().invoke('q');
  return new CheerioWebBaseLoader(url).load();
}`,
    },
    {
      name: 'a retriever run with the six tags in its config metadata',
      callSites: 1,
      files: `import { TavilySearchAPIRetriever } from '@langchain/community/retrievers/tavily_search_api';
const retriever = new TavilySearchAPIRetriever({ k: 3 });
export const find = (q: string, tenant: string, runId: string) =>
  retriever.invoke(q, { metadata: { feature: 'inbox-triage', team: 'mail', tenant, workload_class: 'interactive', environment: 'production', parent_run_id: runId } });`,
      sites: [{ line: 4, column: 3, kind: 'tool', sdk: 'langchain-web', callee: 'invoke' }],
    },
  ],
  invalid: [
    {
      name: 'a FireCrawlLoader scrape in a helper is a tool call that carries nothing (tag it through a wrapper)',
      files: `import { FireCrawlLoader } from '@langchain/community/document_loaders/web/firecrawl';
async function fetchUrlContents(url: string) {
  const loader = new FireCrawlLoader({ url, mode: 'scrape', params: { formats: ['markdown'] } });
  const docs = await loader.load();
  const chunks = await new FireCrawlLoader({ url }).loadAndSplit();
  return { url, pageContent: docs[0]?.pageContent ?? '', chunks };
}
export { fetchUrlContents };`,
      errors: [
        { ruleId: 'missing-tags', line: 4, column: 22, missing: ALL },
        { ruleId: 'missing-tags', line: 5, column: 24, missing: ALL },
      ],
      sites: [
        { line: 4, column: 22, kind: 'tool', sdk: 'langchain-web', callee: 'load', tags: {} },
        { line: 5, column: 24, kind: 'tool', sdk: 'langchain-web', callee: 'loadAndSplit', tags: {} },
      ],
    },
    {
      name: 'an ExaRetriever and a Tavily tool called directly: the config tags are read (team derived from the feature), the rest reported missing',
      files: `import Exa from 'exa-js';
import { ExaRetriever } from '@langchain/exa';
import { TavilyExtract } from '@langchain/tavily';
export async function search(query: string) {
  const retriever = new ExaRetriever({ client: new Exa(process.env.EXA_API_KEY ?? ''), searchArgs: { numResults: 5 } });
  const results = await retriever.invoke(query, { metadata: { feature: 'inbox-triage' } });
  const pages = await new TavilyExtract().invoke({ urls: [query] }, { tags: ['team:mail'] });
  return { results, pages };
}`,
      errors: [
        { ruleId: 'missing-tags', line: 6, column: 25, missing: ['tenant'] },
        { ruleId: 'missing-tags', line: 7, column: 23, missing: ['feature', 'tenant'] },
      ],
      sites: [
        { line: 6, column: 25, kind: 'tool', sdk: 'langchain-web', callee: 'invoke', tags: { feature: { value: 'inbox-triage', source: 'metadata' }, team: { value: 'mail', source: 'derived from feature' } } },
        { line: 7, column: 23, kind: 'tool', sdk: 'langchain-web', callee: 'invoke', tags: { team: { value: 'mail', source: 'tags' } } },
      ],
    },
    {
      // Shaped like langchain-ai/deepagentsjs examples/research/research-agent.ts: the tool's own `_call`
      // inside a project tool() (StructuredTool._call(arg, runManager?, parentConfig?), @langchain/core 1.4.0).
      name: "a Tavily tool's _call called straight is the billed search; its parentConfig carries the run's tags",
      files: `import { tool } from 'langchain';
import { TavilySearch } from '@langchain/tavily';
export const internetSearch = tool(async ({ query }: { query: string }) => {
  const tavilySearch = new TavilySearch({ maxResults: 5 });
  return tavilySearch._call({ query });
}, { name: 'internet_search' });
export const direct = (query: string) => new TavilySearch()._call({ query }, undefined, { metadata: { feature: 'inbox-triage' } });`,
      errors: [
        { ruleId: 'unresolved-inheritance', line: 5, column: 10, missing: ALL },
        { ruleId: 'missing-tags', line: 7, column: 42, missing: ['tenant'] },
      ],
      sites: [
        { line: 5, column: 10, kind: 'tool', sdk: 'langchain-web', callee: '_call', status: 'compliant' },
        { line: 7, column: 42, kind: 'tool', sdk: 'langchain-web', callee: '_call', tags: { feature: { value: 'inbox-triage', source: 'metadata' }, team: { value: 'mail', source: 'derived from feature' } } },
      ],
    },
    {
      name: 'an Apify actor run is the billed call; reading the dataset it produced is none',
      files: `import { ApifyDatasetLoader } from '@langchain/community/document_loaders/web/apify_dataset';
export async function crawl(url: string) {
  const loader = await ApifyDatasetLoader.fromActorCall('apify/website-content-crawler', { startUrls: [{ url }] }, { datasetMappingFunction: (item) => item as never });
  return loader.load();
}`,
      errors: [{ ruleId: 'missing-tags', line: 3, column: 24, missing: ALL }],
      sites: [{ line: 3, column: 24, kind: 'tool', sdk: 'langchain-web', callee: 'ApifyDatasetLoader.fromActorCall', tags: {} }],
    },
  ],
});
