import { describe, expect, it } from 'vitest';
import { lintFiles, ruleTester } from './rule-tester.js';

/** A wrapper module: `complete` is an `@attrib-model` function taking its tags in its argument. */
const LLM = `import OpenAI from 'openai';
const openai = new OpenAI();
/** @attrib-model */
export function complete(opts: { prompt: string; feature?: string; tenant?: string }) {
  return openai.chat.completions.create({ model: 'm', messages: [] });
}
`;

ruleTester('local aliases of wrappers and SDK functions', {
  valid: [
    {
      name: 'an alias of an imported wrapper, an alias of that alias, and an annotated alias',
      callSites: 3,
      files: {
        'src/llm.ts': LLM,
        'src/index.ts': `import { complete } from './llm';
const ask = complete;
let again: typeof complete;
again = ask;
const typed: typeof complete = ask;
ask({ prompt: 'p', feature: 'inbox-triage', tenant: 'ws_1' });
typed({ prompt: 'p', feature: 'inbox-triage', tenant: 'ws_2' });
complete({ prompt: 'p', feature: 'contract-redline', tenant: 'ws_3' });`,
      },
    },
    {
      name: 'aliases of AI SDK functions, named and through a namespace',
      callSites: 2,
      files: `import { generateText } from 'ai';
import * as ai from 'ai';
const gen = generateText;
const stream = ai.streamText;
export const a = () => gen({ model: 'm', prompt: 'p', headers: { 'x-attrib-feature': 'inbox-triage', 'x-attrib-tenant': 'ws_1' } });
export const b = () => stream({ model: 'm', prompt: 'p', experimental_telemetry: { metadata: { feature: 'inbox-triage', tenant: 'ws_1' } } });`,
    },
    {
      name: 'renamed in destructuring: from a namespace import, a required module and the AI SDK',
      callSites: 3,
      files: {
        'src/llm.ts': LLM,
        'src/index.ts': `import * as llm from './llm';
import * as ai from 'ai';
const { complete: ask } = llm;
const { complete: think }: typeof llm = require('./llm');
const { embed: vectorize } = ai;
ask({ prompt: 'p', feature: 'inbox-triage', tenant: 'ws_1' });
think({ prompt: 'p', feature: 'inbox-triage', tenant: 'ws_1' });
vectorize({ model: 'm', value: 'v', headers: { 'x-attrib-feature': 'inbox-triage', 'x-attrib-tenant': 'ws_1' } });`,
      },
    },
    {
      name: 'precision: an alias of a look-alike function or a non-billable SDK member is no call site',
      callSites: 0,
      files: `import { tool } from 'ai';
function complete(x: unknown) { return x; }
const ask = complete;
const t = tool;
ask({});
t({});`,
    },
  ],
  invalid: [
    {
      name: 'an aliased wrapper call without its tags is reported where the alias is called',
      files: {
        'src/llm.ts': LLM,
        'src/index.ts': `import { complete } from './llm';\nconst ask = complete;\nexport const run = () => ask({ prompt: 'p', feature: 'inbox-triage' });`,
      },
      errors: [{ ruleId: 'missing-tags', line: 3, column: 26, file: 'src/index.ts', missing: ['tenant'] }],
    },
    {
      name: 'an aliased generateText without tags',
      files: `import { generateText } from 'ai';\nconst gen = generateText;\ngen({ model: 'm', prompt: 'p' });`,
      errors: [{ ruleId: 'missing-tags', line: 3, column: 1, missing: ['feature', 'team', 'tenant'] }],
    },
  ],
});

describe('aliased call sites in the JSON contract', () => {
  it('keep the kind, sdk and callee of the original', async () => {
    const result = await lintFiles({
      'src/llm.ts': LLM,
      'src/index.ts': `import { complete } from './llm';\nimport { generateText } from 'ai';\nconst ask = complete;\nconst gen = generateText;\nask({ prompt: 'p' });\ngen({ model: 'm', prompt: 'p' });`,
    });
    expect(result.callSites.map((s) => [s.line, s.kind, s.sdk, s.callee])).toEqual([
      [5, 'model', 'wrapper', 'ask'],
      [6, 'model', 'ai', 'generateText'],
    ]);
  });
});

/** A CommonJS wrapper module whose whole export is the wrapper. */
const CJS_LLM = `const OpenAI = require('openai');
const openai = new OpenAI();
/**
 * Ask the model.
 * @attrib-model
 */
function complete(opts) {
  return openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: opts.prompt }] });
}
module.exports = complete;
`;

ruleTester('a CommonJS module whose whole export is a wrapper', {
  valid: [
    {
      name: 'required and called, required inline, through `import x = require()` and a re-exporting module',
      callSites: 4,
      files: {
        'src/llm.js': CJS_LLM,
        'src/index.js': `module.exports = require('./llm');`,
        'src/d.cjs': `const ask = require('./index');\nask({ prompt: 'p', feature: 'inbox-triage', tenant: 'ws_3' });`,
        'src/a.js': `const ask = require('./llm');\nask({ prompt: 'p', feature: 'inbox-triage', tenant: 'ws_1' });`,
        'src/b.js': `require('./llm')({ prompt: 'p', feature: 'inbox-triage', tenant: 'ws_2' });`,
        'src/c.ts': `import ask = require('./llm');\nask({ prompt: 'p', feature: 'contract-redline', tenant: 'acct_1' });`,
      },
    },
    {
      name: '`export =` of a wrapper in TypeScript',
      callSites: 1,
      files: {
        'src/llm.ts': `/** @attrib-model */\nfunction complete(opts: { feature: string; tenant: string }) { return opts; }\nexport = complete;`,
        'src/a.ts': `import ask = require('./llm');\nask({ feature: 'inbox-triage', tenant: 'ws_1' });`,
      },
    },
    {
      name: 'precision: a required module whose whole export is an object, or a plain function, is no call site',
      callSites: 0,
      files: {
        'src/llm.js': `${CJS_LLM}module.exports = { complete };`,
        'src/util.js': `module.exports = function complete(x) { return x; };`,
        'src/loop.js': `module.exports = require('./loop');`,
        'src/a.js': `const llm = require('./llm');\nconst util = require('./util');\nconst loop = require('./loop');\nllm({});\nutil({});\nloop({});`,
      },
    },
  ],
  invalid: [
    {
      name: 'a required whole-module wrapper called without tags',
      files: { 'src/llm.js': CJS_LLM, 'src/a.js': `const ask = require('./llm');\nask({ prompt: 'p', feature: 'inbox-triage' });` },
      errors: [{ ruleId: 'missing-tags', line: 2, column: 1, file: 'src/a.js', missing: ['tenant'] }],
    },
  ],
});
