import { ruleTester } from '../../lint/rule-tester.js';

// Shaped on mistralai/client-ts@b14b3b9 examples/src/async_chat_no_streaming.ts,
// async_conversation_agent.ts and async_ocr*.ts.

ruleTester('pack mistral', {
  valid: [
    {
      name: 'request metadata and fetchOptions headers',
      callSites: 2,
      files: `import { Mistral } from '@mistralai/mistralai';
const client = new Mistral({ apiKey: process.env['MISTRAL_API_KEY'] ?? '' });
export async function answer(tenant: string) {
  await client.chat.complete({ model: 'mistral-small-latest', messages: [], metadata: { feature: 'inbox-triage', tenant } });
  return client.beta.conversations.start({ agentId: 'ag_1', inputs: 'hi' }, { fetchOptions: { headers: { 'x-attrib-feature': 'contract-redline', 'x-attrib-tenant': tenant } } });
}`,
      sites: [
        { line: 4, column: 9, kind: 'model', sdk: 'mistral', callee: 'chat.complete', tags: { feature: { value: 'inbox-triage', source: 'metadata' }, tenant: { dynamic: true, source: 'metadata' }, team: { value: 'mail', source: 'derived from feature' } } },
        { line: 5, column: 10, kind: 'model', sdk: 'mistral', callee: 'beta.conversations.start', tags: { feature: { value: 'contract-redline', source: 'headers' }, tenant: { dynamic: true, source: 'headers' }, team: { value: 'legal', source: 'derived from feature' } } },
      ],
    },
  ],
  invalid: [
    {
      name: 'OCR, moderation and a connector tool call; file listing is no call site',
      files: `import { Mistral } from '@mistralai/mistralai';
const client = new Mistral();
export async function run() {
  await client.files.list();
  await client.ocr.process({ model: 'mistral-ocr-latest', document: { type: 'document_url', documentUrl: 'https://x/a.pdf' } });
  await client.classifiers.moderate({ model: 'mistral-moderation-latest', inputs: ['x'] });
  await client.beta.connectors.callTool({ connectorId: 'c', toolName: 't' });
}`,
      errors: [5, 6, 7].map((line) => ({ ruleId: 'missing-tags', line, column: 9, missing: ['feature', 'team', 'tenant'] })),
      sites: [
        { line: 5, column: 9, kind: 'model', sdk: 'mistral', callee: 'ocr.process', tags: {} },
        { line: 6, column: 9, kind: 'model', sdk: 'mistral', callee: 'classifiers.moderate', tags: {} },
        { line: 7, column: 9, kind: 'tool', sdk: 'mistral', callee: 'beta.connectors.callTool', tags: {} },
      ],
    },
  ],
});
