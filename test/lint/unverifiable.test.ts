import { ruleTester } from './rule-tester.js';

// `unverifiable-tags`: a carrier holding a value whose keys cannot be known statically is not "missing
// every tag". Required tags in the test taxonomy: feature, tenant, team (derived from the feature).

ruleTester('unverifiable-tags', {
  valid: [
    {
      name: 'a declared tag type makes the same carrier checkable',
      callSites: 1,
      files: `import OpenAI from 'openai';
interface Tags { feature: 'inbox-triage'; tenant: string }
const openai = new OpenAI();
export const run = (tags: Tags) => openai.chat.completions.create({ model: 'm', messages: [], metadata: tags });`,
    },
    {
      name: 'Record with literal keys names its keys',
      callSites: 1,
      files: `import OpenAI from 'openai';
const openai = new OpenAI();
export const run = (tags: Record<'feature' | 'team' | 'tenant', string>) => openai.responses.create({ model: 'm', input: 'x', metadata: tags });`,
    },
    {
      name: 'a conditional spread of known objects is no open value (vercel/ai examples/ai-functions stream-text/*/error-message.ts)',
      callSites: 1,
      files: `import { streamText } from 'ai';
export const run = (model: never, providerOptions?: object) =>
  streamText({ model, prompt: 'ok', ...(providerOptions ? { providerOptions } : {}), ...(model && { maxRetries: 1 }), runtimeContext: { feature: 'inbox-triage', tenant: 'ws_1' } });`,
    },
    {
      name: 'an open value beside tags that are all there is no warning',
      callSites: 1,
      files: `import OpenAI from 'openai';
const openai = new OpenAI();
export const run = (extra: Record<string, string>, tenant: string) =>
  openai.responses.create({ model: 'm', input: 'x', metadata: { ...extra, feature: 'inbox-triage', tenant } });`,
    },
  ],
  invalid: [
    {
      name: 'Record<string, string>, an index signature and an untyped value warn instead of claiming every tag missing',
      files: `import OpenAI from 'openai';
const openai = new OpenAI();
export function a(tags: Record<string, string>) {
  return openai.chat.completions.create({ model: 'm', messages: [], metadata: tags });
}
export function b(tags: { [key: string]: string }) {
  return openai.chat.completions.create({ model: 'm', messages: [] }, { headers: tags });
}
export function c(meta) {
  return openai.chat.completions.create({ model: 'm', messages: [], metadata: meta });
}`,
      errors: [
        { ruleId: 'unverifiable-tags', line: 4, column: 79, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'unverifiable-tags', line: 7, column: 82, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'unverifiable-tags', line: 10, column: 79, missing: ['feature', 'team', 'tenant'] },
      ],
    },
    {
      name: 'a spread of an open value beside one known tag: the rest cannot be checked',
      files: `import OpenAI from 'openai';
const openai = new OpenAI();
export const run = (extra: Record<string, string>) =>
  openai.responses.create({ model: 'm', input: 'x', metadata: { feature: 'inbox-triage', ...extra } });`,
      errors: [{ ruleId: 'unverifiable-tags', line: 4, column: 63, missing: ['tenant'] }],
    },
    {
      name: 'an opaque request object is still missing tags (the carrier itself is not there to see)',
      files: `import OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources';
const openai = new OpenAI();
export const run = (params: ChatCompletionCreateParamsNonStreaming) => openai.chat.completions.create(params);`,
      errors: [{ ruleId: 'missing-tags', line: 4, column: 72, missing: ['feature', 'team', 'tenant'] }],
    },
  ],
});
