import { ruleTester, TAGGED_METADATA as META, TAGGED_METADATA_TAGS as TAGS, MISSING_ALL as ALL } from '../../lint/rule-tester.js';

// LangChain classic chains and retrievers (rules/packs/langchain-chains.yaml), checked against
// @langchain/classic 1.0.50 (dist/chains/*.d.ts, chains/question_answering/load.d.ts,
// chains/sql_db/sql_db_chain.d.ts, retrievers/*.d.ts). Shapes as in langchain-ai/langchainjs's
// examples/src/langchain-classic (chains/llm_chain_chat.ts: `new LLMChain({ prompt, llm })` then
// `chain.invoke`; question_answering.ts: `loadQAStuffChain(new OpenAI({}))`; sql_db_legacy.ts:
// `new SqlDatabaseChain({ llm, database }).run(q)`; constitutional_chain.ts: `ConstitutionalChain.fromLLM`;
// retrievers/similarity_score_threshold.ts: `ScoreThresholdRetriever.fromVectorStore(store, {...})`;
// parent_document_retriever.ts: `retriever.addDocuments(docs)`; indexes/.../redis_query.ts:
// `createRetrievalChain({ retriever, combineDocsChain: await createStuffDocumentsChain({ llm, prompt }) })`).
// Required tags in the test taxonomy: feature, tenant, team (derived). Columns are where the call starts.

const SDK = 'langchain-chains';

