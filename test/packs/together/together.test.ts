import { ruleTester } from '../../lint/rule-tester.js';

// Shaped on togethercomputer/together-typescript's README (client.chat.completions.create, images.generate).

ruleTester('pack together', {
  valid: [
    {
      name: 'client defaultHeaders and per-request headers',
      callSites: 2,
      files: `import Together from 'together-ai';
const client = new Together({ defaultHeaders: { 'x-attrib-feature': 'inbox-triage', 'x-attrib-tenant': 'ws_1' } });
export async function run() {
  await client.chat.completions.create({ model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', messages: [] });
  return client.images.generate({ model: 'black-forest-labs/FLUX.1-schnell', prompt: 'x' }, { headers: { 'x-attrib-tenant': 'ws_2' } });
}`,
      sites: [
        { line: 4, column: 9, kind: 'model', sdk: 'together', callee: 'chat.completions.create', tags: { feature: { value: 'inbox-triage', source: 'defaultHeaders' }, tenant: { value: 'ws_1', source: 'defaultHeaders' }, team: { value: 'mail', source: 'derived from feature' } } },
        { line: 5, column: 10, kind: 'model', sdk: 'together', callee: 'images.generate' },
      ],
    },
  ],
  invalid: [
    {
      name: 'a code interpreter run is a tool call; endpoint management is none',
      files: `import Together from 'together-ai';
const client = new Together();
export async function run() {
  await client.endpoints.list();
  await client.codeInterpreter.execute({ code: 'print(1)', language: 'python' });
}`,
      errors: [{ ruleId: 'missing-tags', line: 5, column: 9, missing: ['feature', 'team', 'tenant'] }],
      sites: [{ line: 5, column: 9, kind: 'tool', sdk: 'together', callee: 'codeInterpreter.execute', tags: {} }],
    },
  ],
});
