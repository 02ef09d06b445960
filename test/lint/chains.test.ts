import { ruleTester, TAGGED_METADATA as META, TAGGED_METADATA_TAGS as TAGS } from './rule-tester.js';

// LCEL chains as agent entry points (rules/packs/langchain-agents.yaml, `returns` with `holding`).
// Shapes from langchain-ai/langchainjs@62fc484b: examples/src/guides/expression_language/
// cookbook_basic.ts (`prompt.pipe(model)`), cookbook_output_parser.ts (`.pipe(new StringOutputParser())`),
// cookbook_retriever.ts (`RunnableSequence.from([{ context: retriever.pipe(formatDocumentsAsString),
// question: new RunnablePassthrough() }, prompt, model, parser])`) and
// how_to_cookbook/runnable_passthrough_assign.ts (`RunnablePassthrough.assign({ answer: chain })`).
// Columns are where the call expression starts (`chain` of `chain.invoke(...)`, after any `await`).

ruleTester('LCEL chains', {
  valid: [
    {
      name: 'prompt.pipe(model) and prompt.pipe(model).pipe(parser): invoke and stream are agent sites with the call metadata',
      callSites: 2,
      files: `import { ChatPromptTemplate } from '@langchain/core/prompts';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatOpenAI } from '@langchain/openai';
const model = new ChatOpenAI({ model: 'gpt-4o-mini' });
const prompt = ChatPromptTemplate.fromTemplate('Tell me a joke about {topic}');
const chain = prompt.pipe(model);
export const joke = (topic: string) => chain.invoke({ topic }, { ${META} });
export const stream = (topic: string) => prompt.pipe(model).pipe(new StringOutputParser()).stream({ topic }, { ${META} });`,
      sites: [
        { line: 7, column: 40, kind: 'agent', sdk: 'langchain-agents', callee: 'invoke', status: 'compliant', tags: TAGS },
        { line: 8, column: 42, kind: 'agent', sdk: 'langchain-agents', callee: 'stream', status: 'compliant', tags: TAGS },
      ],
    },
    {
      name: 'RunnableSequence.from([...]) holding a model, its batch and streamEvents; tags from the config tags list',
      callSites: 2,
      files: `import { RunnableSequence, RunnablePassthrough } from '@langchain/core/runnables';
import { ChatAnthropic } from '@langchain/anthropic';
import { StringOutputParser } from '@langchain/core/output_parsers';
const model = new ChatAnthropic({ model: 'claude-sonnet-4-5' });
const chain = RunnableSequence.from([{ context: retriever.pipe(formatDocumentsAsString), question: new RunnablePassthrough() }, prompt, model, new StringOutputParser()]);
await chain.batch([{ q: 'a' }], { tags: ['feature:inbox-triage', 'tenant:ws_1'] });
await chain.streamEvents({ q: 'a' }, { version: 'v2', ${META} });`,
      sites: [
        { line: 6, column: 7, kind: 'agent', sdk: 'langchain-agents', callee: 'batch' },
        { line: 7, column: 7, kind: 'agent', sdk: 'langchain-agents', callee: 'streamEvents', tags: TAGS },
      ],
    },
    {
      name: 'RunnablePassthrough.assign({ answer: prompt.pipe(model) }) and a chain piped into another',
      callSites: 2,
      files: `import { RunnablePassthrough, RunnableMap } from '@langchain/core/runnables';
import { ChatOpenAI } from '@langchain/openai';
const answer = prompt.pipe(new ChatOpenAI({}));
const withAnswer = RunnablePassthrough.assign({ answer });
await withAnswer.invoke({ question: 'q' }, { ${META} });
await formatter.pipe(RunnableMap.from({ answer })).invoke({ question: 'q' }, { ${META} });`,
      sites: [
        { line: 5, column: 7, kind: 'agent', sdk: 'langchain-agents', callee: 'invoke', tags: TAGS },
        { line: 6, column: 7, kind: 'agent', sdk: 'langchain-agents', callee: 'invoke', tags: TAGS },
      ],
    },
    {
      name: "withConfig on a chain binds its metadata into each run",
      callSites: 1,
      files: `import { ChatOpenAI } from '@langchain/openai';
const chain = prompt.pipe(new ChatOpenAI({})).withConfig({ ${META} });
await chain.invoke({ q: 'x' });`,
    },
    {
      name: 'precision: chains without a model (prompt.pipe(parser), a test double, a local model, a look-alike pipe) are no call sites',
      callSites: 0,
      files: `import { ChatPromptTemplate } from '@langchain/core/prompts';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { RunnableSequence } from '@langchain/core/runnables';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { ChatOllama } from '@langchain/ollama';
const prompt = ChatPromptTemplate.fromTemplate('{q}');
await prompt.pipe(new StringOutputParser()).invoke({ q: 'x' });
await prompt.pipe(new FakeListChatModel({ responses: ['a'] })).invoke({ q: 'x' });
await RunnableSequence.from([prompt, new ChatOllama({ model: 'llama3' })]).invoke({ q: 'x' });
await RunnableSequence.from([prompt, (x: unknown) => x]).invoke({ q: 'x' });
const stream = { pipe: (_: unknown) => ({ invoke: (_x: unknown) => 1 }) };
stream.pipe(new StringOutputParser()).invoke({});`,
    },
  ],
  invalid: [
    {
      name: 'a chain run without a config misses every tag; the model constructor tags do not cover the run',
      files: `import { ChatOpenAI } from '@langchain/openai';
import { RunnableSequence } from '@langchain/core/runnables';
const chain = RunnableSequence.from([prompt, new ChatOpenAI({ metadata: { feature: 'inbox-triage' } }), parser]);
export const run = (q: string) => chain.invoke({ q });`,
      errors: [{ ruleId: 'missing-tags', line: 4, column: 35, missing: ['feature', 'team', 'tenant'] }],
      sites: [{ line: 4, column: 35, kind: 'agent', sdk: 'langchain-agents', callee: 'invoke', status: 'violation' }],
    },
  ],
});
