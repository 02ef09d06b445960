import { ruleTester } from '../../lint/rule-tester.js';

// Shaped on the AWS SDK v3 code examples (javascriptv3/example_code/bedrock-agent-runtime: InvokeAgentCommand)
// and aws-samples knowledge-base samples (RetrieveAndGenerateCommand, RetrieveCommand).

ruleTester('pack bedrock-agent-runtime', {
  valid: [
    {
      name: 'precision: session storage commands are no call sites',
      callSites: 0,
      files: `import { BedrockAgentRuntimeClient, CreateSessionCommand, GetSessionCommand } from '@aws-sdk/client-bedrock-agent-runtime';
const client = new BedrockAgentRuntimeClient({});
export async function session() {
  const { sessionId } = await client.send(new CreateSessionCommand({}));
  return client.send(new GetSessionCommand({ sessionIdentifier: sessionId }));
}`,
    },
  ],
  invalid: [
    {
      name: 'agents, knowledge-base retrieval and retrieve-and-generate are billed',
      files: `import { BedrockAgentRuntimeClient, InvokeAgentCommand, RetrieveCommand, RetrieveAndGenerateCommand } from '@aws-sdk/client-bedrock-agent-runtime';
const client = new BedrockAgentRuntimeClient({ region: 'us-east-1' });
export async function ask(text: string) {
  await client.send(new InvokeAgentCommand({ agentId: 'A', agentAliasId: 'B', sessionId: 's', inputText: text }));
  await client.send(new RetrieveCommand({ knowledgeBaseId: 'KB', retrievalQuery: { text } }));
  await client.send(new RetrieveAndGenerateCommand({ input: { text } }));
}`,
      errors: [4, 5, 6].map((line) => ({ ruleId: 'missing-tags', line, column: 9, missing: ['feature', 'team', 'tenant'] })),
      sites: [
        { line: 4, column: 9, kind: 'model', sdk: 'bedrock-agent-runtime', callee: 'send(InvokeAgentCommand)', tags: {} },
        { line: 5, column: 9, kind: 'model', sdk: 'bedrock-agent-runtime', callee: 'send(RetrieveCommand)', tags: {} },
        { line: 6, column: 9, kind: 'model', sdk: 'bedrock-agent-runtime', callee: 'send(RetrieveAndGenerateCommand)', tags: {} },
      ],
    },
  ],
});
