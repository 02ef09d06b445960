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

// Shaped on the Ollama OpenAI-compatibility docs (`new OpenAI({ baseURL: 'http://localhost:11434/v1',
// apiKey: 'ollama' })`) and vLLM / LM Studio quick starts, which point the client at a local server.
ruleTester('pack openai: local model servers', {
  valid: [
    {
      name: 'precision: a client with a literal loopback baseURL (name, IPv4, IPv6, any-address, const, template port) bills nothing',
      callSites: 0,
      files: `import OpenAI, { AzureOpenAI } from 'openai';
const OLLAMA_URL = 'http://localhost:11434/v1';
const ollama = new OpenAI({ baseURL: 'http://localhost:11434/v1', apiKey: 'ollama' });
const vllm = new OpenAI({ baseURL: 'http://127.0.0.1:8000/v1' });
const v6 = new OpenAI({ baseURL: 'http://[::1]:1234/v1' });
const any = new OpenAI({ baseURL: \`http://0.0.0.0:\${process.env.PORT}/v1\` });
const viaConst = new AzureOpenAI({ baseURL: OLLAMA_URL, apiVersion: '2024-10-21' });
export async function ask(prompt: string) {
  await ollama.chat.completions.create({ model: 'llama3.1', messages: [{ role: 'user', content: prompt }] });
  await vllm.responses.create({ model: 'qwen', input: prompt });
  await v6.embeddings.create({ model: 'nomic-embed-text', input: prompt });
  await any.chat.completions.create({ model: 'llama3.1', messages: [] });
  await viaConst.chat.completions.create({ model: 'llama3.1', messages: [] });
}`,
    },
  ],
  invalid: [
    {
      name: 'a baseURL from the environment, a host only named at run time, a look-alike host or user info stay billable',
      files: `import OpenAI from 'openai';
const fromEnv = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL });
const hostAtRunTime = new OpenAI({ baseURL: \`http://\${process.env.HOST}:11434/v1\` });
const lookAlike = new OpenAI({ baseURL: 'https://localhost.example.com/v1' });
const userInfo = new OpenAI({ baseURL: 'https://localhost@api.example.com/v1' });
export async function ask() {
  await fromEnv.chat.completions.create({ model: 'gpt-4o', messages: [] });
  await hostAtRunTime.chat.completions.create({ model: 'gpt-4o', messages: [] });
  await lookAlike.chat.completions.create({ model: 'gpt-4o', messages: [] });
  await userInfo.chat.completions.create({ model: 'gpt-4o', messages: [] });
}`,
      errors: [
        { ruleId: 'missing-tags', line: 7, column: 9, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 8, column: 9, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 9, column: 9, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 10, column: 9, missing: ['feature', 'team', 'tenant'] },
      ],
    },
  ],
});
