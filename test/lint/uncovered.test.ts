import { describe, expect, it } from 'vitest';
import { KnownSdks, packageName } from '../../src/lint/known-sdks.js';
import { ruleTester } from './rule-tester.js';

// `uncovered-sdk`: a file importing an SDK listed in rules/known-sdks.yaml that no pack covers.

ruleTester('uncovered-sdk', {
  valid: [
    {
      name: 'covered SDKs, model factories, local models, servers and type-only imports warn nothing',
      callSites: 0,
      files: `import OpenAI from 'openai';
import { openai } from '@ai-sdk/openai';
import { ChatOllama } from '@langchain/ollama';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Agent } from '@openai/agents';
import { zodResponseFormat } from 'openai/helpers/zod';
// import { StateGraph } from '@langchain/langgraph';
export const note = "require('@langchain/langgraph')";
export { OpenAI, openai, ChatOllama, McpServer, zodResponseFormat };`,
    },
    {
      // The imports of mastra-ai/workshops' examples/*/src/mastra/index.ts: storage, logger, tracing.
      name: 'Mastra storage, vector stores, loggers, tracing exporters and servers warn nothing',
      callSites: 0,
      files: `import { Mastra } from '@mastra/core/mastra';
import { LibSQLStore, LibSQLVector } from '@mastra/libsql';
import { PostgresStore } from '@mastra/pg';
import { UpstashStore } from '@mastra/upstash';
import { DuckDBVector } from '@mastra/duckdb';
import { PinoLogger } from '@mastra/loggers';
import { Observability, DefaultExporter } from '@mastra/observability';
import { BraintrustExporter } from '@mastra/braintrust';
import { HonoServer } from '@mastra/hono';
export const mastra = new Mastra({
  storage: new LibSQLStore({ id: 'store', url: 'file:./mastra.db' }),
  vectors: { docs: new LibSQLVector({ id: 'v', url: 'file:./v.db' }), pg: new PostgresStore({ connectionString: '' }), up: new UpstashStore({ url: '', token: '' }), duck: new DuckDBVector({}) },
  logger: new PinoLogger({ name: 'Mastra', level: 'info' }),
  observability: new Observability({ configs: { default: { serviceName: 'm', exporters: [new DefaultExporter(), new BraintrustExporter({})] } } }),
});
export { HonoServer };`,
    },
  ],
  invalid: [
    {
      name: 'one warning per package, at its first import (static, require, dynamic, re-export), files in order',
      files: {
        'src/a.ts': `import { Agent } from '@voltagent/core';
import { Memory } from '@voltagent/core/memory';
export const agent = new Agent({});
export { Memory };`,
        'src/b.ts': `const { createAgent } = require('@inngest/agent-kit');
export async function tools() {
  const { createMCPClient } = await import('@ai-sdk/mcp');
  return [createAgent, createMCPClient];
}
export * from '@voltagent/core';`,
      },
      errors: [
        { ruleId: 'uncovered-sdk', file: 'src/a.ts', line: 1, column: 23 },
        { ruleId: 'uncovered-sdk', file: 'src/b.ts', line: 1, column: 33 },
        { ruleId: 'uncovered-sdk', file: 'src/b.ts', line: 3, column: 44 },
      ],
    },
    {
      name: 'a suppression comment accepts it; another package still warns',
      files: `// attrib-ignore-next-line uncovered-sdk -- agents are checked by hand until a pack lands (until 2099-01-01)
import { Agent } from '@voltagent/core';
import Sandbox from 'e2b';
export const x = [Agent, Sandbox];`,
      errors: [{ ruleId: 'uncovered-sdk', line: 3, column: 21 }],
    },
    {
      name: "Mastra's MCP client and memory (semantic recall embeds) still warn, beside a silent storage import",
      files: `import { MCPClient } from '@mastra/mcp';
import { LibSQLStore } from '@mastra/libsql';
import { Memory } from '@mastra/memory';
const mcp = new MCPClient({ servers: { playwright: { command: 'npx', args: ['@playwright/mcp@latest'] } } });
export const memory = new Memory({ storage: new LibSQLStore({ id: 'm', url: 'file:./m.db' }) });
export const tools = await mcp.listTools();`,
      errors: [
        { ruleId: 'uncovered-sdk', line: 1, column: 27 },
        { ruleId: 'uncovered-sdk', line: 3, column: 24 },
      ],
    },
  ],
});

describe('known SDKs data', () => {
  const known = KnownSdks.load();

  it('the most specific pattern decides, and not_call_sites wins a tie', () => {
    expect(known.kindOf('@langchain/langgraph')).toBe('agent-framework');
    expect(known.kindOf('@langchain/core/messages')).toBeUndefined();
    expect(known.kindOf('@ai-sdk/anthropic')).toBeUndefined();
    expect(known.kindOf('@ai-sdk/mcp')).toBe('tool');
    expect(known.kindOf('@modelcontextprotocol/sdk/server/mcp.js')).toBeUndefined();
    expect(known.kindOf('@modelcontextprotocol/sdk/client/index.js')).toBe('tool');
    expect(known.kindOf('@xsai/generate-text')).toBe('provider');
    expect(known.kindOf('xsai')).toBe('provider');
    expect(known.kindOf('lodash')).toBeUndefined();
    expect(known.kindOf('@mastra/mcp')).toBe('tool');
    expect(known.kindOf('@mastra/mcp-docs-server')).toBeUndefined();
    expect(known.kindOf('@mastra/libsql')).toBeUndefined();
    expect(known.kindOf('@mastra/pg/vector')).toBeUndefined();
    expect(known.kindOf('@mastra/memory')).toBe('agent-framework');
    expect(known.kindOf('@mastra/evals/scorers/prebuilt')).toBe('agent-framework');
    expect(known.kindOf('aim')).toBeUndefined();
  });

  it('package names of specifiers', () => {
    expect(['@scope/name/deep/x.js', 'name/sub', 'name', './rel', '/abs', 'node:fs', '@scope'].map(packageName)).toEqual(['@scope/name', 'name', 'name', undefined, undefined, undefined, undefined]);
  });

  it('a malformed file is a configuration error naming the field', () => {
    expect(() => KnownSdks.parse({ version: 1, sdks: [{ match: 'x', kind: 'llm' }] }, 'k.yaml')).toThrow(/k\.yaml: sdks\[0\]\.kind/);
    expect(() => KnownSdks.parse({ version: 1, sdks: [], not_call_sites: [{ match: 'x*y' }] }, 'k.yaml')).toThrow(/not_call_sites\[0\]\.match/);
    expect(() => KnownSdks.parse({ version: 1, sdks: [], not_call_sites: [{ match: 'x' }] }, 'k.yaml')).toThrow(/not_call_sites\[0\]\.reason/);
    expect(() => KnownSdks.parse({ version: 2, sdks: [] }, 'k.yaml')).toThrow(/version must be 1/);
  });
});
