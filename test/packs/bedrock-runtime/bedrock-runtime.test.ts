import { ruleTester } from '../../lint/rule-tester.js';

// Shaped on aws-samples/amazon-bedrock-samples and the AWS SDK v3 code examples (javascriptv3/example_code/
// bedrock-runtime/models/*: `const command = new ConverseCommand({ modelId, messages }); await client.send(command)`).

ruleTester('pack bedrock-runtime', {
  valid: [
    {
      name: 'Converse requestMetadata, inline or through a command variable, and the aggregated client',
      callSites: 3,
      files: `import { BedrockRuntime, BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
const client = new BedrockRuntimeClient({ region: 'us-east-1' });
const aggregated = new BedrockRuntime({ region: 'us-east-1' });
const requestMetadata = { feature: 'inbox-triage', tenant: 'ws_1' };
export async function run(tenant: string) {
  const command = new ConverseCommand({ modelId: 'anthropic.claude-3-haiku', messages: [], requestMetadata: { feature: 'contract-redline', tenant } });
  await client.send(command);
  await client.send(new ConverseStreamCommand({ modelId: 'm', messages: [], requestMetadata }));
  return aggregated.converse({ modelId: 'm', messages: [], requestMetadata });
}`,
      sites: [
        { line: 7, column: 9, kind: 'model', sdk: 'bedrock-runtime', callee: 'send(ConverseCommand)', tags: { feature: { value: 'contract-redline', source: 'requestMetadata' }, tenant: { dynamic: true, source: 'requestMetadata' }, team: { value: 'legal', source: 'derived from feature' } } },
        { line: 8, column: 9, kind: 'model', sdk: 'bedrock-runtime', callee: 'send(ConverseStreamCommand)', tags: { feature: { value: 'inbox-triage', source: 'requestMetadata' }, tenant: { value: 'ws_1', source: 'requestMetadata' }, team: { value: 'mail', source: 'derived from feature' } } },
        { line: 9, column: 10, kind: 'model', sdk: 'bedrock-runtime', callee: 'converse' },
      ],
    },
    {
      name: 'precision: free commands, unknown commands and look-alike send methods are no call sites',
      callSites: 0,
      files: `import { BedrockRuntimeClient, CountTokensCommand, GetAsyncInvokeCommand } from '@aws-sdk/client-bedrock-runtime';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
class ConverseCommand { constructor(readonly input: object) {} }
const client = new BedrockRuntimeClient({});
const s3 = new S3Client({});
export async function run(other: object) {
  await client.send(new CountTokensCommand({ modelId: 'm', input: {} }));
  await client.send(new GetAsyncInvokeCommand({ invocationArn: 'a' }));
  await client.send(new ConverseCommand({}) as never);
  await client.send(other as never);
  await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k' }));
}`,
    },
  ],
  invalid: [
    {
      name: 'InvokeModel carries no tags: it is reported (tag it through an @attrib-model wrapper)',
      files: `const { BedrockRuntimeClient, InvokeModelCommand } = require('@aws-sdk/client-bedrock-runtime');
const client = new BedrockRuntimeClient({ region: 'us-west-2' });
async function invoke(prompt) {
  const response = await client.send(new InvokeModelCommand({ modelId: 'amazon.titan-text-express-v1', body: JSON.stringify({ inputText: prompt }) }));
  return response;
}
module.exports = { invoke };`,
      errors: [{ ruleId: 'missing-tags', line: 4, column: 26, missing: ['feature', 'team', 'tenant'] }],
      sites: [{ line: 4, column: 26, kind: 'model', sdk: 'bedrock-runtime', callee: 'send(InvokeModelCommand)', tags: {} }],
    },
  ],
});
