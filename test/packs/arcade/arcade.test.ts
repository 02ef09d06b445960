import { ruleTester } from '../../lint/rule-tester.js';

// Shaped on ArcadeAI/arcade-js's README (client.tools.execute({ tool_name, input, user_id })).

ruleTester('pack arcade', {
  valid: [
    {
      name: 'a hosted tool run carries headers in its request options',
      callSites: 1,
      files: `import Arcade from '@arcadeai/arcadejs';
const client = new Arcade();
export const send = (userId: string, tenant: string) =>
  client.tools.execute({ tool_name: 'Gmail.SendEmail', input: {}, user_id: userId }, { headers: { 'x-attrib-feature': 'inbox-triage', 'x-attrib-tenant': tenant } });`,
      sites: [{ line: 4, column: 3, kind: 'tool', sdk: 'arcade', callee: 'tools.execute', tags: { feature: { value: 'inbox-triage', source: 'headers' }, tenant: { dynamic: true, source: 'headers' }, team: { value: 'mail', source: 'derived from feature' } } }],
    },
  ],
  invalid: [
    {
      name: 'the LLM proxy is a model call; authorizing a tool is none',
      files: `import Arcade from '@arcadeai/arcadejs';
const client = new Arcade();
export async function run(userId: string) {
  await client.tools.authorize({ tool_name: 'Gmail.SendEmail', user_id: userId });
  return client.chat.completions.create({ messages: [] });
}`,
      errors: [{ ruleId: 'missing-tags', line: 5, column: 10, missing: ['feature', 'team', 'tenant'] }],
      sites: [{ line: 5, column: 10, kind: 'model', sdk: 'arcade', callee: 'chat.completions.create', tags: {} }],
    },
  ],
});
