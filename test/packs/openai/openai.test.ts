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

// Shaped on openai/openai-node@7b7d6ca examples/realtime/websocket.ts and examples/realtime/ws.ts.
ruleTester('pack openai: realtime sockets', {
  valid: [
    {
      name: 'response.create carries metadata; session.update and other events are no call sites',
      callSites: 1,
      files: `import { OpenAIRealtimeWebSocket } from 'openai/realtime/websocket';
const rt = new OpenAIRealtimeWebSocket({ model: 'gpt-realtime' });
rt.socket.addEventListener('open', () => {
  rt.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } });
  rt.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [] } });
  rt.send({ type: 'response.create', response: { metadata: { feature: 'inbox-triage', tenant: 'ws_1' } } });
});`,
      sites: [{ line: 6, column: 3, kind: 'model', sdk: 'openai', callee: 'send', tags: { feature: { value: 'inbox-triage', source: 'response.metadata' }, tenant: { value: 'ws_1', source: 'response.metadata' }, team: { value: 'mail', source: 'derived from feature' } } }],
    },
    {
      name: 'precision: an event whose type is not known statically is no call site',
      callSites: 0,
      files: `import { OpenAIRealtimeWS } from 'openai/realtime/ws';
const rt = new OpenAIRealtimeWS({ model: 'gpt-realtime' });
export const forward = (event: { type: 'response.create' } | { type: 'session.update' }) => rt.send(event as never);`,
    },
  ],
  invalid: [
    {
      name: 'an untagged response.create over the ws client',
      files: `import { OpenAIRealtimeWS } from 'openai/realtime/ws';
const rt = new OpenAIRealtimeWS({ model: 'gpt-realtime' });
rt.on('session.created', () => rt.send({ type: 'response.create' }));`,
      errors: [{ ruleId: 'missing-tags', line: 3, column: 32, missing: ['feature', 'team', 'tenant'] }],
      sites: [{ line: 3, column: 32, kind: 'model', sdk: 'openai', callee: 'send', tags: {} }],
    },
  ],
});
