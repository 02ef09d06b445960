import { ruleTester } from '../../lint/rule-tester.js';

// Shaped on langchain-ai/langchainjs examples/src/models/chat (ChatVertexAI, ChatBedrockConverse,
// ChatMistralAI, ChatGroq) and examples/src/models/llm (OpenAI). Local models (`@langchain/ollama`) are
// not billable and no pack covers them.

ruleTester('pack langchain', {
  valid: [
    {
      name: 'provider chat models carry tags in the call config or the constructor',
      callSites: 3,
      files: `import { ChatVertexAI } from '@langchain/google-vertexai';
import { ChatBedrockConverse } from '@langchain/aws';
import { ChatTogetherAI } from '@langchain/community/chat_models/togetherai';
const vertex = new ChatVertexAI({ model: 'gemini-2.5-pro', metadata: { feature: 'inbox-triage' } });
const bedrock = new ChatBedrockConverse({ model: 'anthropic.claude-3-5-sonnet', region: 'us-east-1' });
const together = new ChatTogetherAI({ tags: ['feature:contract-redline', 'tenant:acct_1'] });
export async function run(tenant: string) {
  await vertex.invoke('hi', { metadata: { tenant } });
  await bedrock.stream('hi', { metadata: { feature: 'contract-redline', tenant } });
  return together.batch(['a', 'b']);
}`,
      sites: [
        { line: 8, column: 9, kind: 'model', sdk: 'langchain', callee: 'invoke', tags: { feature: { value: 'inbox-triage', source: 'metadata' }, tenant: { dynamic: true, source: 'metadata' }, team: { value: 'mail', source: 'derived from feature' } } },
        { line: 9, column: 9, kind: 'model', sdk: 'langchain', callee: 'stream' },
        { line: 10, column: 10, kind: 'model', sdk: 'langchain', callee: 'batch', tags: { feature: { value: 'contract-redline', source: 'tags' }, tenant: { value: 'acct_1', source: 'tags' }, team: { value: 'legal', source: 'derived from feature' } } },
      ],
    },
    {
      name: 'precision: a local model and a token count are no call sites',
      callSites: 0,
      files: `import { ChatOllama } from '@langchain/ollama';
import { ChatGroq } from '@langchain/groq';
const local = new ChatOllama({ model: 'llama3' });
const groq = new ChatGroq({ model: 'llama-3.3-70b-versatile' });
export async function count() {
  await local.invoke('hi');
  return groq.getNumTokens('hi');
}`,
    },
  ],
  invalid: [
    {
      name: 'LLM (non-chat) classes, the legacy generate and other providers are call sites',
      files: `import { OpenAI } from '@langchain/openai';
import { ChatMistralAI, MistralAIEmbeddings } from '@langchain/mistralai';
import { ChatXAI } from '@langchain/xai';
const llm = new OpenAI({ model: 'gpt-3.5-turbo-instruct' });
const mistral = new ChatMistralAI({ model: 'mistral-large-latest' });
const embeddings = new MistralAIEmbeddings();
const grok = new ChatXAI({ model: 'grok-4' });
export async function all() {
  await llm.invoke('x');
  await mistral.generate([[]]);
  await embeddings.embedQuery('x');
  await grok.streamEvents('x', { version: 'v2' });
}`,
      errors: [9, 10, 11, 12].map((line) => ({ ruleId: 'missing-tags', line, column: 9, missing: ['feature', 'team', 'tenant'] })),
      sites: [
        { line: 9, column: 9, kind: 'model', sdk: 'langchain', callee: 'invoke', tags: {} },
        { line: 10, column: 9, kind: 'model', sdk: 'langchain', callee: 'generate', tags: {} },
        { line: 11, column: 9, kind: 'model', sdk: 'langchain', callee: 'embedQuery', tags: {} },
        { line: 12, column: 9, kind: 'model', sdk: 'langchain', callee: 'streamEvents', tags: {} },
      ],
    },
  ],
});
