import { describe, expect, it } from 'vitest';
import { lintFiles, ruleTester } from './rule-tester.js';

// How receivers are recognised (by origin) and how tag values are followed.

const TAGGED = `{ model: 'm', messages: [], metadata: { feature: 'inbox-triage', tenant: 'ws_1' } }`;

ruleTester('receivers by origin', {
  valid: [
    { name: 'aliased named import', callSites: 1, files: `import { OpenAI as LLM } from 'openai';\nnew LLM().chat.completions.create(${TAGGED});` },
    { name: 'namespace import', callSites: 1, files: `import * as oa from 'openai';\nconst c = new oa.OpenAI();\nc.chat.completions.create(${TAGGED});` },
    { name: 'namespace default', callSites: 1, files: `import * as oa from 'openai';\nconst c = new oa.default();\nc.chat.completions.create(${TAGGED});` },
    { name: 'destructured client', callSites: 1, files: `import OpenAI from 'openai';\nconst { chat } = new OpenAI();\nchat.completions.create(${TAGGED});` },
    { name: 'nested destructuring with rename', callSites: 1, files: `import OpenAI from 'openai';\nconst openai = new OpenAI();\nconst { chat: { completions: c } } = openai;\nc.create(${TAGGED});` },
    { name: 'member alias', callSites: 1, files: `import OpenAI from 'openai';\nconst completions = new OpenAI().chat.completions;\ncompletions.create(${TAGGED});` },
    { name: 'typed parameter', callSites: 1, files: `import type OpenAI from 'openai';\nexport function f(client: OpenAI) { return client.chat.completions.create(${TAGGED}); }` },
    {
      name: 'a parameter typed as a function returning the client, awaited or not',
      callSites: 2,
      files: `import type OpenAI from 'openai';
export const f = (getClient: () => OpenAI) => getClient().chat.completions.create(${TAGGED});
export const g = async (getClient: () => Promise<OpenAI> | OpenAI) => { const c = await getClient(); return c.chat.completions.create(${TAGGED}); };`,
    },
    { name: 'a parameter typed as a function returning something else is no client', callSites: 0, files: `import type OpenAI from 'openai';\nexport const f = (name: () => string, c: OpenAI) => name().chat.completions.create(${TAGGED});` },
    { name: 'optional typed variable', callSites: 1, files: `import OpenAI from 'openai';\nlet client: OpenAI | undefined;\nexport const f = () => client!.chat.completions.create(${TAGGED});` },
    { name: 'qualified type through a namespace', callSites: 1, files: `import * as oa from 'openai';\nexport const f = (c: oa.OpenAI) => c.chat.completions.create(${TAGGED});` },
    {
      name: 'class property, parameter property and constructor assignment',
      callSites: 3,
      files: `import OpenAI from 'openai';
class A { private client = new OpenAI(); run() { return this.client.chat.completions.create(${TAGGED}); } }
class B { constructor(private readonly client: OpenAI) {} run() { return this.client.chat.completions.create(${TAGGED}); } }
class C { client; constructor() { this.client = new OpenAI(); } run() { return this.client.chat.completions.create(${TAGGED}); } }
export { A, B, C };`,
    },
    { name: 'subclass of an SDK client', callSites: 1, files: `import OpenAI from 'openai';\nclass Mine extends OpenAI {}\nnew Mine().chat.completions.create(${TAGGED});` },
    {
      name: 'factory function and lazy singleton',
      callSites: 2,
      files: `import OpenAI from 'openai';
let cached: OpenAI | undefined;
function client() { return (cached ??= new OpenAI()); }
function make(): OpenAI { return build(); }
declare function build(): unknown;
client().chat.completions.create(${TAGGED});
make().chat.completions.create(${TAGGED});`,
    },
    {
      name: 'module singleton exported from another file (relative .js specifier)',
      callSites: 1,
      files: {
        'src/client.ts': `import OpenAI from 'openai';\nexport const openai = new OpenAI();`,
        'src/index.ts': `import { openai } from './client.js';\nopenai.chat.completions.create(${TAGGED});`,
      },
    },
    {
      name: 're-exports: named, renamed, star, default, barrel of an SDK',
      callSites: 4,
      files: {
        'src/client.ts': `import OpenAI from 'openai';\nconst c = new OpenAI();\nexport default c;\nexport { c as llm };`,
        'src/barrel.ts': `export * from './client';\nexport { default as main } from './client';\nexport { OpenAI as Sdk } from 'openai';`,
        'src/index.ts': `import c from './client';\nimport { llm, main, Sdk } from './barrel';\nc.chat.completions.create(${TAGGED});\nllm.chat.completions.create(${TAGGED});\nmain.chat.completions.create(${TAGGED});\nnew Sdk().chat.completions.create(${TAGGED});`,
      },
    },
    {
      name: 'tsconfig paths alias',
      callSites: 1,
      files: {
        'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@lib/*': ['src/lib/*'] } }, include: ['src'] }),
        'src/lib/ai.ts': `import OpenAI from 'openai';\nexport const ai = new OpenAI();`,
        'src/index.ts': `import { ai } from '@lib/ai';\nai.chat.completions.create(${TAGGED});`,
      },
    },
    {
      name: 'CommonJS require, destructured require and module.exports across files',
      callSites: 3,
      files: {
        'src/client.cjs': `const OpenAI = require('openai');\nmodule.exports = { openai: new OpenAI() };`,
        'src/other.js': `const { OpenAI } = require('openai');\nexports.direct = new OpenAI();`,
        'src/index.cjs': `const { openai } = require('./client.cjs');\nconst other = require('./other');\nconst Anthropic = require('@anthropic-ai/sdk');\nopenai.chat.completions.create(${TAGGED});\nother.direct.chat.completions.create(${TAGGED});\nnew Anthropic().messages.create({}, { headers: { 'x-attrib-feature': 'inbox-triage', 'x-attrib-tenant': 'ws_1' } });`,
      },
    },
    {
      name: 'object of clients',
      callSites: 1,
      files: `import OpenAI from 'openai';\nconst clients = { main: new OpenAI() };\nclients.main.chat.completions.create(${TAGGED});`,
    },
  ],
});

