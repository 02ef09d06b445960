import { ruleTester, TAGGED_METADATA as META } from './rule-tester.js';

// Patterns real code uses to reach a client (issue 8, cause 3), each followed by origin and never by
// name. Shapes from the SDKs' own examples: openai-node examples/, modelcontextprotocol/typescript-sdk
// examples/ (dynamic imports, `client.request`), langchainjs examples/ (model factories).

const TAGGED = `{ model: 'm', messages: [], metadata: { feature: 'inbox-triage', tenant: 'ws_1' } }`;
const HEADERS = `defaultHeaders: { 'x-attrib-feature': 'inbox-triage', 'x-attrib-tenant': 'ws_1' }`;
const UNTAGGED = `{ model: 'm', messages: [] }`;

ruleTester('dynamic import()', {
  valid: [
    {
      name: "const { default: OpenAI } = await import('openai'), a named class, and (await import('x')).X",
      callSites: 3,
      files: `export async function run() {
  const { default: OpenAI } = await import('openai');
  await new OpenAI().chat.completions.create(${TAGGED});
  const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
  const mcp = new Client({ name: 'host', version: '1.0.0' });
  await mcp.callTool({ name: 'search', arguments: {}, _meta: { feature: 'inbox-triage', tenant: 'ws_1' } });
  const client = new (await import('openai')).AzureOpenAI();
  return client.chat.completions.create(${TAGGED});
}`,
    },
    {
      name: 'a project module imported dynamically',
      callSites: 1,
      files: {
        'src/llm.ts': `import OpenAI from 'openai';\nexport const openai = new OpenAI();`,
        'src/index.ts': `export async function run() {\n  const llm = await import('./llm.js');\n  return llm.openai.chat.completions.create(${TAGGED});\n}`,
      },
    },
    {
      name: 'precision: a dynamic import of another package is nothing',
      callSites: 0,
      files: `export async function run() {\n  const { default: Twilio } = await import('twilio');\n  return new Twilio().chat.completions.create(${TAGGED});\n}`,
    },
  ],
});

ruleTester('factories without a declared return type', {
  valid: [
    {
      name: 'getModelFromConfig(config): a switch returning one of several models, tags from each constructor',
      callSites: 1,
      files: `import { ChatOpenAI } from '@langchain/openai';
import { ChatAnthropic } from '@langchain/anthropic';
function getModelFromConfig(config: { provider: string }) {
  if (!config.provider) throw new Error('no provider');
  switch (config.provider) {
    case 'openai':
      return new ChatOpenAI({ model: 'gpt-4o', ${META} });
    case 'anthropic':
      return new ChatAnthropic({ model: 'claude', ${META} });
    default:
      return undefined;
  }
}
export const run = () => getModelFromConfig({ provider: 'openai' })!.invoke('hi');`,
    },
    {
      name: 'an async createClient() in another file, awaited, and a declared type attrib cannot read',
      callSites: 2,
      files: {
        'src/clients.ts': `import OpenAI from 'openai';
export async function createClient() {
  const key = process.env.OPENAI_API_KEY;
  if (!key) return null;
  return new OpenAI({ apiKey: key, ${HEADERS} });
}
export function loose(): any { return new OpenAI({ ${HEADERS} }); }`,
        'src/index.ts': `import { createClient, loose } from './clients';
export async function run() {
  const client = await createClient();
  await client!.chat.completions.create(${UNTAGGED});
  return loose().chat.completions.create(${UNTAGGED});
}`,
      },
    },
  ],
  invalid: [
    {
      name: 'a tag only one of the returned models carries may be missing',
      files: `import { ChatOpenAI } from '@langchain/openai';
import { ChatAnthropic } from '@langchain/anthropic';
function model(fast: boolean) {
  if (fast) return new ChatAnthropic({ metadata: { feature: 'inbox-triage', tenant: 'ws_1' } });
  return new ChatOpenAI({ metadata: { feature: 'inbox-triage' } });
}
model(true).invoke('x');`,
      errors: [{ ruleId: 'missing-tags', line: 7, column: 1, missing: ['tenant'] }],
    },
  ],
});

