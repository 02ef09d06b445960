import { ruleTester, TAGGED_METADATA as META, TAGGED_METADATA_TAGS as TAGS, MISSING_ALL as ALL } from '../../lint/rule-tester.js';

// LangChain vector stores (rules/packs/langchain-vectorstores.yaml), checked against @langchain/core
// 1.4.0 (dist/vectorstores.d.ts) and the stores of @langchain/community 1.1.29 / @langchain/classic
// 1.0.50. Shapes as in langchain-ai/langchain-nextjs-template (app/api/retrieval/ingest/route.ts:
// `SupabaseVectorStore.fromDocuments(docs, new OpenAIEmbeddings(), { client, tableName })`;
// app/api/chat/retrieval/route.ts: `new SupabaseVectorStore(new OpenAIEmbeddings(), {...}).asRetriever()`)
// and CopilotKit's `MemoryVectorStore.fromDocuments`. Every store operation that embeds bills the
// embeddings model the store was given, so the embeddings' constructor tags are the call's.
// Required tags in the test taxonomy: feature, tenant, team (derived). Columns are where the call starts.

ruleTester('langchain-vectorstores', {
  valid: [
    {
      name: 'fromDocuments, a constructed store, the store a factory gave and its retriever carry the tags of the embeddings they hold',
      callSites: 5,
      files: `import { OpenAIEmbeddings } from '@langchain/openai';
import { MemoryVectorStore } from 'langchain/vectorstores/memory';
import { SupabaseVectorStore } from '@langchain/community/vectorstores/supabase';
const embeddings = new OpenAIEmbeddings({ model: 'text-embedding-3-small', ${META} });
export async function ingest(docs: { pageContent: string; metadata: object }[], client: unknown) {
  const store = await SupabaseVectorStore.fromDocuments(docs, embeddings, { client, tableName: 'documents' });
  await store.addDocuments(docs);
  const memory = new MemoryVectorStore(embeddings);
  await memory.similaritySearchWithScore('cats', 3);
  const retriever = memory.asRetriever({ k: 2 });
  await retriever.invoke('cats');
  return MemoryVectorStore.fromTexts(['a', 'b'], [{}, {}], embeddings);
}`,
      sites: [
        { line: 6, column: 23, kind: 'agent', sdk: 'langchain-vectorstores', callee: 'SupabaseVectorStore.fromDocuments', tags: TAGS },
        { line: 7, column: 9, kind: 'agent', sdk: 'langchain-vectorstores', callee: 'addDocuments', tags: TAGS },
        { line: 9, column: 9, kind: 'agent', sdk: 'langchain-vectorstores', callee: 'similaritySearchWithScore', tags: TAGS },
        { line: 11, column: 9, kind: 'agent', sdk: 'langchain-vectorstores', callee: 'invoke', tags: TAGS },
        { line: 12, column: 10, kind: 'agent', sdk: 'langchain-vectorstores', callee: 'MemoryVectorStore.fromTexts', tags: TAGS },
      ],
    },
    {
      name: "a retriever run's own config metadata carries the tags when the embeddings carry none",
      callSites: 1,
      files: `import { OpenAIEmbeddings } from '@langchain/openai';
import { MemoryVectorStore } from '@langchain/classic/vectorstores/memory';
const store = new MemoryVectorStore(new OpenAIEmbeddings());
export const search = (q: string) => store.asRetriever().invoke(q, { ${META} });`,
      sites: [{ line: 4, column: 38, kind: 'agent', sdk: 'langchain-vectorstores', callee: 'invoke', tags: TAGS }],
    },
    {
      name: "the retriever's own metadata and tags (asRetriever fields) reach its runs",
      callSites: 2,
      files: `import { OpenAIEmbeddings } from '@langchain/openai';
import { MemoryVectorStore } from 'langchain/vectorstores/memory';
const store = new MemoryVectorStore(new OpenAIEmbeddings());
export const a = store.asRetriever({ k: 4, metadata: { feature: 'inbox-triage' }, tags: ['tenant:ws_1'] }).invoke('q');
export const b = store.asRetriever(4, undefined, undefined, ['tenant:ws_1'], { feature: 'inbox-triage' }).invoke('q');`,
      sites: [
        { line: 4, column: 18, kind: 'agent', sdk: 'langchain-vectorstores', callee: 'invoke', status: 'compliant' },
        { line: 5, column: 18, kind: 'agent', sdk: 'langchain-vectorstores', callee: 'invoke', status: 'compliant' },
      ],
    },
    {
      name: 'precision: stores on a test double, on Ollama and on a loopback server, and similaritySearch on objects of no SDK',
      callSites: 0,
      files: `import { FakeEmbeddings } from '@langchain/core/utils/testing';
import { OllamaEmbeddings } from '@langchain/ollama';
import { MemoryVectorStore } from 'langchain/vectorstores/memory';
const fake = await MemoryVectorStore.fromDocuments([], new FakeEmbeddings());
await fake.similaritySearch('q', 1);
const local = new MemoryVectorStore(new OllamaEmbeddings({ model: 'nomic-embed-text' }));
await local.addDocuments([]);
await local.asRetriever().invoke('q');
import { OpenAIEmbeddings } from '@langchain/openai';
const vllm = new MemoryVectorStore(new OpenAIEmbeddings({ configuration: { baseURL: 'http://localhost:8000/v1' } }));
await vllm.similaritySearch('q');
const index = { similaritySearch: (q: string) => q, addDocuments: (d: unknown[]) => d };
index.similaritySearch('q');
index.addDocuments([]);
class Store { static fromDocuments(d: unknown[], e: unknown) { return [d, e]; } similaritySearch(q: string) { return q; } }
Store.fromDocuments([], {});
new Store().similaritySearch('q');`,
    },
  ],
  invalid: [
    {
      name: 'the ingest route: fromDocuments with untagged embeddings; a store held in a field and searched in a method',
      files: {
        'src/ingest.ts': `import { OpenAIEmbeddings } from '@langchain/openai';
import { SupabaseVectorStore } from '@langchain/community/vectorstores/supabase';
export async function POST(docs: never[], client: unknown) {
  await SupabaseVectorStore.fromDocuments(docs, new OpenAIEmbeddings(), { client, tableName: 'documents', queryName: 'match_documents' });
}`,
        'src/search.ts': `import { OpenAIEmbeddings } from '@langchain/openai';
import { MemoryVectorStore } from 'langchain/vectorstores/memory';
export class Search {
  private store = new MemoryVectorStore(new OpenAIEmbeddings());
  find(q: string) { return this.store.similaritySearch(q, 4); }
}`,
        // Embeddings attrib cannot trace (a parameter of no declared type) are taken as billable.
        'src/any.ts': `import { MemoryVectorStore } from 'langchain/vectorstores/memory';
export const index = (embeddings: any) => new MemoryVectorStore(embeddings).addDocuments([]);`,
      },
      errors: [
        { ruleId: 'missing-tags', file: 'src/any.ts', line: 2, column: 43, missing: ALL },
        { ruleId: 'missing-tags', file: 'src/ingest.ts', line: 4, column: 9, missing: ALL },
        { ruleId: 'missing-tags', file: 'src/search.ts', line: 5, column: 28, missing: ALL },
      ],
    },
  ],
});