ruleTester('resolving values', {
  valid: [
    { name: 'as, satisfies, !, parentheses', callSites: 1, files: `import OpenAI from 'openai';\nconst f = 'inbox-triage' as const;\nnew OpenAI().chat.completions.create({ metadata: ({ feature: (f satisfies string), tenant: 'ws_1'! }) as never });` },
    { name: 'no-substitution template literal', callSites: 1, files: 'import OpenAI from \'openai\';\nnew OpenAI().chat.completions.create({ metadata: { feature: `inbox-triage`, tenant: `ws_1` } });' },
    {
      name: 'const identifiers and string enums, imported',
      callSites: 1,
      files: {
        'src/tags.ts': `export const FEATURE = 'inbox-triage';\nexport enum Tenant { Main = 'ws_main' }`,
        'src/index.ts': `import OpenAI from 'openai';\nimport { FEATURE, Tenant } from './tags';\nnew OpenAI().chat.completions.create({ metadata: { feature: FEATURE, tenant: Tenant.Main } });`,
      },
    },
    {
      name: 'spreads of const objects, also imported and nested',
      callSites: 1,
      files: {
        'src/tags.ts': `const inner = { tenant: 'ws_1' };\nexport const baseTags = { ...inner, feature: 'inbox-triage' } as const;`,
        'src/index.ts': `import OpenAI from 'openai';\nimport { baseTags } from './tags';\nconst metadata = { ...baseTags };\nnew OpenAI().chat.completions.create({ model: 'm', metadata });`,
      },
    },
    {
      name: 'a parameter whose declared type has the tag as a required property (imported interface with extends)',
      callSites: 1,
      files: {
        'src/types.ts': `interface Base { tenant: string }\nexport interface Tags extends Base { feature: 'inbox-triage' }`,
        'src/index.ts': `import OpenAI from 'openai';\nimport type { Tags } from './types';\nexport const f = (tags: Tags) => new OpenAI().chat.completions.create({ metadata: { ...tags } });`,
      },
    },
    { name: 'process.env is present and dynamic', callSites: 1, files: `import OpenAI from 'openai';\nnew OpenAI().chat.completions.create({ metadata: { feature: 'inbox-triage', tenant: process.env.TENANT } });` },
    { name: 'a tags-building helper', callSites: 1, files: `import OpenAI from 'openai';\nconst tagsFor = (tenant: string) => ({ feature: 'inbox-triage', tenant });\nnew OpenAI().chat.completions.create({ metadata: tagsFor('x') });` },
    { name: 'a request body held in a const', callSites: 1, files: `import OpenAI from 'openai';\nconst body = { model: 'm', metadata: { feature: 'inbox-triage', tenant: 'ws_1' } };\nnew OpenAI().chat.completions.create(body);` },
  ],
  invalid: [
    {
      name: 'an optional property of a declared type may be undefined',
      files: `import OpenAI from 'openai';\ninterface Tags { feature: string; tenant?: string }\nexport const f = (tags: Tags) => new OpenAI().chat.completions.create({ metadata: tags });`,
      errors: [
        { ruleId: 'missing-tags', line: 3, column: 34, missing: ['team'] },
        { ruleId: 'tag-may-be-undefined', line: 3, column: 34 },
      ],
    },
    {
      name: 'Partial<T> and `string | undefined` are optional too',
      files: `import OpenAI from 'openai';\ntype Tags = { feature: 'inbox-triage'; tenant: string };\nexport const f = (tags: Partial<Tags>, t: string | undefined) => new OpenAI().chat.completions.create({ metadata: { ...tags, tenant: t } });`,
      errors: [
        { ruleId: 'missing-tags', line: 3, column: 66, missing: ['team'] },
        { ruleId: 'tag-may-be-undefined', line: 3, column: 66 },
        { ruleId: 'tag-may-be-undefined', line: 3, column: 66 },
      ],
    },
    {
      name: 'a let is not followed (dynamic), an undefined value is absent',
      files: `import OpenAI from 'openai';\nlet feature = 'nope';\nnew OpenAI().chat.completions.create({ metadata: { feature, tenant: undefined } });`,
      errors: [{ ruleId: 'missing-tags', line: 3, column: 1, missing: ['team', 'tenant'] }],
    },
  ],
});

describe('tag presence in the JSON contract', () => {
  it('records static values, dynamic ones, sources and derivations', async () => {
    const result = await lintFiles(`import OpenAI from 'openai';
export const f = (id: string) => new OpenAI().chat.completions.create({ metadata: { tags: ['feature:inbox-triage', \`tenant:\${id}\`] } }, { headers: { 'x-attrib-environment': 'staging' } });`);
    expect(result.callSites).toEqual([
      {
        file: 'src/index.ts',
        line: 2,
        column: 34,
        callSiteId: 'src/index.ts#f/chat.completions.create#1',
        kind: 'model',
        sdk: 'openai',
        callee: 'chat.completions.create',
        tags: {
          feature: { value: 'inbox-triage', source: 'metadata' },
          tenant: { dynamic: true, source: 'metadata' },
          environment: { value: 'staging', source: 'headers' },
          team: { value: 'mail', source: 'derived from feature' },
        },
        missing: [],
        status: 'compliant',
      },
    ]);
  });
});