ruleTester('langchain-chains', {
  valid: [
    {
      name: "an LLMChain's tags from the model it was given, the chain's own inputs, or the run's config",
      callSites: 3,
      files: `import { ChatOpenAI } from '@langchain/openai';
import { PromptTemplate } from '@langchain/core/prompts';
import { LLMChain } from '@langchain/classic/chains';
const prompt = PromptTemplate.fromTemplate('What is a good name for a company that makes {product}?');
const tagged = new LLMChain({ llm: new ChatOpenAI({ model: 'gpt-4o-mini', ${META} }), prompt });
export const a = await tagged.invoke({ product: 'socks' });
const own = new LLMChain({ llm: new ChatOpenAI(), prompt, ${META} });
export const b = await own.call({ product: 'socks' });
const bare = new LLMChain({ llm: new ChatOpenAI(), prompt });
export const c = await bare.run('socks', { ${META} });`,
      sites: [
        { line: 6, column: 24, kind: 'agent', sdk: SDK, callee: 'invoke', tags: TAGS },
        { line: 8, column: 24, kind: 'agent', sdk: SDK, callee: 'call', tags: TAGS },
        { line: 10, column: 24, kind: 'agent', sdk: SDK, callee: 'run', tags: TAGS },
      ],
    },
    {
      name: 'precision: chains on a test double and on Ollama, and look-alike objects, are no call sites',
      callSites: 0,
      files: `import { FakeLLM } from '@langchain/core/utils/testing';
import { ChatOllama } from '@langchain/ollama';
import { LLMChain, loadQAStuffChain } from 'langchain/chains';
await new LLMChain({ llm: new FakeLLM({ response: 'ok' }), prompt: {} as never }).invoke({});
await loadQAStuffChain(new ChatOllama({ model: 'llama3' })).invoke({ input_documents: [], question: 'q' });
const chain = { invoke: (x: unknown) => x, run: (x: unknown) => x };
chain.invoke({});
chain.run('x');`,
    },
  ],
  invalid: [
    {
      name: 'loaders, static factories, the SQL chain and a classic retriever, untagged',
      files: {
        'src/qa.ts': `import { OpenAI } from '@langchain/openai';
import { loadQAStuffChain, loadSummarizationChain, ConstitutionalChain, LLMChain } from '@langchain/classic/chains';
export const qa = (docs: never[]) => loadQAStuffChain(new OpenAI({})).invoke({ input_documents: docs, question: 'Who?' });
export async function summarize(docs: never[]) {
  const chain = loadSummarizationChain(new OpenAI(), { type: 'map_reduce' });
  return chain.invoke({ input_documents: docs });
}
export const ethical = (qa: LLMChain) => ConstitutionalChain.fromLLM(new OpenAI(), { chain: qa, constitutionalPrinciples: [] }).run('q');`,
        'src/sql.ts': `import { OpenAI } from '@langchain/openai';
import { SqlDatabaseChain } from '@langchain/classic/chains/sql_db';
export const ask = (database: never) => new SqlDatabaseChain({ llm: new OpenAI(), database }).run('How many tracks are there?');`,
        'src/retrieve.ts': `import { OpenAIEmbeddings } from '@langchain/openai';
import { MemoryVectorStore } from '@langchain/classic/vectorstores/memory';
import { ScoreThresholdRetriever } from '@langchain/classic/retrievers/score_threshold';
import { ParentDocumentRetriever } from '@langchain/classic/retrievers/parent_document';
const vectorstore = new MemoryVectorStore(new OpenAIEmbeddings());
const retriever = ScoreThresholdRetriever.fromVectorStore(vectorstore, { minSimilarityScore: 0.9 });
export const find = (q: string) => retriever.invoke(q);
const parents = new ParentDocumentRetriever({ vectorstore, byteStore: {} as never, parentSplitter: {} as never, childSplitter: {} as never });
export const index = (docs: never[]) => parents.addDocuments(docs);`,
      },
      errors: [
        { ruleId: 'missing-tags', file: 'src/qa.ts', line: 3, column: 38, missing: ALL },
        { ruleId: 'missing-tags', file: 'src/qa.ts', line: 6, column: 10, missing: ALL },
        { ruleId: 'missing-tags', file: 'src/qa.ts', line: 8, column: 42, missing: ALL },
        { ruleId: 'missing-tags', file: 'src/retrieve.ts', line: 7, column: 36, missing: ALL },
        { ruleId: 'missing-tags', file: 'src/retrieve.ts', line: 9, column: 41, missing: ALL },
        { ruleId: 'missing-tags', file: 'src/sql.ts', line: 3, column: 41, missing: ALL },
      ],
      sites: [
        { file: 'src/qa.ts', line: 3, column: 38, kind: 'agent', sdk: SDK, callee: 'invoke', status: 'violation' },
        { file: 'src/qa.ts', line: 6, column: 10, kind: 'agent', sdk: SDK, callee: 'invoke', status: 'violation' },
        { file: 'src/qa.ts', line: 8, column: 42, kind: 'agent', sdk: SDK, callee: 'run', status: 'violation' },
        { file: 'src/retrieve.ts', line: 7, column: 36, kind: 'agent', sdk: SDK, callee: 'invoke', status: 'violation' },
        { file: 'src/retrieve.ts', line: 9, column: 41, kind: 'agent', sdk: SDK, callee: 'addDocuments', status: 'violation' },
        { file: 'src/sql.ts', line: 3, column: 41, kind: 'agent', sdk: SDK, callee: 'run', status: 'violation' },
      ],
    },
    {
      name: 'an LCEL retrieval chain built by createRetrievalChain over createStuffDocumentsChain',
      files: `import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import { MemoryVectorStore } from '@langchain/classic/vectorstores/memory';
import { createStuffDocumentsChain } from '@langchain/classic/chains/combine_documents';
import { createRetrievalChain } from '@langchain/classic/chains/retrieval';
const store = new MemoryVectorStore(new OpenAIEmbeddings());
const combineDocsChain = await createStuffDocumentsChain({ llm: new ChatOpenAI({ model: 'gpt-4o-mini' }), prompt: {} as never });
const chain = await createRetrievalChain({ retriever: store.asRetriever(), combineDocsChain });
export const answer = (input: string) => chain.invoke({ input });`,
      errors: [{ ruleId: 'missing-tags', line: 8, column: 42, missing: ALL }],
      sites: [{ line: 8, column: 42, kind: 'agent', sdk: 'langchain-agents', callee: 'invoke', status: 'violation' }],
    },
  ],
});
