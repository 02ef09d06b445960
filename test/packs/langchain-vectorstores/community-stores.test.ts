import { ruleTester, TAGGED_METADATA as META, TAGGED_METADATA_TAGS as TAGS, MISSING_ALL as ALL } from '../../lint/rule-tester.js';

// The community and provider-package vector stores of rules/packs/langchain-vectorstores.yaml, their
// static factories (`statics`) and the stores those give. Class names, constructors and factories read
// from the .d.ts of @langchain/community 1.1.29 (dist/vectorstores/*), @langchain/pinecone 1.0.3,
// -qdrant 1.0.3, -mongodb 1.3.1, -redis 1.1.2, -weaviate 1.0.1, -neo4j 0.1.13, -azure-cosmosdb 0.2.8 and
// -cloudflare 1.1.0. Shapes as in ogoussan/ai-assistant lib/knowledge-base/pinecone.ts (`getVectorStore()`
// returning `await PineconeStore.fromExistingIndex(embeddings, { pineconeIndex, maxConcurrency: 5 })`),
// langchain-ai/langchainjs examples/src/indexes/vector_stores/pinecone/query_docs.ts and
// examples/src/langchain-classic/indexes/vector_stores/mongodb_atlas_search.ts (`new
// MongoDBAtlasVectorSearch(new OpenAIEmbeddings(), { collection, ... })` then `similaritySearch`),
// gideonairex/langchain-playground app/load.ts (the pre-1.0 `langchain/vectorstores/pinecone`).
// Required tags in the test taxonomy: feature, tenant, team (derived). Columns are where the call starts.

const SDK = 'langchain-vectorstores';

