import { ruleTester } from '../../lint/rule-tester.js';

// Shaped on cohere-ai/cohere-typescript@7c29ae7 README.md and reference.md (client.chat, client.v2.embed,
// CohereClientV2.rerank with request options).

ruleTester('pack cohere', {
  valid: [
    {
      name: 'client headers and request-option headers',
      callSites: 2,
      files: `import { CohereClient, CohereClientV2 } from 'cohere-ai';
const v1 = new CohereClient({ token: 't', headers: { 'x-attrib-feature': 'inbox-triage' } });
const v2 = new CohereClientV2({ token: 't' });
export async function search(tenant: string) {
  await v1.v2.embed({ model: 'embed-v4.0', inputType: 'search_query', texts: ['q'] }, { headers: { 'x-attrib-tenant': tenant } });
  return v2.rerank({ model: 'rerank-v3.5', query: 'q', documents: [] }, { headers: { 'x-attrib-feature': 'contract-redline', 'x-attrib-tenant': 'acct_2' } });
}`,
      sites: [
        { line: 5, column: 9, kind: 'model', sdk: 'cohere', callee: 'v2.embed', tags: { feature: { value: 'inbox-triage', source: 'headers' }, tenant: { dynamic: true, source: 'headers' }, team: { value: 'mail', source: 'derived from feature' } } },
        { line: 6, column: 10, kind: 'model', sdk: 'cohere', callee: 'rerank' },
      ],
    },
  ],
  invalid: [
    {
      name: 'chat untagged; tokenize is free',
      files: `import { CohereClient } from 'cohere-ai';
const cohere = new CohereClient({ token: 't' });
export async function run() {
  await cohere.tokenize({ text: 'x', model: 'command-r' });
  await cohere.chat({ message: 'hi' });
}`,
      errors: [{ ruleId: 'missing-tags', line: 5, column: 9, missing: ['feature', 'team', 'tenant'] }],
      sites: [{ line: 5, column: 9, kind: 'model', sdk: 'cohere', callee: 'chat', tags: {} }],
    },
  ],
});
