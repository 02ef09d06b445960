import { ruleTester } from '../../lint/rule-tester.js';

// Amazon Polly (rules/packs/polly.yaml), checked against @aws-sdk/client-polly 3.1142.0. Shape as in
// aws-samples/generative-ai-use-cases packages/web/src/hooks/useSpeach.ts (an aggregated `new Polly({
// region, credentials })` built in the hook, `new SynthesizeSpeechCommand({ OutputFormat, Text,
// VoiceId })` in a variable, `await polly.send(command)`). Columns are where the call starts.

ruleTester('pack polly', {
  valid: [
    {
      name: 'a synthesis through an @attrib-model wrapper that takes the tags is checked at the wrapper call',
      callSites: 1,
      files: {
        'src/speech.ts': `import { PollyClient, SynthesizeSpeechCommand } from '@aws-sdk/client-polly';
const polly = new PollyClient({ region: 'us-east-1' });
/** @attrib-model */
export function speak(text: string, tags: { feature: string; tenant: string }) {
  return polly.send(new SynthesizeSpeechCommand({ OutputFormat: 'mp3', Text: text, VoiceId: 'Joanna' }));
}`,
        'src/app.ts': `import { speak } from './speech';
export const read = (tenant: string) => speak('hello', { feature: 'inbox-triage', tenant });`,
      },
      sites: [{ file: 'src/app.ts', line: 2, column: 41, kind: 'model', sdk: 'wrapper', callee: 'speak' }],
    },
    {
      name: 'precision: listing voices, a task status and another service are no call sites',
      callSites: 0,
      files: `import { Polly, DescribeVoicesCommand, GetSpeechSynthesisTaskCommand } from '@aws-sdk/client-polly';
import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
const polly = new Polly({ region: 'us-east-1' });
export async function voices(taskId: string) {
  await polly.send(new DescribeVoicesCommand({ LanguageCode: 'en-US' }));
  await polly.send(new GetSpeechSynthesisTaskCommand({ TaskId: taskId }));
  await polly.describeVoices({});
  await new S3Client({}).send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }));
}`,
    },
  ],
  invalid: [
    {
      name: 'synthesis in a hook (command in a variable), an asynchronous task: no carrier',
      files: `import { Polly, SynthesizeSpeechCommand, type VoiceId } from '@aws-sdk/client-polly';
export function useSpeach(region: string) {
  const synthesizeSpeach = async (text: string, voiceId: VoiceId) => {
    const polly = new Polly({ region });
    const command = new SynthesizeSpeechCommand({ OutputFormat: 'mp3', Text: text, VoiceId: voiceId });
    const response = await polly.send(command);
    await polly.startSpeechSynthesisTask({ OutputFormat: 'mp3', Text: text, VoiceId: voiceId, OutputS3BucketName: 'b' });
    return response.AudioStream;
  };
  return { synthesizeSpeach };
}`,
      errors: [
        { ruleId: 'missing-tags', line: 6, column: 28, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 7, column: 11, missing: ['feature', 'team', 'tenant'] },
      ],
      sites: [
        { line: 6, column: 28, kind: 'model', sdk: 'polly', callee: 'send(SynthesizeSpeechCommand)', tags: {} },
        { line: 7, column: 11, kind: 'model', sdk: 'polly', callee: 'startSpeechSynthesisTask', tags: {} },
      ],
    },
  ],
});