ruleTester('langchain-vectorstores: community and provider-package stores', {
  valid: [
    {
      name: 'a Pinecone store from fromExistingIndex in a factory: the search carries the tags of the embeddings it was given; the factory embeds nothing',
      callSites: 2,
      files: {
        'lib/knowledge-base/pinecone.ts': `import { PineconeStore } from '@langchain/pinecone';
import { OpenAIEmbeddings } from '@langchain/openai';
import { Pinecone as PineconeClient } from '@pinecone-database/pinecone';
const embeddings = new OpenAIEmbeddings({ model: 'text-embedding-3-large', ${META} });
const pinecone = new PineconeClient();
const pineconeIndex = pinecone.Index(process.env.PINECONE_INDEX!);
export async function getVectorStore() {
  return await PineconeStore.fromExistingIndex(embeddings, { pineconeIndex, maxConcurrency: 5 });
}`,
        'lib/search.ts': `import { getVectorStore } from './knowledge-base/pinecone.js';
export async function search(q: string) {
  const store = await getVectorStore();
  const docs = await store.similaritySearch(q, 4);
  return (await store.asRetriever({ k: 2 }).invoke(q)).concat(docs);
}`,
      },
      sites: [
        { file: 'lib/search.ts', line: 4, column: 22, kind: 'agent', sdk: SDK, callee: 'similaritySearch', tags: TAGS },
        { file: 'lib/search.ts', line: 5, column: 17, kind: 'agent', sdk: SDK, callee: 'invoke', tags: TAGS },
      ],
    },
    {
      name: 'fromDocuments / fromTexts of community stores, Neo4j fromExistingGraph, stores from initialize / fromExistingCollection / load, and Voy (embeddings second)',
      callSites: 7,
      files: `import { OpenAIEmbeddings } from '@langchain/openai';
import { Chroma } from '@langchain/community/vectorstores/chroma';
import { PGVectorStore } from '@langchain/community/vectorstores/pgvector';
import { Neo4jVectorStore } from '@langchain/community/vectorstores/neo4j_vector';
import { FaissStore } from '@langchain/community/vectorstores/faiss';
import { VoyVectorStore } from '@langchain/community/vectorstores/voy';
import { QdrantVectorStore } from '@langchain/qdrant';
import { RedisVectorStore } from '@langchain/redis';
const embeddings = new OpenAIEmbeddings({ ${META} });
export async function run(docs: never[], voy: never, client: never) {
  await Chroma.fromDocuments(docs, embeddings, { collectionName: 'a-test-collection' });
  await RedisVectorStore.fromTexts(['a'], [{}], embeddings, { redisClient: client, indexName: 'docs' });
  const pg = await PGVectorStore.initialize(embeddings, { postgresConnectionOptions: {}, tableName: 'testlangchain' });
  await pg.addDocuments(docs);
  await Neo4jVectorStore.fromExistingGraph(embeddings, { url: 'bolt://db', username: 'neo4j', password: 'x', indexName: 'wikipedia', nodeLabel: 'Wikipedia', textNodeProperties: ['title'], embeddingNodeProperty: 'embedding' });
  const qdrant = await QdrantVectorStore.fromExistingCollection(embeddings, { url: process.env.QDRANT_URL, collectionName: 'goldel_escher_bach' });
  await qdrant.maxMarginalRelevanceSearch('q', { k: 4 });
  await (await FaissStore.load('./index', embeddings)).similaritySearch('q');
  await new VoyVectorStore(voy, embeddings).addDocuments(docs);
}`,
      sites: [
        { line: 11, column: 9, kind: 'agent', sdk: SDK, callee: 'Chroma.fromDocuments', tags: TAGS },
        { line: 12, column: 9, kind: 'agent', sdk: SDK, callee: 'RedisVectorStore.fromTexts', tags: TAGS },
        { line: 14, column: 9, kind: 'agent', sdk: SDK, callee: 'addDocuments', tags: TAGS },
        { line: 15, column: 9, kind: 'agent', sdk: SDK, callee: 'Neo4jVectorStore.fromExistingGraph', tags: TAGS },
        { line: 17, column: 9, kind: 'agent', sdk: SDK, callee: 'maxMarginalRelevanceSearch', tags: TAGS },
        { line: 18, column: 9, kind: 'agent', sdk: SDK, callee: 'similaritySearch', tags: TAGS },
        { line: 19, column: 9, kind: 'agent', sdk: SDK, callee: 'addDocuments', tags: TAGS },
      ],
    },
    {
      name: 'precision: community stores on FakeEmbeddings or Ollama, Vectara (no embeddings of its own), and factories that embed nothing',
      callSites: 0,
      files: `import { FakeEmbeddings } from '@langchain/core/utils/testing';
import { OllamaEmbeddings } from '@langchain/ollama';
import { OpenAIEmbeddings } from '@langchain/openai';
import { Chroma } from '@langchain/community/vectorstores/chroma';
import { VectaraStore } from '@langchain/community/vectorstores/vectara';
import { PineconeStore } from '@langchain/pinecone';
import { WeaviateStore } from '@langchain/weaviate';
await Chroma.fromDocuments([], new FakeEmbeddings(), { collectionName: 'c' });
const local = await PineconeStore.fromExistingIndex(new OllamaEmbeddings({ model: 'nomic-embed-text' }), { pineconeIndex: {} as never });
await local.similaritySearch('q');
await new VectaraStore({ customerId: 1, corpusId: 2, apiKey: 'k' }).similaritySearch('q');
await PineconeStore.fromExistingIndex(new OpenAIEmbeddings(), { pineconeIndex: {} as never });
await WeaviateStore.initialize(new OpenAIEmbeddings(), { client: {} as never, indexName: 'Test' });`,
    },
  ],
  invalid: [
    {
      name: 'MongoDB Atlas and Cloudflare Vectorize stores with untagged embeddings; the pre-1.0 langchain/vectorstores/pinecone path',
      files: {
        'src/mongo.ts': `import { MongoDBAtlasVectorSearch } from '@langchain/mongodb';
import { OpenAIEmbeddings } from '@langchain/openai';
import { MongoClient } from 'mongodb';
const client = new MongoClient(process.env.MONGODB_ATLAS_URI || '');
const collection = client.db('langchain').collection('test');
const vectorStore = new MongoDBAtlasVectorSearch(new OpenAIEmbeddings(), { collection, indexName: 'default', textKey: 'text', embeddingKey: 'embedding' });
export const resultOne = await vectorStore.similaritySearch('Hello world', 1);`,
        'src/worker.ts': `import { CloudflareVectorizeStore, CloudflareWorkersAIEmbeddings } from '@langchain/cloudflare';
export default {
  async fetch(env: { VECTORIZE_INDEX: never; AI: never }) {
    const embeddings = new CloudflareWorkersAIEmbeddings({ binding: env.AI, model: '@cf/baai/bge-small-en-v1.5' });
    const store = new CloudflareVectorizeStore(embeddings, { index: env.VECTORIZE_INDEX });
    return store.similaritySearch('hello', 5);
  },
};`,
        'app/load.ts': `import { OpenAIEmbeddings } from 'langchain/embeddings/openai';
import { PineconeStore } from 'langchain/vectorstores/pinecone';
const vectorStore = await PineconeStore.fromExistingIndex(new OpenAIEmbeddings(), { pineconeIndex: {} as never });
export const results = await vectorStore.similaritySearch("What's the current job?");`,
      },
      errors: [
        { ruleId: 'missing-tags', file: 'app/load.ts', line: 4, column: 30, missing: ALL },
        { ruleId: 'missing-tags', file: 'src/mongo.ts', line: 7, column: 32, missing: ALL },
        { ruleId: 'missing-tags', file: 'src/worker.ts', line: 6, column: 12, missing: ALL },
      ],
      sites: [
        { file: 'app/load.ts', line: 4, column: 30, kind: 'agent', sdk: SDK, callee: 'similaritySearch', tags: {}, status: 'violation' },
        { file: 'src/mongo.ts', line: 7, column: 32, kind: 'agent', sdk: SDK, callee: 'similaritySearch', tags: {}, status: 'violation' },
        { file: 'src/worker.ts', line: 6, column: 12, kind: 'agent', sdk: SDK, callee: 'similaritySearch', tags: {}, status: 'violation' },
      ],
    },
  ],
});
