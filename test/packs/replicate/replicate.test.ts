import { ruleTester } from '../../lint/rule-tester.js';

// Shaped on replicate/replicate-javascript's README (replicate.run(model, { input })). Replicate calls carry
// no tags of their own: they are tagged through an @attrib-model wrapper.

ruleTester('pack replicate', {
  valid: [
    {
      name: 'a run inside an @attrib-model wrapper is reported at the wrapper',
      callSites: 1,
      files: {
        'src/llm.ts': `import Replicate from 'replicate';
const replicate = new Replicate();
/** @attrib-model */
export function draw(prompt: string, tags: { feature: string; tenant: string }) {
  return replicate.run('black-forest-labs/flux-schnell', { input: { prompt } });
}`,
        'src/index.ts': `import { draw } from './llm';
export const go = () => draw('a cat', { feature: 'inbox-triage', tenant: 'ws_1' });`,
      },
      sites: [{ file: 'src/index.ts', line: 2, column: 25, kind: 'model', sdk: 'wrapper', callee: 'draw' }],
    },
  ],
  invalid: [
    {
      name: 'predictions and trainings are billed; polling is not',
      files: `import Replicate from 'replicate';
const replicate = new Replicate({ auth: 't' });
export async function run() {
  const p = await replicate.predictions.create({ version: 'v', input: {} });
  await replicate.wait(p);
  await replicate.trainings.create('owner', 'model', 'v', { destination: 'me/m', input: {} });
}`,
      errors: [
        { ruleId: 'missing-tags', line: 4, column: 19, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 6, column: 9, missing: ['feature', 'team', 'tenant'] },
      ],
      sites: [
        { line: 4, column: 19, kind: 'model', sdk: 'replicate', callee: 'predictions.create', tags: {} },
        { line: 6, column: 9, kind: 'model', sdk: 'replicate', callee: 'trainings.create', tags: {} },
      ],
    },
  ],
});
