import { describe, expect, it } from 'vitest';
import { lintFiles } from './rule-tester.js';

/**
 * Values built from themselves, as real code builds them (found on google-gemini/gemini-cli and
 * cline/cline, where each crashed lint with "Maximum call stack size exceeded"): resolution and the
 * relevance pass follow each literal and each type once, and still find the call sites around them.
 */
describe('self-referring values', () => {
  it('objects and arrays that spread themselves, and recursive types, resolve without looping', async () => {
    const result = await lintFiles({
      'src/shapes.ts': `import OpenAI from 'openai';
export type Json = string | number | Json[] | { [key: string]: Json };
export interface Tree { children: Tree[]; client?: OpenAI }
export const client = new OpenAI();
let config: Record<string, unknown> = {};
config = { ...config, retries: 2 };
let clients = [client];
clients = [...clients, new OpenAI()];
export const settings = { ...config };
export const all = clients;
export const doc: Json = { a: [1, 'x'] };
export function walk(tree: Tree): Tree[] { return [tree, ...tree.children.flatMap(walk)]; }`,
      'src/use.ts': `import { all, settings, walk } from './shapes';
export async function run() {
  for (const c of all) await c.chat.completions.create({ model: 'gpt-4o', messages: [], metadata: settings.meta as never });
  return walk({ children: [] });
}`,
    });
    expect(result.summary.parseErrors).toBe(0);
    expect(result.callSites.map((s) => [s.file, s.line, s.callee])).toEqual([['src/use.ts', 3, 'chat.completions.create']]);
  });
});
