/**
 * Generated inputs for the "linear in call sites" case of `npm run bench:lint` (issue 8): many call
 * sites in one file, which is where a cost per call that grows with the file shows.
 *
 * - `one-function`: one async function whose body is `calls` statements, each a model call through
 *   a module client, a client made in the function, a local alias and a tags const (every lookup
 *   from a call walks that one long block);
 * - `many-functions`: `calls` top-level functions of one call each (every lookup ends in the file's
 *   scope), with a shared tags object spread into each call.
 *
 * Same parameters, same text. The taxonomy is fixtures/attrib.yaml; every call carries all its
 * required tags, so the run's findings are none and its call sites exactly `calls`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TAGS = `feature: 'inbox-triage', tenant: 'ws_bench', workload_class: 'interactive', environment: 'production', parent_run_id: runId`;

function oneFunction(calls) {
  const lines = [
    `import OpenAI from 'openai';`,
    `const shared = new OpenAI();`,
    `export async function run(runId: string) {`,
    `  const local = new OpenAI({ defaultHeaders: { 'x-attrib-feature': 'inbox-triage' } });`,
    `  const completions = shared.chat.completions;`,
    `  const tags = { ${TAGS} } as const;`,
  ];
  for (let i = 0; i < calls; i++) {
    const receiver = i % 3 === 0 ? 'shared.chat.completions' : i % 3 === 1 ? 'local.chat.completions' : 'completions';
    lines.push(`  const r${i} = await ${receiver}.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'm${i}' }], metadata: { ...tags } });`);
  }
  lines.push(`  return [${Array.from({ length: Math.min(calls, 3) }, (_, i) => `r${i}`).join(', ')}];`, `}`);
  return lines.join('\n') + '\n';
}

function manyFunctions(calls) {
  const lines = [`import OpenAI from 'openai';`, `const client = new OpenAI();`, `const base = { feature: 'inbox-triage', tenant: 'ws_bench', workload_class: 'batch', environment: 'production' } as const;`];
  for (let i = 0; i < calls; i++) {
    lines.push(`export function call${i}(runId: string) {`, `  return client.chat.completions.create({ model: 'm', messages: [], metadata: { ...base, parent_run_id: runId } });`, `}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * Write a project of one file (`src/dense.ts`) with `calls` call sites in the given shape.
 * @param {{ dir: string; shape: 'one-function' | 'many-functions'; calls: number; taxonomy: string }} params
 */
export function generateDense({ dir, shape, calls, taxonomy }) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'attrib.yaml'), taxonomy);
  const text = shape === 'one-function' ? oneFunction(calls) : manyFunctions(calls);
  writeFileSync(join(dir, 'src', 'dense.ts'), text);
  return { file: 'src/dense.ts', bytes: Buffer.byteLength(text), lines: text.split('\n').length - 1 };
}
