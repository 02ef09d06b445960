import { ruleTester } from './rule-tester.js';

// Every bundled pack, through each of its carriers. Required tags in the test taxonomy: feature,
// tenant, and team (derived from a known feature).

ruleTester('openai', {
  valid: [
    {
      name: 'request-body metadata',
      callSites: 1,
      files: `import OpenAI from 'openai';
const openai = new OpenAI();
export const run = (tenant: string) => openai.chat.completions.create({ model: 'gpt-4.1', messages: [], metadata: { feature: 'inbox-triage', tenant } });`,
    },
    {
      name: 'per-request options headers (x-attrib-*)',
      callSites: 1,
      files: `import OpenAI from 'openai';
const openai = new OpenAI();
export const run = () => openai.responses.create({ model: 'gpt-4.1', input: 'hi' }, { headers: { 'x-attrib-feature': 'inbox-triage', 'X-ATTRIB-TENANT': 'ws_1' } });`,
    },
    {
      name: 'client defaultHeaders reach every call',
      callSites: 2,
      files: `import OpenAI from 'openai';
const openai = new OpenAI({ defaultHeaders: { 'x-attrib-feature': 'contract-redline', 'x-attrib-tenant': 'acct_9' } });
export const a = () => openai.embeddings.create({ model: 'text-embedding-3-small', input: 'x' });
export const b = () => openai.images.generate({ prompt: 'x' });`,
    },
    {
      name: 'LiteLLM metadata.tags list',
      callSites: 1,
      files: `import { OpenAI } from 'openai';
const openai = new OpenAI();
export const run = (id: string) => openai.chat.completions.create({ model: 'm', messages: [], metadata: { tags: ['feature:inbox-triage', \`tenant:\${id}\`] } });`,
    },
    {
      name: 'LiteLLM x-litellm-tags header and Helicone properties',
      callSites: 2,
      files: `import { AzureOpenAI } from 'openai';
const azure = new AzureOpenAI();
export const a = (id: string) => azure.completions.create({ model: 'm', prompt: 'p' }, { headers: { 'x-litellm-tags': \`feature:inbox-triage,tenant:\${id}\` } });
export const b = () => azure.audio.speech.create({ model: 'tts', input: 'x', voice: 'a' }, { headers: { 'Helicone-Property-Feature': 'inbox-triage', 'helicone-property-tenant': 'ws_2' } });`,
    },
    {
      name: 'moderations are free',
      callSites: 0,
      files: `import OpenAI from 'openai';
const openai = new OpenAI();
export const run = () => openai.moderations.create({ input: 'x' });`,
    },
  ],
  invalid: [
    {
      name: 'every billable method is a call site',
      files: `import OpenAI from 'openai';
const o = new OpenAI();
o.chat.completions.create({});
o.chat.completions.stream({});
o.chat.completions.parse({});
o.beta.chat.completions.parse({});
o.beta.chat.completions.stream({});
o.responses.create({});
o.responses.stream({});
o.responses.parse({});
o.embeddings.create({});
o.completions.create({});
o.images.generate({});
o.images.edit({});
o.audio.speech.create({});
o.audio.transcriptions.create({});
o.batches.create({});
o.audio.translations.create({});
o.beta.responses.create({});
o.chat.completions.runTools({});`,
      errors: Array.from({ length: 18 }, (_, i) => ({ ruleId: 'missing-tags', line: i + 3, column: 1, missing: ['feature', 'team', 'tenant'] })),
    },
    {
      name: 'subpath imports of the package are the same client',
      files: `import OpenAI from 'openai/index';
import * as sdk from 'openai/index.mjs';
new OpenAI().chat.completions.create({});
new sdk.AzureOpenAI().responses.create({});`,
      errors: [3, 4].map((line) => ({ ruleId: 'missing-tags', line, column: 1 })),
    },
    {
      name: 'metadata without a tenant',
      files: `import OpenAI from 'openai';
const openai = new OpenAI();
openai.chat.completions.create({ model: 'm', messages: [], metadata: { feature: 'inbox-triage' } });`,
      errors: [{ ruleId: 'missing-tags', line: 3, column: 1, missing: ['tenant'] }],
    },
  ],
});

