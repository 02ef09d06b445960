import { ruleTester } from '../../lint/rule-tester.js';

// Shaped on the AWS SDK v3 code examples for SageMaker Runtime (`const client = new SageMakerRuntimeClient({ region });
// await client.send(new InvokeEndpointCommand({ EndpointName, ContentType: 'application/json', Body }))`) and
// LLM apps streaming from a hosted model with InvokeEndpointWithResponseStreamCommand.

ruleTester('pack sagemaker-runtime', {
  valid: [
    {
      name: 'an endpoint call through an @attrib-model wrapper that takes the tags is checked at the wrapper call',
      callSites: 1,
      files: {
        'src/endpoint.ts': `import { SageMakerRuntimeClient, InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
const client = new SageMakerRuntimeClient({ region: 'us-east-1' });
/** @attrib-model */
export function complete(prompt: string, tags: { feature: string; tenant: string }) {
  return client.send(new InvokeEndpointCommand({ EndpointName: 'llama-3', ContentType: 'application/json', Body: JSON.stringify({ inputs: prompt }) }));
}`,
        'src/app.ts': `import { complete } from './endpoint';
export const answer = (tenant: string) => complete('hi', { feature: 'inbox-triage', tenant });`,
      },
      sites: [{ file: 'src/app.ts', line: 2, column: 43, kind: 'model', sdk: 'wrapper', callee: 'complete' }],
    },
    {
      name: 'precision: a look-alike command and another service are no call sites',
      callSites: 0,
      files: `import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { SageMakerClient, DescribeEndpointCommand } from '@aws-sdk/client-sagemaker';
class InvokeEndpointCommand { constructor(readonly input: object) {} }
const runtime = new SageMakerRuntimeClient({});
const control = new SageMakerClient({});
export async function check() {
  await runtime.send(new InvokeEndpointCommand({}) as never);
  await control.send(new DescribeEndpointCommand({ EndpointName: 'e' }));
}`,
    },
  ],
  invalid: [
    {
      name: 'every invocation command and the aggregated client are model calls with no carrier',
      files: `import { SageMakerRuntime, SageMakerRuntimeClient, InvokeEndpointWithResponseStreamCommand, InvokeEndpointAsyncCommand } from '@aws-sdk/client-sagemaker-runtime';
const client = new SageMakerRuntimeClient({ region: 'eu-west-1' });
const aggregated = new SageMakerRuntime({ region: 'eu-west-1' });
export async function run(body: string) {
  const stream = await client.send(new InvokeEndpointWithResponseStreamCommand({ EndpointName: 'e', Body: body, CustomAttributes: 'feature=inbox-triage' }));
  await client.send(new InvokeEndpointAsyncCommand({ EndpointName: 'e', InputLocation: 's3://b/k' }));
  await aggregated.invokeEndpoint({ EndpointName: 'e', Body: body });
  return stream;
}`,
      errors: [
        { ruleId: 'missing-tags', line: 5, column: 24, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 6, column: 9, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 7, column: 9, missing: ['feature', 'team', 'tenant'] },
      ],
      sites: [
        { line: 5, column: 24, kind: 'model', sdk: 'sagemaker-runtime', callee: 'send(InvokeEndpointWithResponseStreamCommand)', tags: {} },
        { line: 6, column: 9, kind: 'model', sdk: 'sagemaker-runtime', callee: 'send(InvokeEndpointAsyncCommand)', tags: {} },
        { line: 7, column: 9, kind: 'model', sdk: 'sagemaker-runtime', callee: 'invokeEndpoint', tags: {} },
      ],
    },
  ],
});
