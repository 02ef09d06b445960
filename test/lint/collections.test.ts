import { ruleTester } from './rule-tester.js';

// Clients kept inside objects in collections, as MCP hosts do: cline/cline src/services/mcp/McpHub.ts
// (`connections: McpConnection[] = []`, `this.connections.push({ server, client, transport })`,
// `this.connections.find((conn) => conn.server.name === serverName)`, then
// `connection.client.request({ method: 'tools/call', ... })`) and continuedev/continue
// core/context/mcp/MCPManagerSingleton.ts (`connections: Map<string, MCPConnection>`,
// `this.connections.get(id)`, its `client.callTool(...)`). Columns are where the call expression starts.

const META = `_meta: { feature: 'inbox-triage', tenant: 'ws_1' }`;

ruleTester('clients inside objects in collections', {
  valid: [
    {
      name: 'push({ name, client }) then for...of with destructuring, map(({ client }) => ...), find(...).client, Map get()!.client',
      callSites: 5,
      files: `import { Client } from '@modelcontextprotocol/sdk/client/index.js';
interface McpConnection { server: { name: string }; client: Client }
export class McpHub {
  connections: McpConnection[] = [];
  private byId = new Map();
  private clients: any[] = [];
  async connect(name: string) {
    const client = new Client({ name: 'host', version: '1.0.0' });
    this.connections.push({ server: { name }, client });
    this.byId.set(name, { client });
    this.clients.push({ name, client });
  }
  async callAll() {
    for (const { client } of this.clients) await client.callTool({ name: 'a', arguments: {}, ${META} });
    await Promise.all(this.clients.map(({ client }) => client.callTool({ name: 'b', arguments: {}, ${META} })));
  }
  async call(serverName: string) {
    const connection = this.connections.find((conn) => conn.server.name === serverName);
    await connection!.client.request({ method: 'tools/call', params: { name: 'c', arguments: {}, ${META} } }, undefined as never);
    await this.byId.get(serverName)!.client.callTool({ name: 'd', arguments: {}, ${META} });
    return this.connections[0]!.client.callTool({ name: 'e', arguments: {}, ${META} });
  }
}`,
      sites: [
        { line: 14, column: 50, kind: 'tool', sdk: 'mcp', callee: 'callTool' },
        { line: 15, column: 56, kind: 'tool', sdk: 'mcp', callee: 'callTool' },
        { line: 19, column: 11, kind: 'tool', sdk: 'mcp', callee: 'request' },
        { line: 20, column: 11, kind: 'tool', sdk: 'mcp', callee: 'callTool' },
        { line: 21, column: 12, kind: 'tool', sdk: 'mcp', callee: 'callTool' },
      ],
    },
    {
      // What cline's McpHub and continue's MCPService do when the clients are put in by code attrib does
      // not follow: the collection's declared element type says what its items hold.
      name: 'a collection filled where attrib cannot see: its declared item type (type literal, interface, interface extends, across files) gives the client',
      callSites: 3,
      files: {
        'src/types.ts': `import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
export interface Info { name: string; client: Client | null }`,
        'src/hub.ts': `import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Info } from './types';
type McpConnection = { server: { name: string }; client: Client };
interface ServerConnection extends Info { status: string }
export class McpHub {
  connections: McpConnection[] = [];
  private servers: Map<string, ServerConnection> = new Map();
  private infos: Info[] = [];
  constructor(private readonly load: () => McpConnection[]) {}
  reload() {
    this.connections = this.load().filter((c) => c.server.name !== '');
  }
  async call(name: string) {
    const connection = this.connections.find((c) => c.server.name === name);
    await connection!.client.request({ method: 'tools/call', params: { name: 'a', arguments: {}, ${META} } }, undefined as never);
    await this.servers.get(name)?.client?.callTool({ name: 'b', arguments: {}, ${META} });
    return this.infos[0]!.client!.callTool({ name: 'c', arguments: {}, ${META} });
  }
}`,
      },
      sites: [
        { file: 'src/hub.ts', line: 15, column: 11, kind: 'tool', sdk: 'mcp', callee: 'request' },
        { file: 'src/hub.ts', line: 16, column: 11, kind: 'tool', sdk: 'mcp', callee: 'callTool' },
        { file: 'src/hub.ts', line: 17, column: 12, kind: 'tool', sdk: 'mcp', callee: 'callTool' },
      ],
    },
    {
      name: 'precision: a declared shape whose members are no SDK client, and a shape member of another name',
      callSites: 0,
      files: `import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
interface Conn { client: { callTool: (x: unknown) => number }; mcp: Client }
const conns: Conn[] = [];
export const call = () => conns[0]!.client.callTool({ name: 'a' });
// Interfaces that extend each other (a type error, but source as found): the lookup ends.
interface A extends B { next: A }
interface B extends A { other: B }
const loops: A[] = [];
export const loop = () => loops[0]!.next.other.client.callTool({ name: 'b' });`,
    },
    {
      name: 'precision: objects in a collection holding something else, and a request that is no tool call',
      callSites: 0,
      files: `import { Client } from '@modelcontextprotocol/sdk/client/index.js';
const servers: Array<{ client: { callTool: (x: unknown) => number } }> = [];
servers.push({ client: { callTool: () => 1 } });
for (const { client } of servers) client.callTool({ name: 'a' });
const real = [{ client: new Client({ name: 'h', version: '1' }) }];
for (const { client } of real) await client.request({ method: 'ping' }, undefined as never);`,
    },
  ],
  invalid: [
    {
      name: 'a call through the collection without _meta misses every tag',
      files: `import { Client } from '@modelcontextprotocol/sdk/client/index.js';
const connections = new Map<string, { client: Client }>();
connections.set('fs', { client: new Client({ name: 'h', version: '1' }) });
export const call = (id: string) => connections.get(id)?.client.callTool({ name: 'read', arguments: {} });`,
      errors: [{ ruleId: 'missing-tags', line: 4, column: 37, missing: ['feature', 'team', 'tenant'] }],
    },
  ],
});