ruleTester('anthropic', {
  valid: [
    {
      name: 'per-request headers and client defaultHeaders',
      callSites: 2,
      files: `import Anthropic from '@anthropic-ai/sdk';
const claude = new Anthropic({ defaultHeaders: { 'x-attrib-tenant': 'ws_1' } });
export const a = () => claude.messages.create({ model: 'm', max_tokens: 1, messages: [] }, { headers: { 'x-attrib-feature': 'contract-redline' } });
export const b = () => claude.beta.messages.stream({ model: 'm', max_tokens: 1, messages: [] }, { headers: { 'x-attrib-feature': 'contract-redline' } });`,
    },
    {
      name: 'subpath import, and toolRunner options carrying the headers',
      callSites: 1,
      files: `import Anthropic from '@anthropic-ai/sdk/index';
const claude = new Anthropic();
export const a = () => claude.beta.messages.toolRunner({ model: 'm', max_tokens: 1, messages: [], tools: [] }, { headers: { 'x-attrib-feature': 'contract-redline', 'x-attrib-tenant': 'ws_1' } });`,
    },
    {
      name: 'countTokens is free',
      callSites: 0,
      files: `import Anthropic from '@anthropic-ai/sdk';
const claude = new Anthropic();
export const a = () => claude.messages.countTokens({ model: 'm', messages: [] });`,
    },
  ],
  invalid: [
    {
      name: 'body metadata is not a carrier for Anthropic (only user_id is accepted there)',
      files: `import Anthropic from '@anthropic-ai/sdk';
const claude = new Anthropic();
claude.messages.create({ model: 'm', max_tokens: 1, messages: [], metadata: { feature: 'contract-redline', tenant: 'ws_1' } } as never);
claude.messages.stream({});
claude.beta.messages.create({});
claude.messages.batches.create({ requests: [] });
claude.messages.parse({});
claude.beta.messages.parse({});
claude.beta.messages.toolRunner({});
claude.beta.messages.batches.create({ requests: [] });`,
      errors: [3, 4, 5, 6, 7, 8, 9, 10].map((line) => ({ ruleId: 'missing-tags', line, column: 1 })),
    },
  ],
});

ruleTester('ai (Vercel AI SDK)', {
  valid: [
    {
      name: 'experimental_telemetry.metadata',
      callSites: 1,
      files: `import { generateText } from 'ai';
export const run = (tenant: string) => generateText({ model: 'm', prompt: 'p', experimental_telemetry: { isEnabled: true, metadata: { feature: 'inbox-triage', tenant } } });`,
    },
    {
      name: 'headers option',
      callSites: 1,
      files: `import { streamObject } from 'ai';
export const run = () => streamObject({ model: 'm', prompt: 'p', headers: { 'x-attrib-feature': 'inbox-triage', 'x-attrib-tenant': 'ws_1' } });`,
    },
  ],
  invalid: [
    {
      name: 'every function',
      files: `import { generateText, streamText, generateObject, streamObject, embed, embedMany, experimental_generateImage, generateImage } from 'ai';
generateText({});
streamText({});
generateObject({});
streamObject({});
embed({});
embedMany({});
generateImage({});
experimental_generateImage({});`,
      errors: [2, 3, 4, 5, 6, 7, 8, 9].map((line) => ({ ruleId: 'missing-tags', line, column: 1 })),
    },
  ],
});

ruleTester('langchain', {
  valid: [
    {
      name: 'call config metadata and tags',
      callSites: 2,
      files: `import { ChatOpenAI } from '@langchain/openai';
import { ChatAnthropic } from '@langchain/anthropic';
const gpt = new ChatOpenAI({ model: 'gpt-4.1' });
const claude = new ChatAnthropic({ model: 'claude' });
export const a = (tenant: string) => gpt.invoke('hi', { metadata: { feature: 'inbox-triage', tenant } });
export const b = (tenant: string) => claude.stream('hi', { tags: ['feature:contract-redline', \`tenant:\${tenant}\`] });`,
    },
    {
      name: 'constructor metadata and configuration.defaultHeaders reach embeddings',
      callSites: 2,
      files: `import { OpenAIEmbeddings } from '@langchain/openai';
import { GoogleGenerativeAIEmbeddings } from '@langchain/google-genai';
const e1 = new OpenAIEmbeddings({ metadata: { feature: 'inbox-triage' }, configuration: { defaultHeaders: { 'x-attrib-tenant': 'ws_1' } } });
const e2 = new GoogleGenerativeAIEmbeddings({ tags: ['feature:inbox-triage', 'tenant:ws_2'] });
export const a = () => e1.embedQuery('x');
export const b = () => e2.embedDocuments(['x']);`,
    },
  ],
  invalid: [
    {
      name: 'invoke, batch, streamEvents without tags; embeddings only count embed methods',
      files: `import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import { OpenAIEmbeddings } from '@langchain/openai';
const gemini = new ChatGoogleGenerativeAI({});
const emb = new OpenAIEmbeddings();
gemini.invoke('x');
gemini.batch(['x']);
gemini.streamEvents('x', { version: 'v2' });
emb.invoke('x');
emb.embedQuery('x');`,
      errors: [5, 6, 7, 9].map((line) => ({ ruleId: 'missing-tags', line, column: 1 })),
    },
  ],
});