ruleTester('a let assigned in branches, fields assigned in methods', {
  valid: [
    {
      name: 'let client; if (...) client = new OpenAI() else client = new AzureOpenAI()',
      callSites: 1,
      files: `import OpenAI, { AzureOpenAI } from 'openai';
let client;
if (process.env.AZURE) client = new AzureOpenAI({ ${HEADERS} });
else client = new OpenAI({ ${HEADERS} });
export const run = () => client.chat.completions.create(${UNTAGGED});`,
    },
    {
      name: 'a typed let assigned later, and a field set in an init method (also without a declaration, in JavaScript)',
      callSites: 2,
      files: {
        'src/index.ts': `import OpenAI from 'openai';
let client: OpenAI | undefined;
export function init() { client = new OpenAI({ ${HEADERS} }); }
export class Agent {
  private llm?: OpenAI;
  async start() { this.llm = new OpenAI({ ${HEADERS} }); }
  run() { return this.llm!.chat.completions.create(${UNTAGGED}); }
}
export const run = () => client!.chat.completions.create(${UNTAGGED});`,
      },
    },
    {
      name: 'a JavaScript class that only assigns its field in a method',
      callSites: 1,
      files: {
        'src/agent.js': `const OpenAI = require('openai');
class Agent {
  setup() { this.client = new OpenAI({ ${HEADERS} }); }
  ask() { return this.client.chat.completions.create(${UNTAGGED}); }
}
module.exports = { Agent };`,
      },
    },
  ],
  invalid: [
    {
      name: 'the tags of one branch do not cover the other',
      files: `import OpenAI, { AzureOpenAI } from 'openai';
let client;
if (process.env.AZURE) client = new AzureOpenAI();
else client = new OpenAI({ ${HEADERS} });
client.chat.completions.create(${UNTAGGED});`,
      errors: [{ ruleId: 'missing-tags', line: 5, column: 1, missing: ['feature', 'team', 'tenant'] }],
    },
  ],
});

ruleTester('clients kept in a Map, an array or an object', {
  valid: [
    {
      name: 'Map#set then get(), a typed Map, Map iteration and forEach',
      callSites: 4,
      files: `import OpenAI from 'openai';
const clients = new Map<string, OpenAI>();
clients.set('main', new OpenAI({ ${HEADERS} }));
export const a = (name: string) => clients.get(name)!.chat.completions.create(${TAGGED});
const seeded = new Map([['main', new OpenAI({ ${HEADERS} })]]);
export const b = () => seeded.get('main')?.chat.completions.create(${UNTAGGED});
export async function c() { for (const [, client] of seeded) await client.chat.completions.create(${UNTAGGED}); }
export const d = () => seeded.forEach((client) => client.chat.completions.create(${UNTAGGED}));`,
    },
    {
      name: 'an array: indexing, for...of, Promise.all(xs.map(c => ...)), and an object indexed by a variable',
      callSites: 4,
      files: `import OpenAI, { AzureOpenAI } from 'openai';
const pool = [new OpenAI({ ${HEADERS} }), new AzureOpenAI({ ${HEADERS} })];
export const a = (i: number) => pool[i]!.chat.completions.create(${UNTAGGED});
export async function b() { for (const client of pool) await client.chat.completions.create(${UNTAGGED}); }
export const c = () => Promise.all(pool.map((client) => client.chat.completions.create(${UNTAGGED})));
const byProvider = { openai: new OpenAI({ ${HEADERS} }), azure: new AzureOpenAI({ ${HEADERS} }) };
export const d = (provider: 'openai' | 'azure') => byProvider[provider].chat.completions.create(${UNTAGGED});`,
    },
    {
      name: 'declared collections: OpenAI[], Record<string, OpenAI>, Object.values, a pushed array',
      callSites: 3,
      files: `import OpenAI from 'openai';
export const a = (clients: OpenAI[]) => clients[0]!.chat.completions.create(${TAGGED});
export const b = (byName: Record<string, OpenAI>) => Object.values(byName).map((c) => c.chat.completions.create(${TAGGED}));
const later: unknown[] = [];
later.push(new OpenAI({ ${HEADERS} }));
export const c = () => (later as OpenAI[]).forEach((x) => x.chat.completions.create(${UNTAGGED}));`,
    },
    {
      name: 'precision: collections of other things, and a look-alike get()',
      callSites: 0,
      files: `const names = ['a', 'b'];
names.map((n) => n.chat.completions.create({}));
const cache = new Map<string, { chat: { completions: { create(x: unknown): void } } }>();
cache.get('x')!.chat.completions.create({});
const registry = { get: (_: string) => ({ chat: { completions: { create: (_x: unknown) => 1 } } }) };
registry.get('x').chat.completions.create({});`,
    },
  ],
});

