import { ruleTester } from '../../lint/rule-tester.js';

// Shaped on openai/openai-node@7b7d6ca examples/assistants/assistants.ts (runs.createAndPoll with the
// thread id first) and examples/fine-tuning/fine-tuning.ts. Test taxonomy: feature and tenant
// required, team derived from the feature.

ruleTester('pack openai', {
  valid: [
    {
      name: 'an Assistants run carries metadata in its second argument, a remix its headers in the third',
      callSites: 2,
      files: `import OpenAI from 'openai';
const openai = new OpenAI();
export async function solve(threadId: string, tenant: string) {
  const run = await openai.beta.threads.runs.createAndPoll(threadId, {
    assistant_id: 'asst_1',
    metadata: { feature: 'inbox-triage', tenant },
  });
  await openai.videos.remix('video_1', { prompt: 'x' }, { headers: { 'x-attrib-feature': 'contract-redline', 'x-attrib-tenant': 'acct_9' } });
  return run;
}`,
      sites: [
        { line: 4, column: 21, kind: 'model', sdk: 'openai', callee: 'beta.threads.runs.createAndPoll', tags: { feature: { value: 'inbox-triage', source: 'metadata' }, tenant: { dynamic: true, source: 'metadata' }, team: { value: 'mail', source: 'derived from feature' } } },
        { line: 8, column: 9, kind: 'model', sdk: 'openai', callee: 'videos.remix' },
      ],
    },
    {
      name: 'precision: file storage, thread storage, model listing and moderations are no call sites',
      callSites: 0,
      files: `import OpenAI from 'openai';
const client = new OpenAI();
export async function prepare(file: File) {
  await client.files.create({ file, purpose: 'fine-tune' });
  await client.beta.threads.create({ messages: [] });
  await client.models.list();
  await client.moderations.create({ input: 'x' });
}`,
    },
  ],
  invalid: [
    {
      name: 'fine-tuning jobs, graders, videos and realtime calls are billed call sites',
      files: `import OpenAI from 'openai';
const client = new OpenAI();
export async function train() {
  await client.fineTuning.jobs.create({ training_file: 'file-1', model: 'gpt-4o-mini' });
  await client.videos.create({ prompt: 'a cat' });
  await client.realtime.calls.create({ sdp: 'v=0' });
}`,
      errors: [
        { ruleId: 'missing-tags', line: 4, column: 9, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 5, column: 9, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 6, column: 9, missing: ['feature', 'team', 'tenant'] },
      ],
      sites: [
        { line: 4, column: 9, kind: 'model', sdk: 'openai', callee: 'fineTuning.jobs.create', tags: {} },
        { line: 5, column: 9, kind: 'model', sdk: 'openai', callee: 'videos.create', tags: {} },
        { line: 6, column: 9, kind: 'model', sdk: 'openai', callee: 'realtime.calls.create', tags: {} },
      ],
    },
  ],
});
