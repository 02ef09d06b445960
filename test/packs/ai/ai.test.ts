import { ruleTester } from '../../lint/rule-tester.js';

// Shaped on vercel/ai examples/ai-functions (generate-speech, transcribe, rerank, generate-video) and
// examples/next-rsc (streamUI). AI SDK 7 moved what a call carries for telemetry from
// `experimental_telemetry.metadata` to `runtimeContext`; both are read.

ruleTester('pack ai', {
  valid: [
    {
      name: 'v7 runtimeContext and v5/v6 experimental_telemetry.metadata both carry tags',
      callSites: 2,
      files: `import { generateText, generateSpeech } from 'ai';
import { openai } from '@ai-sdk/openai';
export async function speak(tenant: string) {
  const { text } = await generateText({ model: openai('gpt-5'), prompt: 'x', runtimeContext: { feature: 'inbox-triage', tenant } });
  return generateSpeech({ model: openai.speech('tts-1'), text, experimental_telemetry: { isEnabled: true, metadata: { feature: 'inbox-triage', tenant } } });
}`,
      sites: [
        { line: 4, column: 26, kind: 'model', sdk: 'ai', callee: 'generateText', tags: { feature: { value: 'inbox-triage', source: 'runtimeContext' }, tenant: { dynamic: true, source: 'runtimeContext' }, team: { value: 'mail', source: 'derived from feature' } } },
        { line: 5, column: 10, kind: 'model', sdk: 'ai', callee: 'generateSpeech', tags: { feature: { value: 'inbox-triage', source: 'experimental_telemetry.metadata' }, tenant: { dynamic: true, source: 'experimental_telemetry.metadata' }, team: { value: 'mail', source: 'derived from feature' } } },
      ],
    },
    {
      name: 'precision: wrapping a model sends nothing',
      callSites: 0,
      files: `import { wrapLanguageModel } from 'ai';
import { openai } from '@ai-sdk/openai';
export const model = wrapLanguageModel({ model: openai('gpt-5'), middleware: [] });`,
    },
  ],
  invalid: [
    {
      name: 'transcribe, rerank, video and streamUI (@ai-sdk/rsc) are call sites',
      files: `import { experimental_transcribe as transcribe, rerank, experimental_generateVideo } from 'ai';
import { streamUI } from '@ai-sdk/rsc';
import { openai } from '@ai-sdk/openai';
export async function all(audio: Uint8Array) {
  await transcribe({ model: openai.transcription('whisper-1'), audio });
  await rerank({ model: openai.reranking('r'), query: 'q', documents: [] });
  await experimental_generateVideo({ model: openai.video('sora-2'), prompt: 'x' });
  return streamUI({ model: openai('gpt-5'), prompt: 'x', text: ({ content }) => content });
}`,
      errors: [
        { ruleId: 'missing-tags', line: 5, column: 9, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 6, column: 9, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 7, column: 9, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 8, column: 10, missing: ['feature', 'team', 'tenant'] },
      ],
      sites: [
        { line: 5, column: 9, kind: 'model', sdk: 'ai', callee: 'experimental_transcribe', tags: {} },
        { line: 6, column: 9, kind: 'model', sdk: 'ai', callee: 'rerank', tags: {} },
        { line: 7, column: 9, kind: 'model', sdk: 'ai', callee: 'experimental_generateVideo', tags: {} },
        { line: 8, column: 10, kind: 'model', sdk: 'ai', callee: 'streamUI', tags: {} },
      ],
    },
  ],
});
