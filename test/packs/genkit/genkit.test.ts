import { ruleTester } from '../../lint/rule-tester.js';

// Genkit (rules/packs/genkit.yaml), checked against genkit 1.42.0. Shapes as in the Genkit team's
// samples (genkit-ai/samples: a module `ai = genkit({ plugins: [googleAI()], model })` from `genkit` or
// `genkit/beta` imported by flow files, `ai.generate` inside `ai.defineFlow`, `ai.generateStream`
// destructured into `{ stream, response }`, `ai.index` / `ai.retrieve` on a dev-local vector store, a
// `GenkitBeta`-typed parameter as in canvas/src/agent.ts, dotprompt executables from `ai.prompt(name)`),
// written here in that shape. Tags travel in `context`, per call and on `genkit({ context })`. Required
// tags in the test taxonomy: feature, tenant, team (derived). Columns are 1 + the index of the callee's
// text in its source line.

const NONE = ['feature', 'team', 'tenant'];

ruleTester('pack genkit', {
  valid: [
    {
      name: "a call's context, merged per key over the instance's genkit({ context }); the instance's alone reaches embed",
      callSites: 2,
      files: `import { genkit } from 'genkit';
import { googleAI } from '@genkit-ai/google-genai';
const ai = genkit({ plugins: [googleAI()], model: googleAI.model('gemini-2.5-flash'), context: { feature: 'inbox-triage', tenant: 'ws_1' } });
export const triage = (text: string) => ai.generate({ prompt: text, context: { environment: 'production' } });
export const vectors = () => ai.embed({ embedder: googleAI.embedder('text-embedding-004'), content: 'x' });`,
      sites: [
        {
          line: 4,
          column: 41,
          kind: 'model',
          sdk: 'genkit',
          callee: 'generate',
          tags: {
            feature: { value: 'inbox-triage', source: 'context' },
            tenant: { value: 'ws_1', source: 'context' },
            environment: { value: 'production', source: 'context' },
            team: { value: 'mail', source: 'derived from feature' },
          },
        },
        { line: 5, column: 30, kind: 'model', sdk: 'genkit', callee: 'embed' },
      ],
    },
    {
      name: 'a GenkitBeta-typed parameter, and a prompt executable streamed with its options context',
      callSites: 2,
      files: `import { GenkitBeta, z } from 'genkit/beta';
export function defineAgent(ai: GenkitBeta, tenant: string) {
  const lesson = ai.prompt('generate-lesson');
  const response = ai.generate({ prompt: 'Draw', maxTurns: 20, context: { feature: 'inbox-triage', tenant } });
  const { stream } = lesson.stream({ topic: 'tides' }, { context: { feature: 'inbox-triage', tenant } });
  return { response, stream };
}`,
      sites: [
        { line: 4, column: 20, kind: 'model', sdk: 'genkit', callee: 'generate', status: 'compliant' },
        { line: 5, column: 22, kind: 'model', sdk: 'genkit', callee: 'stream', status: 'compliant' },
      ],
    },
    {
      name: 'precision: the same method names on objects that are not a Genkit instance are no call sites',
      callSites: 0,
      files: `import { genkit, z } from 'genkit';
import { googleAI } from '@genkit-ai/googleai';
class Store { prompt(name: string) { return async () => name; } async index(x: unknown) { return x; } async retrieve(x: unknown) { return x; } async embed(x: unknown) { return x; } }
const store = new Store();
const ai = genkit({ plugins: [googleAI()] });
const report = { generate: async (x: unknown) => x, generateStream: (x: unknown) => x, evaluate: async (x: unknown) => x };
const prompt = { stream: (x: unknown) => x };
export async function run() {
  await store.index({}); await store.retrieve({}); await store.embed({});
  await report.generate({}); report.generateStream({}); await report.evaluate({}); prompt.stream({});
  const flow = ai.defineFlow({ name: 'f', inputSchema: z.string() }, async (s) => s);
  await ai.run('step', async () => 1);
  await ai.checkOperation({ id: 'op' } as never);
  await ai.prompt('greet').render({ name: 'x' });
  const lookup = store.prompt('x');
  await lookup();
  return flow('x');
}`,
    },
    {
      name: 'a call on a local Ollama model is no call site',
      callSites: 0,
      files: `import { genkit } from 'genkit';
import { ollama } from 'genkitx-ollama';
const ai = genkit({ plugins: [ollama({ models: [{ name: 'gemma3' }], serverAddress: 'http://127.0.0.1:11434' })] });
export const ask = (q: string) => ai.generate({ model: ollama.model('gemma3'), prompt: q });`,
    },
  ],
  invalid: [
    {
      name: 'every billable method of a genkit/beta instance imported from another file, without context, is missing its tags',
      files: {
        'src/genkit.ts': `import { genkit } from 'genkit/beta';
import { googleAI } from '@genkit-ai/google-genai';
import { devLocalVectorstore } from '@genkit-ai/dev-local-vectorstore';
export const ai = genkit({
  plugins: [googleAI(), devLocalVectorstore([{ indexName: 'menuQA', embedder: googleAI.embedder('text-embedding-004') }])],
  model: googleAI.model('gemini-2.5-flash'),
});`,
        'src/flows.ts': `import { z } from 'genkit';
import { devLocalIndexerRef, devLocalRetrieverRef } from '@genkit-ai/dev-local-vectorstore';
import { ai } from './genkit.js';
export const menuFlow = ai.defineFlow({ name: 'menu', inputSchema: z.string() }, async (question) => {
  await ai.index({ indexer: devLocalIndexerRef('menuQA'), documents: [] });
  const docs = await ai.retrieve({ retriever: devLocalRetrieverRef('menuQA'), query: question, options: { k: 3 } });
  const { stream, response } = ai.generateStream({ prompt: question, docs });
  const text = await ai.generate('Summarize the menu');
  const many = await ai.embedMany({ embedder: 'googleai/text-embedding-004', content: [question] });
  const ranked = await ai.rerank({ reranker: 'vertexai/semantic-ranker-512', query: question, documents: docs });
  const scores = await ai.evaluate({ evaluator: 'genkitEval/faithfulness', dataset: [] });
  const op = await ai.generateOperation({ model: 'googleai/veo-2.0-generate-001', prompt: question });
  return { stream, response, text, many, ranked, scores, op };
});`,
      },
      errors: [
        { ruleId: 'missing-tags', file: 'src/flows.ts', line: 5, column: 9, missing: NONE },
        { ruleId: 'missing-tags', file: 'src/flows.ts', line: 6, column: 22, missing: NONE },
        { ruleId: 'missing-tags', file: 'src/flows.ts', line: 7, column: 32, missing: NONE },
        { ruleId: 'missing-tags', file: 'src/flows.ts', line: 8, column: 22, missing: NONE },
        { ruleId: 'missing-tags', file: 'src/flows.ts', line: 9, column: 22, missing: NONE },
        { ruleId: 'missing-tags', file: 'src/flows.ts', line: 10, column: 24, missing: NONE },
        { ruleId: 'missing-tags', file: 'src/flows.ts', line: 11, column: 24, missing: NONE },
        { ruleId: 'missing-tags', file: 'src/flows.ts', line: 12, column: 20, missing: NONE },
      ],
      sites: [
        { file: 'src/flows.ts', line: 5, column: 9, kind: 'model', sdk: 'genkit', callee: 'index', tags: {} },
        { file: 'src/flows.ts', line: 6, column: 22, kind: 'model', sdk: 'genkit', callee: 'retrieve', tags: {} },
        { file: 'src/flows.ts', line: 7, column: 32, kind: 'model', sdk: 'genkit', callee: 'generateStream', tags: {} },
        { file: 'src/flows.ts', line: 8, column: 22, kind: 'model', sdk: 'genkit', callee: 'generate', tags: {} },
        { file: 'src/flows.ts', line: 9, column: 22, kind: 'model', sdk: 'genkit', callee: 'embedMany', tags: {} },
        { file: 'src/flows.ts', line: 10, column: 24, kind: 'model', sdk: 'genkit', callee: 'rerank', tags: {} },
        { file: 'src/flows.ts', line: 11, column: 24, kind: 'model', sdk: 'genkit', callee: 'evaluate', tags: {} },
        { file: 'src/flows.ts', line: 12, column: 20, kind: 'model', sdk: 'genkit', callee: 'generateOperation', tags: {} },
      ],
    },
    {
      name: 'a prompt executable called itself: from ai.prompt in the same file, and from definePrompt in another file',
      files: {
        'src/prompts.ts': `import { genkit, z } from 'genkit';
export const ai = genkit({ plugins: [] });
export const greet = ai.definePrompt({ name: 'greet', input: { schema: z.object({ name: z.string() }) }, prompt: 'Hi {{name}}' });`,
        'src/flows/storify.ts': `import { ai, greet } from '../prompts.js';
const generateLesson = ai.prompt('generate-lesson');
export async function storify(topic: string, tenant: string) {
  const lesson = await generateLesson({ topic }, { onChunk: (c) => void c });
  const hello = await greet({ name: topic }, { context: { feature: 'inbox-triage', tenant } });
  return { lesson, hello };
}`,
      },
      errors: [{ ruleId: 'missing-tags', file: 'src/flows/storify.ts', line: 4, column: 24, missing: NONE }],
      sites: [
        { file: 'src/flows/storify.ts', line: 4, column: 24, kind: 'model', sdk: 'genkit', callee: 'generateLesson', tags: {} },
        { file: 'src/flows/storify.ts', line: 5, column: 23, kind: 'model', sdk: 'genkit', callee: 'greet', status: 'compliant' },
      ],
    },
    {
      name: 'a context that lacks a tag, and a prompt from definePrompt streamed without one',
      files: `import { genkit, z } from 'genkit';
const ai = genkit({ plugins: [] });
const greet = ai.definePrompt({ name: 'greet', input: { schema: z.object({ name: z.string() }) }, prompt: 'Hi {{name}}' });
export const a = () => ai.generate({ prompt: 'x', context: { feature: 'inbox-triage' } });
export const b = () => greet.stream({ name: 'x' });`,
      errors: [
        { ruleId: 'missing-tags', line: 4, column: 24, missing: ['tenant'] },
        { ruleId: 'missing-tags', line: 5, column: 24, missing: NONE },
      ],
    },
    {
      name: 'an import of @genkit-ai/ai, whose registry calls no pack covers, warns once',
      files: `import { generate } from '@genkit-ai/ai';
import { embed } from '@genkit-ai/ai/embedder';
export const ask = (registry: never) => generate(registry, { prompt: 'x' });`,
      errors: [{ ruleId: 'uncovered-sdk', line: 1, column: 26 }],
    },
  ],
});
