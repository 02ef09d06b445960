import { ruleTester } from '../../lint/rule-tester.js';

// Shaped on modelcontextprotocol/typescript-sdk's client examples (v1 `@modelcontextprotocol/sdk/client/index.js`,
// v2 `@modelcontextprotocol/client`): connect a transport, list tools, call one with `_meta`.

ruleTester('pack mcp', {
  valid: [
    {
      name: 'the v2 client package: callTool carries _meta; listing tools is no call site',
      callSites: 1,
      files: `import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
const client = new Client({ name: 'app', version: '1.0.0' });
export async function search(q: string, tenant: string) {
  await client.connect(new StreamableHTTPClientTransport(new URL('http://localhost/mcp')));
  await client.listTools();
  return client.callTool({ name: 'search', arguments: { q }, _meta: { feature: 'inbox-triage', tenant } });
}`,
      sites: [{ line: 6, column: 10, kind: 'tool', sdk: 'mcp', callee: 'callTool', tags: { feature: { value: 'inbox-triage', source: '_meta' }, tenant: { dynamic: true, source: '_meta' }, team: { value: 'mail', source: 'derived from feature' } } }],
    },
    {
      // Shaped on vercel-labs/mcp-to-ai-sdk's generated wrappers (mcps/<server>/<tool>.ts): the client
      // comes from a getter handed to the wrapper, typed with the SDK's Client.
      name: 'a generated AI SDK tool wrapper calling the client a getter parameter returns',
      callSites: 1,
      files: `import { tool } from 'ai';
import { type Client } from '@modelcontextprotocol/sdk/client/index.js';
import { z } from 'zod';
export const searchToolWithClient = (getClient: () => Promise<Client> | Client) =>
  tool({
    description: 'Search',
    inputSchema: z.object({ query: z.string() }),
    execute: async (args) => {
      const client = await getClient();
      const result = await client.callTool({ name: 'search', arguments: args, _meta: { feature: 'inbox-triage', tenant: 'ws_1' } });
      return JSON.stringify(result.content);
    },
  });`,
      sites: [{ line: 10, column: 28, kind: 'tool', sdk: 'mcp', callee: 'callTool', tags: { feature: { value: 'inbox-triage', source: '_meta' }, tenant: { value: 'ws_1', source: '_meta' }, team: { value: 'mail', source: 'derived from feature' } } }],
    },
  ],
  invalid: [
    {
      name: 'a deep v1 path (client/index.js) and a streamed task call',
      files: `import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
const client = new Client({ name: 'app', version: '1.0.0' });
export async function run() {
  await client.connect(new StdioClientTransport({ command: 'server' }));
  await client.callTool({ name: 'fetch', arguments: {} });
  for await (const m of client.experimental.tasks.callToolStream({ name: 'slow', arguments: {} })) void m;
}`,
      errors: [
        { ruleId: 'missing-tags', line: 6, column: 9, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 7, column: 25, missing: ['feature', 'team', 'tenant'] },
      ],
      sites: [
        { line: 6, column: 9, kind: 'tool', sdk: 'mcp', callee: 'callTool', tags: {} },
        { line: 7, column: 25, kind: 'tool', sdk: 'mcp', callee: 'experimental.tasks.callToolStream', tags: {} },
      ],
    },
  ],
});