ruleTester('langchain bound configs (withConfig, bind)', {
  valid: [
    {
      name: 'withConfig metadata and bind tags reach invoke, stream and batch, also through a variable and a chain',
      callSites: 4,
      files: `import { ChatOpenAI } from '@langchain/openai';
import { ChatAnthropic } from '@langchain/anthropic';
const gpt = new ChatOpenAI({ model: 'gpt-4.1' });
const triage = gpt.withConfig({ metadata: { feature: 'inbox-triage', tenant: 'ws_1' } });
export const a = () => triage.invoke('hi');
export const b = () => new ChatAnthropic({}).bind({ tags: ['feature:contract-redline', 'tenant:acct_1'] }).stream('hi');
export const c = (tenant: string) => gpt.withConfig({ metadata: { feature: 'inbox-triage' } }).batch(['x'], { metadata: { tenant } });
export const d = () => gpt.withConfig({ tags: ['feature:inbox-triage'] }).bind({ metadata: { tenant: 'ws_2' } }).invoke('x');`,
    },
    {
      name: "the call's own config wins over a bound one",
      callSites: 1,
      files: `import { ChatOpenAI } from '@langchain/openai';
const gpt = new ChatOpenAI({});
gpt.withConfig({ metadata: { feature: 'inbox-triag', tenant: 'ws_1' } }).invoke('x', { metadata: { feature: 'inbox-triage' } });`,
    },
    {
      name: 'precision: withConfig on an embeddings model, or on a look-alike, is no binder and no call site',
      callSites: 0,
      files: `import { OpenAIEmbeddings } from '@langchain/openai';
class Runner { withConfig(_: unknown) { return this; } invoke(_: string) { return 1; } }
new Runner().withConfig({ metadata: {} }).invoke('x');
new OpenAIEmbeddings().withConfig({ metadata: {} }).invoke('x');`,
    },
  ],
  invalid: [
    {
      name: 'a bound config that lacks a tag, a later binding winning over an earlier one, and a bad bound value',
      files: `import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
const gemini = new ChatGoogleGenerativeAI({});
gemini.withConfig({ metadata: { feature: 'inbox-triage' } }).invoke('x');
gemini.withConfig({ metadata: { feature: 'x', tenant: 'ws_1' } }).withConfig({ metadata: { feature: 'contract-redline' } }).invoke('x');
gemini.bind({ metadata: { feature: 'inbox-triag', tenant: 'ws_1' } }).stream('x');`,
      errors: [
        { ruleId: 'missing-tags', line: 3, column: 1, missing: ['tenant'] },
        // An unknown feature derives no team.
        { ruleId: 'missing-tags', line: 5, column: 1, missing: ['team'] },
        { ruleId: 'unknown-tag-value', line: 5, column: 36, suggestion: 'inbox-triage' },
      ],
    },
  ],
});

ruleTester('google-genai', {
  valid: [
    {
      name: 'config.labels and config.httpOptions.headers',
      callSites: 2,
      files: `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({ httpOptions: { headers: { 'x-attrib-tenant': 'ws_1' } } });
export const a = () => ai.models.generateContent({ model: 'm', contents: 'x', config: { labels: { feature: 'inbox-triage' } } });
export const b = () => ai.models.generateContentStream({ model: 'm', contents: 'x', config: { httpOptions: { headers: { 'x-attrib-feature': 'inbox-triage' } } } });`,
    },
  ],
  invalid: [
    {
      name: 'embedContent without tags',
      files: `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({});
ai.models.embedContent({ model: 'm', contents: 'x' });`,
      errors: [{ ruleId: 'missing-tags', line: 3, column: 1, missing: ['feature', 'team', 'tenant'] }],
    },
  ],
});

ruleTester('mcp', {
  valid: [
    {
      name: 'callTool _meta',
      callSites: 1,
      files: `import { Client } from '@modelcontextprotocol/sdk/client/index.js';
const client = new Client({ name: 'x', version: '1' });
export const run = (tenant: string) => client.callTool({ name: 't', arguments: {}, _meta: { feature: 'contract-redline', tenant } });`,
    },
    {
      name: 'listTools is not a tool call',
      callSites: 0,
      files: `import { Client } from '@modelcontextprotocol/sdk/client/index.js';
const client = new Client({ name: 'x', version: '1' });
export const run = () => client.listTools();`,
    },
  ],
  invalid: [
    {
      name: 'callTool without _meta is a tool call site',
      files: `import { Client } from '@modelcontextprotocol/sdk/client';
export async function run(client: Client) {
  return client.callTool({ name: 't', arguments: { feature: 'x' } });
}`,
      errors: [{ ruleId: 'missing-tags', line: 3, column: 10 }],
    },
  ],
});
