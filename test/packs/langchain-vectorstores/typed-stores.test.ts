import { ruleTester, TAGGED_METADATA as META, TAGGED_METADATA_TAGS as TAGS, MISSING_ALL as ALL } from '../../lint/rule-tester.js';

// Stores and retrievers reached through a parameter or field declared with @langchain/core's base
// class or interfaces (rules/packs/langchain-vectorstores.yaml, `interfaces`; checked against
// @langchain/core 1.4.0 dist/vectorstores.d.ts). Shapes as in langchain-ai/langchainjs
// libs/langchain-classic: chains/vector_db_qa.ts (`vectorstore: VectorStoreInterface` field,
// `this.vectorstore.similaritySearch(question, k, filter, callbacks)`), memory/vector_store.ts
// (`vectorStoreRetriever: VectorStoreRetrieverInterface` field, `.invoke(query)`, `.addDocuments([...])`),
// and issue 8's ingest helper (`async function ingest(store: VectorStore, docs) { await
// store.addDocuments(docs) }`). The embeddings such a store holds are not in sight: the call is billable
// (its model is unknown, never guessed free) and only the call's own carriers are read.
// Required tags in the test taxonomy: feature, tenant, team (derived). Columns are where the call starts.

ruleTester('langchain-vectorstores: typed parameters and fields', {
  valid: [
    {
      name: "a retriever field typed VectorStoreRetriever, and one from a VectorStore parameter, carry their run's config",
      callSites: 3,
      files: `import type { VectorStore, VectorStoreRetriever } from '@langchain/core/vectorstores';
export class Answerer {
  private retriever: VectorStoreRetriever;
  constructor(retriever: VectorStoreRetriever) { this.retriever = retriever; }
  context(q: string) { return this.retriever.invoke(q, { ${META} }); }
}
export const search = (store: VectorStore, q: string) => store.asRetriever({ k: 4 }).invoke(q, { ${META} });
export const tagged = (store: VectorStore, q: string) => store.asRetriever({ k: 4, metadata: { feature: 'inbox-triage', tenant: 'ws_1' } }).getRelevantDocuments(q);`,
      sites: [
        { line: 5, column: 31, kind: 'agent', sdk: 'langchain-vectorstores', callee: 'invoke', tags: TAGS },
        { line: 7, column: 58, kind: 'agent', sdk: 'langchain-vectorstores', callee: 'invoke', tags: TAGS },
        { line: 8, column: 58, kind: 'agent', sdk: 'langchain-vectorstores', callee: 'getRelevantDocuments', tags: TAGS },
      ],
    },
    {
      name: "precision: a project's own store built on VectorStore, and a project type named VectorStore, are not LangChain's",
      callSites: 0,
      files: {
        'src/own.ts': `import { VectorStore } from '@langchain/core/vectorstores';
export class KeywordStore extends VectorStore {
  _vectorstoreType() { return 'keyword'; }
  async addVectors() {}
  async similaritySearchVectorWithScore() { return []; }
}
export const s = new KeywordStore({} as never, {});
s.similaritySearch('q');
s.addDocuments([]);`,
        'src/ports.ts': `export interface VectorStore { similaritySearch(q: string): Promise<string[]>; addDocuments(d: string[]): Promise<void> }`,
        'src/use.ts': `import type { VectorStore } from './ports.js';
export const find = (store: VectorStore) => store.similaritySearch('q');
export const add = (store: VectorStore) => store.addDocuments([]);`,
      },
    },
  ],
  invalid: [
    {
      name: 'the ingest helper, a chain field typed VectorStoreInterface and a memory field typed VectorStoreRetrieverInterface: billable, tags not in sight',
      files: {
        'src/ingest.ts': `import type { VectorStore } from '@langchain/core/vectorstores';
import type { Document } from '@langchain/core/documents';
export async function ingest(store: VectorStore, docs: Document[]) {
  await store.addDocuments(docs);
}`,
        'src/qa.ts': `import type { VectorStoreInterface } from '@langchain/core/vectorstores';
export class VectorQA {
  vectorstore: VectorStoreInterface;
  k = 4;
  constructor(fields: { vectorstore: VectorStoreInterface }) { this.vectorstore = fields.vectorstore; }
  async call(question: string) {
    const docs = await this.vectorstore.similaritySearch(question, this.k);
    return docs.map((d) => d.pageContent).join('\\n');
  }
}`,
        'src/memory.ts': `import type { VectorStoreRetrieverInterface } from '@langchain/core/vectorstores';
export class Memory {
  constructor(private readonly vectorStoreRetriever: VectorStoreRetrieverInterface) {}
  load(query: string) { return this.vectorStoreRetriever.invoke(query); }
  save(text: string) { return this.vectorStoreRetriever.addDocuments([{ pageContent: text, metadata: {} }]); }
}`,
      },
      errors: [
        { ruleId: 'missing-tags', file: 'src/ingest.ts', line: 4, column: 9, missing: ALL },
        { ruleId: 'missing-tags', file: 'src/memory.ts', line: 4, column: 32, missing: ALL },
        { ruleId: 'missing-tags', file: 'src/memory.ts', line: 5, column: 31, missing: ALL },
        { ruleId: 'missing-tags', file: 'src/qa.ts', line: 7, column: 24, missing: ALL },
      ],
      sites: [
        { file: 'src/ingest.ts', line: 4, column: 9, kind: 'agent', sdk: 'langchain-vectorstores', callee: 'addDocuments', tags: {}, status: 'violation' },
        { file: 'src/memory.ts', line: 4, column: 32, kind: 'agent', sdk: 'langchain-vectorstores', callee: 'invoke', tags: {}, status: 'violation' },
        { file: 'src/memory.ts', line: 5, column: 31, kind: 'agent', sdk: 'langchain-vectorstores', callee: 'addDocuments', tags: {}, status: 'violation' },
        { file: 'src/qa.ts', line: 7, column: 24, kind: 'agent', sdk: 'langchain-vectorstores', callee: 'similaritySearch', tags: {}, status: 'violation' },
      ],
    },
  ],
});
