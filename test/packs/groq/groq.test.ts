import { ruleTester } from '../../lint/rule-tester.js';

// Shaped on groq/groq-typescript@709b1ab examples/chat_completion.js and examples/transcription.

ruleTester('pack groq', {
  valid: [
    {
      name: 'per-request headers and client defaultHeaders',
      callSites: 2,
      files: `import Groq from 'groq-sdk';
const groq = new Groq({ defaultHeaders: { 'x-attrib-feature': 'inbox-triage' } });
export async function main(tenant: string) {
  await groq.chat.completions.create({ model: 'llama-3.3-70b-versatile', messages: [] }, { headers: { 'x-attrib-tenant': tenant } });
  return groq.audio.transcriptions.create({ model: 'whisper-large-v3', file: new File([], 'a.mp3') }, { headers: { 'x-attrib-tenant': 'ws_1' } });
}`,
      sites: [
        { line: 4, column: 9, kind: 'model', sdk: 'groq', callee: 'chat.completions.create', tags: { feature: { value: 'inbox-triage', source: 'defaultHeaders' }, tenant: { dynamic: true, source: 'headers' }, team: { value: 'mail', source: 'derived from feature' } } },
        { line: 5, column: 10, kind: 'model', sdk: 'groq', callee: 'audio.transcriptions.create' },
      ],
    },
  ],
  invalid: [
    {
      name: 'untagged chat completion; model listing is no call site',
      files: `const Groq = require('groq-sdk');
const groq = new Groq();
groq.models.list();
groq.chat.completions.create({ model: 'm', messages: [] });`,
      errors: [{ ruleId: 'missing-tags', line: 4, column: 1, missing: ['feature', 'team', 'tenant'] }],
      sites: [{ line: 4, column: 1, kind: 'model', sdk: 'groq', callee: 'chat.completions.create', tags: {} }],
    },
  ],
});
