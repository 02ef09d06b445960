import { describe, expect, it } from 'vitest';
import { lintFiles, ruleTester } from './rule-tester.js';

const LLM = `import OpenAI from 'openai';
const openai = new OpenAI();
export interface Tags { feature: string; tenant: string }
/**
 * Ask the model.
 * @attrib-model
 */
export async function complete(prompt: string, tags: Tags) {
  return openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: prompt }], metadata: { ...tags } });
}
/** @attrib-tool */
export const search = async (opts: { query: string; tags?: Partial<Tags> }) => opts.query;
export class Agent {
  /** @attrib-model */
  think(input: { prompt: string; feature: string; tenant: string }) { return openai.responses.create({ input: input.prompt }); }
}
/** @attrib-scope */
export function withTags<T>(tags: Partial<Tags>, fn: () => T): T { return fn(); }
`;

ruleTester('wrappers and scopes', {
  valid: [
    {
      name: '@attrib-model function across files: the inner SDK call is not reported twice',
      callSites: 1,
      files: { 'src/llm.ts': LLM, 'src/index.ts': `import { complete } from './llm';\ncomplete('hi', { feature: 'inbox-triage', tenant: 'ws_1' });` },
    },
    {
      name: 'a wrapper argument object carrying the tags itself, and a method wrapper',
      callSites: 2,
      files: {
        'src/llm.ts': LLM,
        'src/index.ts': `import { search, Agent } from './llm';\nsearch({ query: 'q', tags: { feature: 'contract-redline', tenant: 'acct_1' } });\nnew Agent().think({ prompt: 'p', feature: 'inbox-triage', tenant: 'ws_2' });`,
      },
    },
    {
      name: 'calls inside an @attrib-scope callback inherit its tags, also nested and through an alias',
      callSites: 2,
      files: {
        'src/llm.ts': LLM,
        'src/index.ts': `import { withTags as scoped } from './llm';
import { generateText } from 'ai';
import OpenAI from 'openai';
const openai = new OpenAI();
scoped({ feature: 'inbox-triage' }, () => scoped({ tenant: 'ws_1' }, async () => {
  await generateText({ model: 'm', prompt: 'p' });
  await openai.embeddings.create({ model: 'm', input: 'x' });
}));`,
      },
    },
  ],
  invalid: [
    {
      name: 'a wrapper call without the tags, an optional one, and a tool wrapper',
      files: {
        'src/llm.ts': LLM,
        'src/index.ts': `import { complete, search } from './llm';\ncomplete('hi', { feature: 'inbox-triage' } as never);\nsearch({ query: 'q', tags: { feature: 'inbox-triage' } });`,
      },
      errors: [
        { ruleId: 'missing-tags', line: 2, column: 1, file: 'src/index.ts', missing: ['tenant'] },
        { ruleId: 'missing-tags', line: 3, column: 1, file: 'src/index.ts', missing: ['tenant'] },
      ],
    },
    {
      name: 'a scope does not reach calls outside its callback',
      files: {
        'src/llm.ts': LLM,
        'src/index.ts': `import { withTags } from './llm';\nimport { embed } from 'ai';\nwithTags({ feature: 'inbox-triage', tenant: 'ws_1' }, () => 1);\nembed({ model: 'm', value: 'x' });`,
      },
      errors: [{ ruleId: 'missing-tags', line: 4, column: 1, file: 'src/index.ts' }],
    },
  ],
});

describe('wrapper call sites in the JSON contract', () => {
  it('are reported with sdk `wrapper`, the wrapper kind and the callee as written', async () => {
    const result = await lintFiles({ 'src/llm.ts': LLM, 'src/index.ts': `import * as llm from './llm';\nllm.search({ query: 'q', tags: { feature: 'inbox-triage', tenant: 'ws_1' } });` });
    expect(result.callSites.map((s) => [s.file, s.sdk, s.kind, s.callee, s.status])).toEqual([['src/index.ts', 'wrapper', 'tool', 'llm.search', 'compliant']]);
  });
});
