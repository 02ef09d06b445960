import { ruleTester } from '../../lint/rule-tester.js';

// Shaped on googleapis/js-genai@6e9b35c sdk-samples/generate_image.ts, generate_video.ts, live_client_content.ts,
// interactions*.ts and tunings.ts.

ruleTester('pack google-genai', {
  valid: [
    {
      name: 'images, videos and live sessions carry Vertex labels in their config',
      callSites: 3,
      files: `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({ vertexai: true, project: 'p', location: 'us-central1' });
const labels = { feature: 'inbox-triage', tenant: 'ws_1' };
export async function media() {
  await ai.models.generateImages({ model: 'imagen-4.0-generate-001', prompt: 'a robot', config: { numberOfImages: 1, labels } });
  await ai.models.generateVideos({ model: 'veo-3.0-generate-001', prompt: 'a robot', config: { labels } });
  const session = await ai.live.connect({ model: 'gemini-live', config: { labels }, callbacks: {} });
  return session;
}`,
      sites: [
        { line: 5, column: 9, kind: 'model', sdk: 'google-genai', callee: 'models.generateImages', tags: { feature: { value: 'inbox-triage', source: 'config.labels' }, tenant: { value: 'ws_1', source: 'config.labels' }, team: { value: 'mail', source: 'derived from feature' } } },
        { line: 6, column: 9, kind: 'model', sdk: 'google-genai', callee: 'models.generateVideos' },
        { line: 7, column: 25, kind: 'model', sdk: 'google-genai', callee: 'live.connect' },
      ],
    },
    {
      name: 'interactions carry headers in fetch_options of their request options',
      callSites: 1,
      files: `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({});
export const ask = (input: string) =>
  ai.interactions.create({ model: 'gemini-3-flash', input }, { fetch_options: { headers: { 'x-attrib-feature': 'inbox-triage', 'x-attrib-tenant': 'ws_2' } } });`,
      sites: [{ line: 4, column: 3, kind: 'model', sdk: 'google-genai', callee: 'interactions.create', tags: { feature: { value: 'inbox-triage', source: 'fetch_options.headers' }, tenant: { value: 'ws_2', source: 'fetch_options.headers' }, team: { value: 'mail', source: 'derived from feature' } } }],
    },
    {
      name: 'precision: token counting, cache and file bookkeeping are no call sites',
      callSites: 0,
      files: `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({});
export async function tidy(name: string) {
  await ai.models.countTokens({ model: 'gemini-2.5-flash', contents: 'x' });
  await ai.caches.delete({ name });
  await ai.files.list();
}`,
    },
  ],
  invalid: [
    {
      name: 'tuning, caching, batches and file search imports are billed',
      files: `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({});
export async function prepare(store: string) {
  await ai.tunings.tune({ baseModel: 'gemini-2.5-flash', trainingDataset: { gcsUri: 'gs://b/t.jsonl' } });
  await ai.caches.create({ model: 'gemini-2.5-flash', config: { contents: [] } });
  await ai.batches.createEmbeddings({ model: 'gemini-embedding-001', src: { inlinedRequests: { contents: [] } } });
  await ai.fileSearchStores.importFile({ fileSearchStoreName: store, fileName: 'files/1' });
}`,
      errors: [4, 5, 6, 7].map((line) => ({ ruleId: 'missing-tags', line, column: 9, missing: ['feature', 'team', 'tenant'] })),
      sites: [
        { line: 4, column: 9, kind: 'model', sdk: 'google-genai', callee: 'tunings.tune', tags: {} },
        { line: 5, column: 9, kind: 'model', sdk: 'google-genai', callee: 'caches.create', tags: {} },
        { line: 6, column: 9, kind: 'model', sdk: 'google-genai', callee: 'batches.createEmbeddings', tags: {} },
        { line: 7, column: 9, kind: 'model', sdk: 'google-genai', callee: 'fileSearchStores.importFile', tags: {} },
      ],
    },
  ],
});