ruleTester('fields and parameters declared with an SDK interface', {
  valid: [
    {
      name: 'BaseChatModel and BaseLanguageModelInterface, from @langchain/core',
      callSites: 2,
      files: `import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { BaseLanguageModelInterface } from '@langchain/core/language_models/base';
export class Summarizer {
  constructor(private readonly model: BaseChatModel) {}
  run(text: string) { return this.model.invoke(text, { ${META} }); }
}
export const ask = (llm: BaseLanguageModelInterface) => llm.invoke('x', { ${META} });`,
    },
    {
      name: "the AI SDK's LanguageModel and LanguageModelV3, called through the provider interface",
      callSites: 2,
      files: `import type { LanguageModel } from 'ai';
import type { LanguageModelV3 } from '@ai-sdk/provider';
const headers = { 'x-attrib-feature': 'inbox-triage', 'x-attrib-tenant': 'ws_1' };
export const raw = (model: LanguageModelV3) => model.doGenerate({ prompt: [], headers });
export function stream(model: LanguageModel) {
  if (typeof model === 'string') throw new Error('a model id');
  return model.doStream({ prompt: [], headers });
}`,
    },
    {
      name: "precision: a project's own model built on BaseChatModel (a test double) is not the SDK's, and an interface is not constructed",
      callSites: 0,
      files: `import { BaseChatModel } from '@langchain/core/language_models/chat_models';
class ScriptedModel extends BaseChatModel { _llmType() { return 'scripted'; } }
new ScriptedModel({}).invoke('x');
export class Uses { model = new ScriptedModel({}); run() { return this.model.invoke('x'); } }`,
    },
  ],
  invalid: [
    {
      // An interface-typed embeddings model has no constructor in sight, and embedQuery takes no config.
      name: 'interface-typed models without tags are call sites missing them',
      files: `import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
export const f = (model: BaseChatModel) => model.stream('x');
export const g = (embeddings: EmbeddingsInterface) => embeddings.embedQuery('x');`,
      errors: [
        { ruleId: 'missing-tags', line: 3, column: 44, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 4, column: 55, missing: ['feature', 'team', 'tenant'] },
      ],
    },
  ],
});

ruleTester('MCP client.request({ method: "tools/call" })', {
  valid: [
    {
      name: "a tools/call request is a tool call with the tags of params._meta; other methods are not",
      callSites: 1,
      files: `import { Client } from '@modelcontextprotocol/sdk/client/index.js';
const client = new Client({ name: 'host', version: '1.0.0' });
export async function run(method: string) {
  await client.request({ method: 'tools/call', params: { name: 'search', arguments: {}, _meta: { feature: 'inbox-triage', tenant: 'ws_1' } } }, {});
  await client.request({ method: 'tools/list' }, {});
  return client.request({ method, params: {} }, {});
}`,
    },
  ],
  invalid: [
    {
      name: 'a tools/call request without tags',
      files: `import { Client } from '@modelcontextprotocol/sdk/client/index.js';
const METHOD = 'tools/call';
new Client({ name: 'h', version: '1' }).request({ method: METHOD, params: { name: 'x', arguments: {} } }, {});`,
      errors: [{ ruleId: 'missing-tags', line: 3, column: 1, missing: ['feature', 'team', 'tenant'] }],
    },
  ],
});
