import { ruleTester } from './rule-tester.js';

// attrib's own runtime, read natively (rules/packs/attrib-runtime.yaml): `withAttribution(tags, fn)`
// (src/runtime/scope.ts) and `instrument(client)` (src/runtime/clients/instrument.ts), used as
// docs/runtime.md shows. Columns are where the call expression starts.

const ARG = (value: string) => ({ value, source: 'argument 0' });

ruleTester('attrib/runtime', {
  valid: [
    {
      name: 'a call lexically inside withAttribution gets the scope tags (literals, a const, a spread); instrument(new OpenAI()) is still an OpenAI client',
      callSites: 2,
      files: `import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { instrument, withAttribution } from 'attrib/runtime';
const openai = instrument(new OpenAI());
const anthropic = instrument(new Anthropic(), { provider: 'anthropic' });
const base = { feature: 'inbox-triage' } as const;
export const triage = (tenant: string) =>
  withAttribution({ ...base, tenant }, async () => {
    await openai.chat.completions.create({ model: 'gpt-4.1-mini', messages: [] });
    return anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [] });
  });`,
      sites: [
        { line: 9, column: 11, kind: 'model', sdk: 'openai', callee: 'chat.completions.create', tags: { feature: ARG('inbox-triage'), tenant: { dynamic: true, source: 'argument 0' }, team: { value: 'mail', source: 'derived from feature' } } },
        { line: 10, column: 12, kind: 'model', sdk: 'anthropic', callee: 'messages.create' },
      ],
    },
    {
      name: "nested scopes: the inner scope's tags join the outer's; the call's own metadata joins them",
      callSites: 1,
      files: `import OpenAI from 'openai';
import { instrument, withAttribution } from 'attrib/runtime';
const client = instrument(new OpenAI());
await withAttribution({ feature: 'inbox-triage' }, () =>
  withAttribution({ environment: 'eval' }, () => client.responses.create({ model: 'm', input: 'x', metadata: { tenant: 'ws_1' } })),
);`,
      sites: [
        {
          line: 5, column: 50, kind: 'model', sdk: 'openai', callee: 'responses.create',
          tags: { tenant: { value: 'ws_1', source: 'metadata' }, environment: ARG('eval'), feature: ARG('inbox-triage'), team: { value: 'mail', source: 'derived from feature' } },
        },
      ],
    },
    {
      name: 'precision: instrument() of something that is no client, and a look-alike withAttribution, make no call site',
      callSites: 0,
      files: `import { instrument } from 'attrib/runtime';
const fake = instrument({ chat: { completions: { create: (_: unknown) => 1 } } });
fake.chat.completions.create({});`,
    },
  ],
  invalid: [
    {
      name: 'a call outside the scope, and inside a function merely called from it (lexical only), misses the tags',
      files: `import OpenAI from 'openai';
import { instrument, withAttribution } from 'attrib/runtime';
const openai = instrument(new OpenAI());
const ask = () => openai.responses.create({ model: 'm', input: 'x' });
export const inScope = () => withAttribution({ feature: 'inbox-triage', tenant: 'ws_1' }, ask);
export const local = (withAttribution2: (t: object, f: () => unknown) => unknown) => withAttribution2({ feature: 'inbox-triage', tenant: 'ws_1' }, () => openai.responses.create({ model: 'm', input: 'y' }));`,
      errors: [
        { ruleId: 'missing-tags', line: 4, column: 19, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 6, column: 154, missing: ['feature', 'team', 'tenant'] },
      ],
    },
  ],
});
