import { ruleTester } from '../../lint/rule-tester.js';

// Amazon Transcribe (rules/packs/transcribe.yaml, transcribe-streaming.yaml), checked against
// @aws-sdk/client-transcribe and client-transcribe-streaming 3.1141.0. Shapes as in
// aws-samples/generative-ai-use-cases: packages/cdk/lambda/startTranscription.ts (`new
// TranscribeClient({})`, the command built in a variable, `await client.send(command)`) and
// packages/web/src/hooks/useMicrophone.ts (`new TranscribeStreamingClient({ region, credentials })`,
// `send(new StartStreamTranscriptionCommand({ LanguageCode, MediaEncoding, AudioStream }))`). Columns
// are where the call starts.

const MISSING = ['feature', 'team', 'tenant'];

ruleTester('pack transcribe', {
  valid: [
    {
      name: 'precision: polling a job, listing, vocabularies, and a look-alike command are no call sites',
      callSites: 0,
      files: `import { TranscribeClient, GetTranscriptionJobCommand, ListTranscriptionJobsCommand, CreateVocabularyCommand, Transcribe } from '@aws-sdk/client-transcribe';
import { TranscribeStreamingClient } from '@aws-sdk/client-transcribe-streaming';
class StartStreamTranscriptionCommand { constructor(readonly input: object) {} }
const client = new TranscribeClient({});
const streaming = new TranscribeStreamingClient({ region: 'us-east-1' });
export async function status(jobName: string) {
  await client.send(new GetTranscriptionJobCommand({ TranscriptionJobName: jobName }));
  await client.send(new ListTranscriptionJobsCommand({}));
  await client.send(new CreateVocabularyCommand({ VocabularyName: 'v', LanguageCode: 'en-US' }));
  await new Transcribe({}).getTranscriptionJob({ TranscriptionJobName: jobName });
  await streaming.send(new StartStreamTranscriptionCommand({}) as never);
}`,
    },
  ],
  invalid: [
    {
      name: 'a batch job (command in a variable), the aggregated client, and a streaming transcription: no carrier',
      files: {
        'lambda/startTranscription.ts': `import { TranscribeClient, StartTranscriptionJobCommand, Transcribe } from '@aws-sdk/client-transcribe';
export const handler = async (event: { body: string }) => {
  const client = new TranscribeClient({});
  const { audioUrl, jobName } = JSON.parse(event.body);
  const command = new StartTranscriptionJobCommand({
    TranscriptionJobName: jobName,
    Media: { MediaFileUri: audioUrl },
    IdentifyLanguage: true,
    OutputBucketName: process.env.TRANSCRIPT_BUCKET_NAME,
  });
  const res = await client.send(command);
  await new Transcribe({}).startMedicalTranscriptionJob({ MedicalTranscriptionJobName: jobName, Media: { MediaFileUri: audioUrl }, LanguageCode: 'en-US', Specialty: 'PRIMARYCARE', Type: 'DICTATION', OutputBucketName: 'b' });
  return res.TranscriptionJob?.TranscriptionJobName;
};`,
        'web/useMicrophone.ts': `import { TranscribeStreamingClient, StartStreamTranscriptionCommand, type AudioStream } from '@aws-sdk/client-transcribe-streaming';
export async function transcribe(region: string, audio: AsyncIterable<AudioStream>) {
  const transcribeClient = new TranscribeStreamingClient({ region });
  const command = new StartStreamTranscriptionCommand({ LanguageCode: 'en-US', MediaEncoding: 'pcm', MediaSampleRateHertz: 48000, AudioStream: audio });
  return transcribeClient.send(command);
}`,
      },
      errors: [
        { ruleId: 'missing-tags', file: 'lambda/startTranscription.ts', line: 11, column: 21, missing: MISSING },
        { ruleId: 'missing-tags', file: 'lambda/startTranscription.ts', line: 12, column: 9, missing: MISSING },
        { ruleId: 'missing-tags', file: 'web/useMicrophone.ts', line: 5, column: 10, missing: MISSING },
      ],
      sites: [
        { file: 'lambda/startTranscription.ts', line: 11, column: 21, kind: 'model', sdk: 'transcribe', callee: 'send(StartTranscriptionJobCommand)', tags: {} },
        { file: 'lambda/startTranscription.ts', line: 12, column: 9, kind: 'model', sdk: 'transcribe', callee: 'startMedicalTranscriptionJob', tags: {} },
        { file: 'web/useMicrophone.ts', line: 5, column: 10, kind: 'model', sdk: 'transcribe-streaming', callee: 'send(StartStreamTranscriptionCommand)', tags: {} },
      ],
    },
  ],
});
