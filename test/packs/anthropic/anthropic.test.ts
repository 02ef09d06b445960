import { ruleTester } from '../../lint/rule-tester.js';

// Shaped on anthropics/anthropic-sdk-typescript@bfa9197 examples/managed-agents-streaming-deltas-manual.ts
// (sessions.events.send(session.id, { events })) and examples/count-tokens.ts.

ruleTester('pack anthropic', {
  valid: [
    {
      name: 'a managed-agent session turn carries headers in its third argument; the client defaultHeaders reach every call',
      callSites: 2,
      files: `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic({ defaultHeaders: { 'x-attrib-feature': 'contract-redline' } });
export async function turn(sessionId: string, tenant: string) {
  await client.beta.sessions.events.send(sessionId, { events: [{ type: 'user.message', content: [] }] }, { headers: { 'x-attrib-tenant': tenant } });
  return client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 64, messages: [] }, { headers: { 'x-attrib-tenant': 'acct_1' } });
}`,
      sites: [
        { line: 4, column: 9, kind: 'model', sdk: 'anthropic', callee: 'beta.sessions.events.send', tags: { feature: { value: 'contract-redline', source: 'defaultHeaders' }, tenant: { dynamic: true, source: 'headers' }, team: { value: 'legal', source: 'derived from feature' } } },
        { line: 5, column: 10, kind: 'model', sdk: 'anthropic', callee: 'messages.create' },
      ],
    },
    {
      name: 'precision: token counting, session creation and model listing are no call sites',
      callSites: 0,
      files: `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();
export async function plan() {
  await client.messages.countTokens({ model: 'claude-sonnet-4-5', messages: [] });
  await client.beta.sessions.create({ agent: 'agent_1', environment_id: 'env_1' });
  await client.models.list();
}`,
    },
  ],
  invalid: [
    {
      name: 'deployment runs and dreams are billed',
      files: `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();
export async function nightly() {
  await client.beta.deployments.run('depl_1');
  await client.beta.dreams.create({ memory_store_id: 'mem_1' });
}`,
      errors: [
        { ruleId: 'missing-tags', line: 4, column: 9, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 5, column: 9, missing: ['feature', 'team', 'tenant'] },
      ],
      sites: [
        { line: 4, column: 9, kind: 'model', sdk: 'anthropic', callee: 'beta.deployments.run', tags: {} },
        { line: 5, column: 9, kind: 'model', sdk: 'anthropic', callee: 'beta.dreams.create', tags: {} },
      ],
    },
  ],
});

// Shaped on anthropic-sdk-typescript@bfa9197 packages/bedrock-sdk and packages/vertex-sdk READMEs.
ruleTester('packs anthropic-bedrock and anthropic-vertex', {
  valid: [
    {
      name: 'Claude on Bedrock and on Vertex: the client defaultHeaders and per-request headers',
      callSites: 2,
      files: `import AnthropicBedrock from '@anthropic-ai/bedrock-sdk';
import { AnthropicVertex } from '@anthropic-ai/vertex-sdk';
const bedrock = new AnthropicBedrock({ awsRegion: 'us-east-1', defaultHeaders: { 'x-attrib-feature': 'inbox-triage', 'x-attrib-tenant': 'ws_1' } });
const vertex = new AnthropicVertex({ region: 'us-east5', projectId: 'p' });
export async function run() {
  await bedrock.messages.create({ model: 'anthropic.claude-sonnet-4-5', max_tokens: 64, messages: [] });
  return vertex.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 64, messages: [] }, { headers: { 'x-attrib-feature': 'contract-redline', 'x-attrib-tenant': 'acct_3' } });
}`,
      sites: [
        { line: 6, column: 9, kind: 'model', sdk: 'anthropic-bedrock', callee: 'messages.create', tags: { feature: { value: 'inbox-triage', source: 'defaultHeaders' }, tenant: { value: 'ws_1', source: 'defaultHeaders' }, team: { value: 'mail', source: 'derived from feature' } } },
        { line: 7, column: 10, kind: 'model', sdk: 'anthropic-vertex', callee: 'messages.stream' },
      ],
    },
  ],
});
